package vn.congdoan.sangkien.submission.service;

import static vn.congdoan.sangkien.events.InitiativeStatus.DRAFT;
import static vn.congdoan.sangkien.events.InitiativeStatus.DUPLICATE;
import static vn.congdoan.sangkien.events.InitiativeStatus.NOT_RECOGNIZED;
import static vn.congdoan.sangkien.events.InitiativeStatus.RECOGNIZED;
import static vn.congdoan.sangkien.events.InitiativeStatus.SUBMITTED;
import static vn.congdoan.sangkien.events.InitiativeStatus.UNDER_REVIEW;
import static vn.congdoan.sangkien.events.InitiativeStatus.WITHDRAWN;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;

/** The legal moves between statuses. */
public final class Lifecycle {

    private static final Map<InitiativeStatus, Set<InitiativeStatus>> NEXT = Map.of(
            DRAFT, EnumSet.of(SUBMITTED),
            SUBMITTED, EnumSet.of(UNDER_REVIEW, WITHDRAWN, DUPLICATE),
            UNDER_REVIEW, EnumSet.of(RECOGNIZED, NOT_RECOGNIZED, WITHDRAWN, DUPLICATE),
            RECOGNIZED, EnumSet.of(DUPLICATE),
            NOT_RECOGNIZED, EnumSet.of(DUPLICATE),
            WITHDRAWN, EnumSet.noneOf(InitiativeStatus.class),
            DUPLICATE, EnumSet.noneOf(InitiativeStatus.class));

    private Lifecycle() {
    }

    public static boolean allowed(InitiativeStatus from, InitiativeStatus to) {
        return NEXT.get(from).contains(to);
    }

    /** @throws ProblemException 409 naming {@code status} when the move is not allowed */
    public static void check(InitiativeStatus from, InitiativeStatus to) {
        if (!allowed(from, to)) {
            boolean last = NEXT.get(from).isEmpty();
            throw ProblemException.transition(Text.of("An initiative in status " + from + " cannot become " + to
                    + (last ? "; " + from + " is final" : "; allowed: " + NEXT.get(from)), "Sáng kiến ở trạng thái "
                    + from + " không thể chuyển sang " + to + (last ? "; " + from + " là trạng thái cuối"
                    : "; được phép: " + NEXT.get(from)))).allowed(NEXT.get(from));
        }
    }
}
