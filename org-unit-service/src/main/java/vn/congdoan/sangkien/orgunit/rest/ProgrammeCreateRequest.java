package vn.congdoan.sangkien.orgunit.rest;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** A new programme; {@code endDate} is its last day. */
public record ProgrammeCreateRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "{sangkien.code}")
        String code,
        @NotBlank @Size(max = 300) String name,
        @NotNull LocalDate startDate,
        @NotNull LocalDate endDate,
        @PositiveOrZero Long nationalTarget) {
}
