package vn.congdoan.sangkien.ranking.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.ranking.InitiativeState;
import vn.congdoan.sangkien.ranking.Standing;
import vn.congdoan.sangkien.ranking.Submitter;

/**
 * Applies initiative events to the running counts. An event older than or equal to the version already applied
 * changes nothing, so each change counts exactly once whatever the broker redelivers.
 */
@ApplicationScoped
public class StandingsUpdater {

    private final EntityManager em;

    public StandingsUpdater(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public void applyAll(List<InitiativeEvent> events) {
        events.forEach(this::apply);
    }

    /** @return whether the event changed anything */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(InitiativeEvent event) {
        InitiativeState state = em.find(InitiativeState.class, event.initiativeId(), LockModeType.PESSIMISTIC_WRITE);
        if (state != null && event.version() <= state.version) {
            return false;
        }
        if (state == null) {
            state = new InitiativeState();
            state.initiativeId = event.initiativeId();
        } else {
            contribute(state, -1);
        }
        state.programmeCode = event.programmeCode();
        state.provinceId = event.provinceId();
        state.status = event.status();
        state.authorIds = List.copyOf(event.authorIds());
        state.submittedAt = event.submittedAt();
        state.version = event.version();
        if (!em.contains(state)) {
            em.persist(state);
        }
        contribute(state, +1);
        return true;
    }

    /** Adds ({@code sign} = +1) or removes (-1) what one initiative contributes under the counting rule. */
    private void contribute(InitiativeState state, int sign) {
        if (!state.status.countsAsSubmission()) {
            return;
        }
        Standing standing = standing(state.programmeCode, state.provinceId);
        standing.submissions += sign;
        if (state.status.countsAsRecognized()) {
            standing.recognized += sign;
        }
        for (String member : state.authorIds.stream().distinct().toList()) {
            Submitter.Key key = new Submitter.Key(state.programmeCode, state.provinceId, member);
            Submitter submitter = em.find(Submitter.class, key, LockModeType.PESSIMISTIC_WRITE);
            if (submitter == null) {
                submitter = new Submitter();
                submitter.key = key;
                em.persist(submitter);
            }
            int before = submitter.initiatives;
            submitter.initiatives += sign;
            if (before == 0 && submitter.initiatives == 1) {
                standing.submitters++;
            } else if (before == 1 && submitter.initiatives == 0) {
                standing.submitters--;
            }
        }
    }

    private Standing standing(String programmeCode, UUID provinceId) {
        Standing.Key key = new Standing.Key(programmeCode, provinceId);
        Standing standing = em.find(Standing.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (standing == null) {
            standing = new Standing();
            standing.key = key;
            em.persist(standing);
        }
        return standing;
    }
}
