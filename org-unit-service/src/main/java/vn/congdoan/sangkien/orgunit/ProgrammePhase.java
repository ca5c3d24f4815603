package vn.congdoan.sangkien.orgunit;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import vn.congdoan.sangkien.events.ProgrammeState;

/** A phase (giai đoạn) of a programme; its dates are {@code null} while they are not known. */
@Entity
@Table(name = "programme_phase")
public class ProgrammePhase extends KeyedByDatabase {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "programme_code")
    public Programme programme;

    public String code;
    public String name;
    public LocalDate startDate;
    public LocalDate endDate;

    /**
     * The targets of every unit that has one in this phase, set in parts: nationally for the units directly below the
     * confederation, by each parent for its children. A set, so that a change writes only the rows it changes.
     */
    @ElementCollection
    @CollectionTable(name = "programme_target", joinColumns = @JoinColumn(name = "phase_id"))
    @OrderBy("unitId")
    public Set<ProgrammeTarget> targets = new LinkedHashSet<>();

    /**
     * The phase with {@code published}, by unit id in its text form, the order PostgreSQL gives uuids and the events
     * always had.
     */
    public ProgrammeState.Phase toState(List<ProgrammeState.Target> published) {
        return new ProgrammeState.Phase(code, name, startDate, endDate, published.stream()
                .sorted(Comparator.comparing(t -> t.unitId().toString())).toList());
    }
}
