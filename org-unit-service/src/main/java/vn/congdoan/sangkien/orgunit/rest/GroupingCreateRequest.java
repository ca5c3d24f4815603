package vn.congdoan.sangkien.orgunit.rest;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import vn.congdoan.sangkien.events.GroupingKind;

/** A new region or emulation cluster; {@code validTo} is the first day it no longer applies. */
public record GroupingCreateRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "{sangkien.code}")
        String code,
        @NotBlank @Size(max = 300) String name,
        @NotNull GroupingKind kind,
        LocalDate validFrom,
        LocalDate validTo) {
}
