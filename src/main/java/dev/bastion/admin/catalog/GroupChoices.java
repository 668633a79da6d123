package dev.bastion.admin.catalog;

import dev.bastion.orm.CallContext;
import dev.bastion.orm.Records;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The groups a tool can be restricted to, read with the administrator's rights. */
final class GroupChoices {

    private GroupChoices() {
    }

    /** Group ids to their full names ("MCP / MCP User"), ordered by category and name. */
    static Map<Long, String> names(Records records, CallContext admin) {
        Map<Long, String> names = new LinkedHashMap<>();
        records.search(admin, "res.groups", JsonValue.EMPTY_JSON_ARRAY, List.of("full_name", "name"), 0, null,
                "category, name").records().stream().map(JsonValue::asJsonObject).forEach(g -> names.put(CatalogValues.id(g),
                label(g)));
        return names;
    }

    private static String label(JsonObject g) {
        String full = CatalogValues.text(g, "full_name");
        return full != null ? full : CatalogValues.text(g, "name");
    }
}
