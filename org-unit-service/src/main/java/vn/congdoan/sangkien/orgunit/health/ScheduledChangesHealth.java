package vn.congdoan.sangkien.orgunit.health;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.health.api.Wellness;
import vn.congdoan.sangkien.orgunit.ScheduledChange;
import vn.congdoan.sangkien.orgunit.config.ScheduledChangesConfig;
import vn.congdoan.sangkien.orgunit.repository.ScheduledChangeRepository;
import vn.congdoan.sangkien.orgunit.service.OrgUnitService;

/**
 * Tells monitoring, at {@code /q/health/well}, of restructurings that did not happen on their day: DOWN while a
 * scheduled change has failed within {@code scheduled-changes.alert-period}, or a pending one's day is over
 * (the database was away, say, at every check of that day). The failed change itself says why
 * ({@code GET /api/v1/scheduled-changes/{id}}).
 */
@Wellness
@ApplicationScoped
public class ScheduledChangesHealth implements HealthCheck {

    private final ScheduledChangeRepository changes;
    private final OrgUnitService units;
    private final ScheduledChangesConfig config;

    public ScheduledChangesHealth(ScheduledChangeRepository changes, OrgUnitService units,
            ScheduledChangesConfig config) {
        this.changes = changes;
        this.units = units;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("scheduled-changes");
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Optional<ScheduledChange> failed = changes.latestFailedSince(Instant.now().minus(config.alertPeriod()));
                long overdue = changes.overdue(units.today());
                response.withData("alertPeriodDays", config.alertPeriod().toDays()).withData("overdue", overdue);
                failed.ifPresent(latest -> response.withData("latestFailed", latest.id.toString())
                        .withData("latestFailedAt", latest.settledAt.toString()));
                return response.status(failed.isEmpty() && overdue == 0).build();
            });
        } catch (RuntimeException e) {
            return response.down().withData("reason", "Scheduled changes could not be read: " + e.getMessage())
                    .build();
        }
    }
}
