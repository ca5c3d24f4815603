package vn.congdoan.sangkien.orgunit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import vn.congdoan.sangkien.events.ProgrammeState;

/** An emulation programme with its phases; {@code endDate} is its last day, {@code null} while it goes on. */
@Entity
@Table(name = "programme")
public class Programme {

    @Id
    public String code;

    public String name;
    public LocalDate startDate;
    public LocalDate endDate;
    public Long nationalTarget;

    /** In the order they were added. */
    @OneToMany(mappedBy = "programme", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    public List<ProgrammePhase> phases = new ArrayList<>();

    @Version
    public long version;

    public Instant createdAt;
    public Instant updatedAt;

    public Optional<ProgrammePhase> phase(String phaseCode) {
        return phases.stream().filter(p -> p.code.equals(phaseCode)).findFirst();
    }

    /**
     * The programme as {@code programmes.v1} carries it: each phase with {@code targets} gives it, those set
     * nationally; the others go on {@code unit-targets.v1}.
     */
    public ProgrammeState toState(Function<ProgrammePhase, List<ProgrammeState.Target>> targets) {
        return new ProgrammeState(code, name, startDate, endDate, nationalTarget,
                phases.stream().map(p -> p.toState(targets.apply(p))).toList(), version);
    }
}
