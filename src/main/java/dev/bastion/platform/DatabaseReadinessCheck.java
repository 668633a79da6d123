package dev.bastion.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the schema is migrated and the database answers now. */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    @Inject
    DatabaseMigrator migrator;

    @Inject
    InstallationIdentity installation;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database");
        migrator.state().ifPresent(s -> response
                .withData("vendor", s.vendor())
                .withData("schemaVersion", s.schemaVersion()));
        installation.id().ifPresent(id -> response.withData("installation", id));
        migrator.failure().ifPresent(f -> response.withData("migrationError", f));
        boolean reachable = migrator.reachable();
        response.withData("reachable", reachable);
        return response.status(migrator.state().isPresent() && reachable).build();
    }
}
