package dev.bastion.tools;

import dev.bastion.mcp.protocol.McpException;
import dev.bastion.mcp.spi.RequestContext;
import dev.bastion.mcp.spi.ToolResult;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.bastion.json.Jsons;
import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * Asks the user to confirm a destructive call through elicitation: {@code elicitation/create}
 * on the stateful revisions, an {@code input_required} round trip on 2026-07-28 (the engine
 * bridges the two). A client that cannot ask proceeds, as today's clients expect, unless the
 * {@code bastion.mcp.require-confirmation} setting says to refuse.
 */
@ApplicationScoped
public class Confirmation {

    @Inject
    SettingsService settings;

    /**
     * @param question what will happen, as a question to the user
     * @return empty to go on, or the result to answer with (declined, or refused)
     */
    Optional<ToolResult> ask(String question, RequestContext context) {
        if (!context.clientSupports("elicitation")) {
            if (settings.getBoolean(SettingKey.MCP_REQUIRE_CONFIRMATION)) {
                return Optional.of(ToolResult.error("Refused: this server requires the user's confirmation for "
                        + "destructive actions and your client cannot ask for it (no elicitation support). Nothing was changed."));
            }
            return Optional.empty();
        }
        JsonObject schema = Jsons.createObjectBuilder().add("type", "object")
                .add("properties", Jsons.createObjectBuilder().add("confirm", Jsons.createObjectBuilder()
                        .add("type", "boolean").add("title", "Confirm").add("description", "Yes, do it")))
                .add("required", Jsons.createArrayBuilder().add("confirm")).build();
        JsonObject answer;
        try {
            answer = context.requestFromClient("elicitation/create", Jsons.createObjectBuilder()
                    .add("message", question).add("requestedSchema", schema).build(),
                    settings.getDuration(SettingKey.MCP_CLIENT_REQUEST_TIMEOUT));
        } catch (McpException e) {
            return Optional.of(ToolResult.error("Not done: the confirmation could not be obtained (" + e.getMessage()
                    + "). Nothing was changed."));
        }
        String action = answer.getString("action", "cancel");
        JsonObject content = answer.containsKey("content") && answer.get("content") instanceof JsonObject c ? c : null;
        if ("accept".equals(action) && content != null && content.getBoolean("confirm", false)) {
            return Optional.empty();
        }
        return Optional.of(ToolResult.error("Not done: the user did not confirm (" + action + "). Nothing was changed."));
    }
}
