package dev.bastion.admin.dashboard;

import dev.bastion.admin.Console;
import dev.bastion.json.Jsons;
import dev.bastion.orm.OrmException;
import dev.bastion.orm.Records;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** {@code /admin/dashboard.xhtml}: counts of what the installation holds. */
@Named
@RequestScoped
public class DashboardBacking {

    /** One figure; {@code count} is null when the engine refused to count it (the message says why). */
    public record Figure(String label, Long count, String hint) {
    }

    @Inject
    Console console;

    @Inject
    Records records;

    private final List<Figure> figures = new ArrayList<>();

    @PostConstruct
    void count() {
        figure("Active users", "res.users", JsonValue.EMPTY_JSON_ARRAY, "users who may sign in or call MCP");
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        figure("Valid API keys", "res.users.apikeys", Jsons.createArrayBuilder()
                .add(Jsons.createArrayBuilder().add("revoked_at").add("=").add(false)).add("|")
                .add(Jsons.createArrayBuilder().add("expires_at").add("=").add(false))
                .add(Jsons.createArrayBuilder().add("expires_at").add(">").add(now)).build(), "neither revoked nor expired");
        figure("Tools", "mcp.tool", JsonValue.EMPTY_JSON_ARRAY, "active tools in the catalog");
        figure("Prompts", "mcp.prompt", JsonValue.EMPTY_JSON_ARRAY, "global prompts");
        figure("Resources", "mcp.resource", JsonValue.EMPTY_JSON_ARRAY, "resources offered to MCP clients");
    }

    private void figure(String label, String model, JsonArray domain, String hint) {
        try {
            figures.add(new Figure(label, records.count(console.context(), model, domain), hint));
        } catch (OrmException e) {
            figures.add(new Figure(label, null, e.getMessage()));
        }
    }

    public List<Figure> getFigures() {
        return figures;
    }
}
