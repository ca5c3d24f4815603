package vn.congdoan.sangkien.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An event that is published with CloudEvents headers (binary content mode for Kafka: {@code ce_id},
 * {@code ce_type}, {@code ce_source}, {@code ce_time}, {@code ce_specversion}), so that routers and auditors can
 * read what it is without parsing its value.
 */
public interface CloudEvent {

    UUID eventId();

    /** The CloudEvents type, e.g. {@code InitiativeSubmitted}. */
    String cloudEventType();

    Instant occurredAt();
}
