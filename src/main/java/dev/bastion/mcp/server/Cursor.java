package dev.bastion.mcp.server;

import dev.bastion.mcp.protocol.McpException;
import dev.bastion.json.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** Opaque cursors over stable lists: the offset of the next page, encoded. */
final class Cursor {

    private static final String PREFIX = "bastion:";

    private Cursor() {
    }

    /** The offset a cursor points at; 0 for none. A cursor we did not issue is -32602. */
    static int offsetOf(JsonObject params) {
        if (!params.containsKey("cursor") || params.isNull("cursor")) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(params.getString("cursor")), StandardCharsets.UTF_8);
            if (!decoded.startsWith(PREFIX)) {
                throw new IllegalArgumentException();
            }
            int offset = Integer.parseInt(decoded.substring(PREFIX.length()));
            if (offset < 0) {
                throw new IllegalArgumentException();
            }
            return offset;
        } catch (RuntimeException e) {
            throw McpException.invalidParams("Invalid cursor: use the nextCursor of a previous page");
        }
    }

    static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** One page of {@code items} under {@code key}, with {@code nextCursor} when more follow. */
    static <T> JsonObject page(String key, List<T> items, Function<T, JsonObject> toJson, JsonObject params, int pageSize) {
        int offset = offsetOf(params);
        if (offset > items.size()) {
            throw McpException.invalidParams("Invalid cursor: the list has changed; start again without a cursor");
        }
        int end = Math.min(items.size(), offset + pageSize);
        JsonArrayBuilder page = Jsons.createArrayBuilder();
        items.subList(offset, end).forEach(i -> page.add(toJson.apply(i)));
        JsonObjectBuilder result = Jsons.createObjectBuilder().add(key, page);
        if (end < items.size()) {
            result.add("nextCursor", encode(end));
        }
        return result.build();
    }
}
