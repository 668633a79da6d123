package dev.bastion.prompts;

import dev.bastion.mcp.spi.FeatureChanged;
import dev.bastion.orm.RecordChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

/** Tells every open client that the prompt list changed when a prompt or one of its arguments did. */
@ApplicationScoped
public class PromptChanges {

    @Inject
    Event<FeatureChanged> features;

    void changed(@ObservesAsync RecordChanged change) {
        if (change.model().equals("mcp.prompt") || change.model().equals("mcp.prompt.argument")) {
            features.fireAsync(FeatureChanged.prompts());
        }
    }
}
