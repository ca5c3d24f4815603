package vn.congdoan.sangkien.submission.rest;

import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The members of the evaluation council assigned to an initiative; replaces the earlier assignment. */
public record ReviewersRequest(@NotNull @Size(max = 15) Set<@NotBlank @Size(max = 100) String> memberIds) {
}
