package vn.congdoan.sangkien.submission.service;

import vn.congdoan.sangkien.events.InitiativeStatus;

/**
 * The evaluation council's assessment: novelty, feasibility and effectiveness scored 1–10, the decision
 * (RECOGNIZED or NOT_RECOGNIZED) and the estimated yearly benefit in VND.
 */
public record Review(int novelty, int feasibility, int effectiveness, InitiativeStatus decision,
        long estimatedBenefitVnd, String comment) {
}
