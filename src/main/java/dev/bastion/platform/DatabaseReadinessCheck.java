package dev.bastion.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when the schema is migrated and the database answers now. {@code /health} is
 * public (load balancers ask it without credentials), so it says UP or DOWN and nothing else:
 * the installation id, database vendor, schema version and the reason it is not ready are
 * shown only where ops switch them on ({@code bastion.health.details=true}); the log always
 * has the reason.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    @Inject
    DatabaseMigrator migrator;

    @Inject
    DatabaseAvailability availability;

    @Inject
    InstallationIdentity installation;

    @Inject
    @ConfigProperty(name = "bastion.health.details", defaultValue = "false")
    boolean details;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database");
        boolean reachable = availability.reachable();
        if (details) {
            migrator.state().ifPresent(s -> response
                    .withData("vendor", s.vendor())
                    .withData("schemaVersion", s.schemaVersion()));
            installation.id().ifPresent(id -> response.withData("installation", id));
            migrator.failure().ifPresent(f -> response.withData("notReadyBecause", f));
            response.withData("reachable", reachable);
        }
        return response.status(migrator.state().isPresent() && reachable).build();
    }
}
