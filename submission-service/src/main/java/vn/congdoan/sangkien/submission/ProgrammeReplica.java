package vn.congdoan.sangkien.submission;

import java.time.LocalDate;

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

    public String name;
    public LocalDate startDate;

    /** The programme's last day; {@code null} while it has none. */
    public LocalDate endDate;
    public long version;

    public void apply(ProgrammeState state) {
        code = state.code();
        name = state.name();
        startDate = state.startDate();
        endDate = state.endDate();
        version = state.version();
    }
}
