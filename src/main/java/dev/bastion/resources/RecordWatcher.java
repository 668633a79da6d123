package dev.bastion.resources;

import dev.bastion.mcp.spi.FeatureChanged;
import dev.bastion.orm.RecordChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

/**
 * Turns committed record changes into MCP notifications: {@code resources/updated} for the
 * record's resource (whoever changed it: a tool, a business method, another client), and
 * {@code resources/list_changed} when a resource definition changed.
 */
@ApplicationScoped
public class RecordWatcher {

    @Inject
    Event<FeatureChanged> features;

    void changed(@ObservesAsync RecordChanged change) {
        features.fireAsync(FeatureChanged.resourceUpdated("bastion://record/" + change.model() + "/" + change.id()));
        if (change.model().equals("mcp.resource")) {
            features.fireAsync(FeatureChanged.resources());
        }
    }
}
