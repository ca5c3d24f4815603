package vn.congdoan.sangkien.events;

import java.util.UUID;

/**
 * Value of {@link Topics#UNIT_TARGETS}: the target of one unit below the provinces in one phase of a programme, as
 * the administrators of its parent set it. The targets set nationally (the confederation's, the provinces' and the
 * national unions') travel with the programme on {@link Topics#PROGRAMMES}.
 *
 * @param target  the number of submissions the unit aims for; {@code null} once its parent took it away
 * @param version the programme's version when it was set: a later one replaces an earlier one
 */
public record UnitTargetState(String programmeCode, String phaseCode, UUID unitId, Long target, long version) {

    /** The record's key on {@link Topics#UNIT_TARGETS}: one per unit and phase. */
    public static String key(String programmeCode, String phaseCode, UUID unitId) {
        return programmeCode + "/" + phaseCode + "/" + unitId;
    }
}
