package vn.congdoan.sangkien.kit.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Writes the audit entry of a change in the change's own transaction: the entry commits with the change or not at
 * all, so no change goes unrecorded, whatever becomes of the process after it answers. A write request's entry goes
 * with the first of its transactions that changes something, written just before that commits; a request that writes
 * in one statement outside any transaction (a new initiative's group commit) hands the entry to that statement
 * ({@link #claim()}). An entry written with its change has no status: the answer is not known yet. A write request
 * that changed nothing (an import whose rows were all unchanged) is recorded by {@link AuditLog} after its answer.
 */
@ApplicationScoped
public class ChangeAudit {

    /** What an entry records: who, by method and path. */
    public record Entry(String actor, String method, String path) {

        /** Binds actor, method and path from {@code first}; nulls for no entry (a statement then writes none). */
        public static int bind(PreparedStatement statement, int first, Entry entry) throws SQLException {
            statement.setString(first, entry == null ? null : entry.actor());
            statement.setString(first + 1, entry == null ? null : entry.method());
            statement.setString(first + 2, entry == null ? null : entry.path());
            return first + 3;
        }

        /** Binds actors, methods and paths as arrays from {@code first}, for {@link #INSERT_ALL_CTE}; nulls write none. */
        public static int bindAll(PreparedStatement statement, int first, List<Entry> entries) throws SQLException {
            int n = entries.size();
            String[] actors = new String[n];
            String[] methods = new String[n];
            String[] paths = new String[n];
            for (int i = 0; i < n; i++) {
                Entry entry = entries.get(i);
                if (entry != null) {
                    actors[i] = entry.actor();
                    methods[i] = entry.method();
                    paths[i] = entry.path();
                }
            }
            statement.setObject(first, actors);
            statement.setObject(first + 1, methods);
            statement.setObject(first + 2, paths);
            return first + 3;
        }
    }

    /**
     * A common table expression writing the entry bound by {@link Entry#bind}, if any, for a statement that writes a
     * change: {@code with change as (...), }{@value} {@code ...}.
     */
    public static final String INSERT_CTE = """
            audit_row as (
                insert into audit_entry (actor, method, path, occurrences)
                select e.actor, e.method, e.path, 1 from (values (?::text, ?::text, ?::text)) as e (actor, method, path)
                where e.actor is not null
            )""";

    /** As {@link #INSERT_CTE}, for many entries bound by {@link Entry#bindAll}. */
    public static final String INSERT_ALL_CTE = """
            audit_rows as (
                insert into audit_entry (actor, method, path, occurrences)
                select e.actor, e.method, e.path, 1 from unnest(?::text[], ?::text[], ?::text[]) as e (actor, method, path)
                where e.actor is not null
            )""";

    private final AuditedRequest request;
    private final CurrentIdentityAssociation identities;
    private final TransactionSynchronizationRegistry transactions;
    private final DataSource dataSource;

    public ChangeAudit(AuditedRequest request, CurrentIdentityAssociation identities,
            TransactionSynchronizationRegistry transactions, DataSource dataSource) {
        this.request = request;
        this.identities = identities;
        this.transactions = transactions;
        this.dataSource = dataSource;
    }

    /** Marks a write request as one whose change is audited, naming its caller. */
    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public Uni<Void> begin(ContainerRequestContext context, HttpServerRequest http) {
        String method = context.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return Uni.createFrom().voidItem();
        }
        // as sent: the absolute URI that UriInfo would build first is not needed to name the request
        String path = http.path() + (http.query() == null ? "" : "?" + http.query());
        AuditedRequest.State state = request.state();
        return identities.getDeferredIdentity().onFailure().recoverWithNull().map(identity -> {
            state.entry = new Entry(identity == null || identity.isAnonymous() ? "anonymous"
                    : Principals.subject(identity), method, path);
            return null;
        });
    }

    /**
     * A transaction a write request begins carries its entry, written just before it commits if it changed anything
     * (a transaction that only read, such as an API key's lookup, writes none, and the next one carries it).
     */
    void transactionBegun(@Observes @Initialized(TransactionScoped.class) Object transaction) {
        if (!Arc.container().requestContext().isActive()) {
            return; // a writer thread, a consumer, a scheduled job: not a request
        }
        // the state itself, not the request-scoped bean: completion may run where no request is active
        AuditedRequest.State current = request.state();
        if (current.entry == null || current.recorded || current.pending) {
            return;
        }
        current.pending = true;
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // The entry's statement must follow the change's own: Hibernate writes an entity's changes in a
                // synchronization of its own, registered after this one, so the entry goes in one registered now,
                // which runs after all of them.
                if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
                    transactions.registerInterposedSynchronization(new EntryWriter(current));
                }
            }

            @Override
            public void afterCompletion(int status) {
                current.pending = false;
            }
        });
    }

    /** Writes the entry on the transaction's own connection (the pool hands out the one enlisted in it). */
    private final class EntryWriter implements Synchronization {

        private final AuditedRequest.State state;
        private boolean written;

        EntryWriter(AuditedRequest.State state) {
            this.state = state;
        }

        @Override
        public void beforeCompletion() {
            if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
                return;
            }
            Entry entry = state.entry;
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement insert = connection.prepareStatement("insert into audit_entry (actor, method, "
                            + "path, occurrences) select ?, ?, ?, 1 where txid_current_if_assigned() is not null")) {
                Entry.bind(insert, 1, entry);
                written = insert.executeUpdate() == 1;
            } catch (SQLException e) {
                // thrown from beforeCompletion, it rolls the transaction back: no change without its entry
                throw new IllegalStateException("The audit entry of " + entry.method() + " " + entry.path()
                        + " could not be written; the change is not made", e);
            }
        }

        @Override
        public void afterCompletion(int status) {
            if (written && status == Status.STATUS_COMMITTED) {
                state.recorded = true;
            }
        }
    }

    /**
     * The entry of the current write request, for a statement that writes it with the change on its own ({@link
     * #INSERT_CTE}); the request is audited by that statement from now on. Null when there is nothing to hand over:
     * not a write request, already recorded, or inside a transaction, which carries the entry itself.
     */
    public Entry claim() {
        if (!Arc.container().requestContext().isActive() || transactions.getTransactionKey() != null) {
            return null;
        }
        AuditedRequest.State current = request.state();
        if (current.entry == null || current.recorded || current.pending) {
            return null;
        }
        current.recorded = true;
        return current.entry;
    }

    /** Whether the current request's entry was written with its change; false outside a request. */
    boolean recorded() {
        return Arc.container().requestContext().isActive() && request.state().recorded;
    }
}
