package vn.congdoan.sangkien.submission;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import vn.congdoan.sangkien.events.ProgrammeState;

/** A programme as last published on {@code programmes.v1}: what a submission is checked against. */
@Entity
@Table(name = "programme_replica")
public class ProgrammeReplica {

    @Id
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(name = "start_date", nullable = false)
    public LocalDate startDate;

    /** The programme's last day; {@code null} while it has none. */
    @Column(name = "end_date")
    public LocalDate endDate;

    @Column(nullable = false)
    public long version;

    public void apply(ProgrammeState state) {
        code = state.code();
        name = state.name();
        startDate = state.startDate();
        endDate = state.endDate();
        version = state.version();
    }
}
