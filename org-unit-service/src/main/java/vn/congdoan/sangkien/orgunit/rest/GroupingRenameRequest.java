package vn.congdoan.sangkien.orgunit.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record GroupingRenameRequest(@NotBlank @Size(max = 300) String name) {
}
