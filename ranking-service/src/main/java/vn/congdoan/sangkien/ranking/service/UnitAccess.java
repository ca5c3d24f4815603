package vn.congdoan.sangkien.ranking.service;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.security.Caller;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.ranking.repository.UnitRepository;
import vn.congdoan.sangkien.ranking.repository.UnitRepository.Unit;

/**
 * Who sees the figures of units below a province. The rows directly below the confederation (the provinces and the
 * national unions) are public, as the national standings are. Rows below a province (or a national union), its
 * "home", are shown to the signed-in members, officers and systems of that home, to national roles (national
 * administrators, and anyone whose unit is the confederation), and to everyone once the home made them public. Rows
 * of one type across the whole country are for national roles only.
 */
@ApplicationScoped
public class UnitAccess {

    private final UnitRepository units;
    private final ReferenceLookups lookups;
    private final Clock clock;

    public UnitAccess(UnitRepository units, ReferenceLookups lookups, Clock clock) {
        this.units = units;
        this.lookups = lookups;
        this.clock = clock;
    }

    /** The setting of a home: whether the figures of its units are public. */
    public record Visibility(UnitStandings.UnitRef home, boolean figuresPublic) {
    }

    /** @throws ProblemException 401 or 403 when {@code caller} may not see the rows below {@code root} */
    public void checkRead(Caller caller, Unit root, OrgUnitType level) {
        boolean top = root.type() == OrgUnitType.CONFEDERATION;
        if (top && level == null) {
            return;
        }
        Unit home = top ? null : home(lookups.chain(root.id()));
        if (!caller.anonymous()) {
            if (caller.has(Roles.NATIONAL_ADMIN)) {
                return;
            }
            UUID scope = caller.unit().orElse(null);
            List<Unit> callerChain = scope == null ? List.of() : lookups.chain(scope);
            boolean national = !callerChain.isEmpty() && callerChain.get(0).type() == OrgUnitType.CONFEDERATION;
            if (national || home != null && callerChain.stream().anyMatch(u -> u.id().equals(home.id()))) {
                return;
            }
        }
        // asked only of those the home's own rule does not let in, as the setting changes outside the reference data
        if (home != null && units.figuresPublic(home.id())) {
            return;
        }
        if (caller.anonymous()) {
            throw ProblemException.unauthorized();
        }
        throw ProblemException.forbidden(home == null
                ? Text.of("the figures of units across the country are for national roles",
                        "số liệu của các đơn vị trên cả nước chỉ dành cho cấp Trung ương")
                : Text.of("the figures of the units of " + home.name() + " are for its members and officers",
                        "số liệu của các đơn vị thuộc " + home.name() + " chỉ dành cho đoàn viên và cán bộ của "
                                + "đơn vị đó"));
    }

    /**
     * @throws ProblemException 401 or 403 when {@code caller} may not see the figures of {@code unit} as a whole:
     *                          public for the confederation, the provinces and national unions, and as the rows below
     *                          its province for any other unit
     */
    public void checkFigures(Caller caller, Unit unit) {
        if (unit.type() == OrgUnitType.CONFEDERATION || home(lookups.chain(unit.id())).id().equals(unit.id())) {
            return;
        }
        checkRead(caller, unit, null);
    }

    /** The home of {@code unit} and its setting. */
    public Visibility visibility(Unit unit) {
        Unit home = homeOf(unit);
        return new Visibility(UnitStandings.UnitRef.of(home), units.figuresPublic(home.id()));
    }

    /** Makes the figures of a home's units public, or its own again: its administrators and national ones. */
    public Visibility setVisibility(Caller caller, Unit unit, boolean figuresPublic) {
        Unit home = homeOf(unit);
        if (!home.id().equals(unit.id())) {
            throw ProblemException.unprocessable("unit", Text.of("only a province or national union decides who sees "
                    + "the figures of its units; " + unit.name() + " is below " + home.name(), "chỉ cấp tỉnh hoặc công "
                    + "đoàn ngành Trung ương quyết định ai xem được số liệu các đơn vị của mình; " + unit.name()
                    + " thuộc " + home.name()));
        }
        boolean allowed = caller.has(Roles.NATIONAL_ADMIN) || caller.has(Roles.UNIT_ADMIN)
                && caller.unit().map(home.id()::equals).orElse(false);
        if (!allowed) {
            throw ProblemException.forbidden(Text.of("only the administrators of " + home.name() + " decide this",
                    "chỉ quản trị viên của " + home.name() + " được quyết định việc này"));
        }
        units.figuresPublic(home.id(), figuresPublic, caller.key(), clock.instant());
        return new Visibility(UnitStandings.UnitRef.of(home), figuresPublic);
    }

    private Unit homeOf(Unit unit) {
        if (unit.type() == OrgUnitType.CONFEDERATION) {
            throw ProblemException.unprocessable("unit", Text.of("the confederation's own rows are public",
                    "số liệu cấp Trung ương là công khai"));
        }
        return home(lookups.chain(unit.id()));
    }

    /** The highest unit of a chain (nearest first) below the confederation. */
    private static Unit home(List<Unit> chain) {
        Unit home = chain.get(0);
        for (Unit u : chain) {
            if (u.type() != OrgUnitType.CONFEDERATION) {
                home = u;
            }
        }
        return home;
    }
}
