package dev.bastion.platform.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the cluster was asked for ({@code bastion.cluster.enabled}) and no data grid was found. */
@Readiness
@ApplicationScoped
public class ClusterReadinessCheck implements HealthCheck {

    @Inject
    GridProvider grids;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("cluster").status(grids.unavailable().isEmpty()).build();
    }
}
