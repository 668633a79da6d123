package dev.bastion.tools;

import dev.bastion.mcp.spi.FeatureChanged;
import dev.bastion.orm.RecordChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * Tells every open client that the tool list changed when a tool record changed, and when
 * access rights, overrides or group memberships did (they decide which tools a user is offered).
 */
@ApplicationScoped
public class ToolChanges {

    private static final Set<String> DECIDING = Set.of("mcp.tool", "ir.model.access", "mcp.model.override",
            "res.groups", "res.users");

    @Inject
    Event<FeatureChanged> features;

    @Inject
    ToolCatalog catalog;

    void changed(@ObservesAsync RecordChanged change) {
        if (DECIDING.contains(change.model())) {
            // Forget first: a client told of the change must list the new tools, not the cached ones.
            catalog.invalidate();
            features.fireAsync(FeatureChanged.tools());
        }
    }
}
