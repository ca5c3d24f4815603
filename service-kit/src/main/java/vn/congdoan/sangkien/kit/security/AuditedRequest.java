package vn.congdoan.sangkien.kit.security;

import jakarta.enterprise.context.RequestScoped;

/** The audit state of the request being served. */
@RequestScoped
class AuditedRequest {

    /** What a write request's entry records, and whether it is written; plain, so completions may hold on to it. */
    static final class State {
        /** What the entry records (without its actor); null while the request is not a write. */
        ChangeAudit.Entry entry;
        /** A transaction of the request carries the entry and has not completed yet. */
        volatile boolean pending;
        /** Written: by a committed transaction, or handed to a statement that writes it with the change. */
        volatile boolean recorded;
    }

    private final State state = new State();

    State state() {
        return state;
    }
}
