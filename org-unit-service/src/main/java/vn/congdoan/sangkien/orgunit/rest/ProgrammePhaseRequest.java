package vn.congdoan.sangkien.orgunit.rest;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new phase; leave a date out while it is not known. {@code endDate} is the phase's last day. */
public record ProgrammePhaseRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "{sangkien.code}")
        String code,
        @NotBlank @Size(max = 300) String name,
        LocalDate startDate,
        LocalDate endDate) {
}
