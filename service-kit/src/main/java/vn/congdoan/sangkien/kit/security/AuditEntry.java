package vn.congdoan.sangkien.kit.security;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One successful write, or refused attempts: who (token subject or API key), what (method and path) and when. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, insertable = false, updatable = false)
    public Instant at;

    public String actor;
    public String method;
    public String path;

    /** The answer's status; none for a change, whose entry is written with it, before the answer. */
    public Integer status;

    /** How many times this happened: refusals of one caller, request and status are summed over a few seconds. */
    public int occurrences;
}
