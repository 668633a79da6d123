package dev.bastion.tools;

import dev.bastion.json.Jsons;
import dev.bastion.mcp.spi.Content;
import dev.bastion.mcp.spi.ToolResult;
import dev.bastion.orm.Records;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code search} tool's answer from one page of the engine: cut at a record boundary to the
 * result-size budget, with {@code next_offset} continuing from the cut. Each record is turned
 * into text once: that text both measures the budget and makes the answer's text mirror, which
 * is exactly the structured content's JSON.
 *
 * @param result the tool result (structured content and its text mirror)
 * @param ids    the ids of the records sent, for the request's trace
 */
record SearchResult(ToolResult result, List<Long> ids) {

    static SearchResult of(String model, Records.Page page, int offset, long budgetBytes) {
        JsonArrayBuilder kept = Jsons.createArrayBuilder();
        StringBuilder records = new StringBuilder("[");
        List<Long> ids = new ArrayList<>();
        long size = 0;
        int count = 0;
        for (JsonValue r : page.records()) {
            String text = r.toString();
            size += text.getBytes(StandardCharsets.UTF_8).length + 1;
            if (size > budgetBytes && count > 0) {
                break;
            }
            kept.add(r);
            records.append(count == 0 ? "" : ",").append(text);
            if (r.asJsonObject().get("id") instanceof JsonNumber id) {
                ids.add(id.longValue());
            }
            count++;
        }
        boolean truncated = count < page.records().size();
        boolean more = truncated || page.more();
        JsonValue total = page.total() == null ? JsonValue.NULL : Jsons.createValue(page.total());
        JsonValue nextOffset = more ? Jsons.createValue(offset + count) : JsonValue.NULL;
        JsonValue name = Jsons.createValue(model);
        JsonArray sent = kept.build();
        JsonObjectBuilder data = Jsons.createObjectBuilder().add("model", name).add("records", sent).add("count", count)
                .add("total", total).add("offset", offset).add("limit", page.limit()).add("more", more)
                .add("next_offset", nextOffset).add("truncated", truncated);
        // The same members in the same order as the structured content, so the mirror is its JSON.
        String text = "{\"model\":" + name + ",\"records\":" + records.append(']') + ",\"count\":" + count
                + ",\"total\":" + total + ",\"offset\":" + offset + ",\"limit\":" + page.limit() + ",\"more\":" + more
                + ",\"next_offset\":" + nextOffset + ",\"truncated\":" + truncated + "}";
        return new SearchResult(new ToolResult(List.of(Content.text(text)), data.build(), false), List.copyOf(ids));
    }
}
