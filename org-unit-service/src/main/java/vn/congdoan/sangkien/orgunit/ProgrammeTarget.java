package vn.congdoan.sangkien.orgunit;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** The number of submissions a unit aims for in one phase. */
@Embeddable
public record ProgrammeTarget(
        @Column(name = "unit_id", nullable = false) UUID unitId,
        @Column(name = "target", nullable = false) long target) {
}
