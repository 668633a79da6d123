package dev.bastion.mcp.spi;

import dev.bastion.json.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one request did to business data, told by the features that served it, for its
 * {@link RequestCompleted} event (and so the audit trail): the records it read, created,
 * changed or deleted, per model, and whether it was refused for lack of rights. Ids read are
 * kept up to {@value #MAX_READ_IDS} per model (a search may read thousands); every id created,
 * written or deleted is kept. Safe to call from any thread.
 */
public final class RequestTrace {

    /** Read ids kept per model; the count of the rest is kept too. */
    public static final int MAX_READ_IDS = 100;
    /** The operation names features report. */
    public static final String READ = "read";
    public static final String CREATE = "create";
    public static final String WRITE = "write";
    public static final String UNLINK = "unlink";
    public static final String CALL = "call";

    /** A trace that keeps nothing, for requests no event will report. */
    public static final RequestTrace DISCARDED = new RequestTrace(false);

    private final boolean keeps;
    private final Map<String, Map<String, Set<Long>>> touched = new LinkedHashMap<>();
    private final Map<String, Integer> readBeyondCap = new LinkedHashMap<>();
    private boolean denied;

    private RequestTrace(boolean keeps) {
        this.keeps = keeps;
    }

    public RequestTrace() {
        this(true);
    }

    /** {@code operation} (one of the constants) touched {@code ids} of {@code model}. */
    public synchronized void touched(String model, String operation, Collection<Long> ids) {
        if (!keeps) {
            return;
        }
        Set<Long> kept = touched.computeIfAbsent(model, m -> new LinkedHashMap<>())
                .computeIfAbsent(operation, o -> new LinkedHashSet<>());
        for (Long id : ids) {
            if (READ.equals(operation) && kept.size() >= MAX_READ_IDS && !kept.contains(id)) {
                readBeyondCap.merge(model, 1, Integer::sum);
            } else {
                kept.add(id);
            }
        }
    }

    /** The request was refused because the caller lacks a right (the answer says which). */
    public synchronized void denied() {
        denied = keeps;
    }

    public synchronized boolean wasDenied() {
        return denied;
    }

    /** The first model the request touched, or null. */
    public synchronized String firstModel() {
        return touched.isEmpty() ? null : touched.keySet().iterator().next();
    }

    /**
     * {@code {"sale.order": {"read": [7, 9], "read_more": 412, "write": [7]}}}, or null when
     * nothing was touched.
     */
    public synchronized JsonObject toJson() {
        if (touched.isEmpty()) {
            return null;
        }
        JsonObjectBuilder models = Jsons.createObjectBuilder();
        touched.forEach((model, operations) -> {
            JsonObjectBuilder byOperation = Jsons.createObjectBuilder();
            operations.forEach((operation, ids) -> {
                JsonArrayBuilder list = Jsons.createArrayBuilder();
                ids.forEach(list::add);
                byOperation.add(operation, list);
            });
            Integer more = readBeyondCap.get(model);
            if (more != null) {
                byOperation.add(READ + "_more", more);
            }
            models.add(model, byOperation);
        });
        return models.build();
    }
}
