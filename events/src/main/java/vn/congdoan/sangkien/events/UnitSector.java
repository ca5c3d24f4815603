package vn.congdoan.sangkien.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * The kind of workplace a grassroots union organises (khối), for the breakdowns of the standings. A short list on
 * purpose: the article's provinces speak of the enterprise block, hospitals and schools, and state bodies.
 */
public enum UnitSector {
    /** Doanh nghiệp nhà nước: a state-owned enterprise. */
    STATE_OWNED_ENTERPRISE,
    /** Doanh nghiệp ngoài nhà nước: a private enterprise. */
    PRIVATE_ENTERPRISE,
    /** Doanh nghiệp có vốn đầu tư nước ngoài: a foreign-invested enterprise. */
    FOREIGN_INVESTED_ENTERPRISE,
    /** Đơn vị sự nghiệp công lập: a public service unit (hospital, school, research institute). */
    PUBLIC_SERVICE_UNIT,
    /** Cơ quan hành chính nhà nước: an administrative body (department, people's committee). */
    ADMINISTRATIVE_BODY,
    /** Anything else, and a kind this reader does not know yet. */
    @JsonEnumDefaultValue
    OTHER
}
