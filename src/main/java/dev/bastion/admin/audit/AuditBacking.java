package dev.bastion.admin.audit;

import dev.bastion.admin.Console;
import dev.bastion.json.Jsons;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.Operation;
import dev.bastion.orm.OrmException;
import dev.bastion.orm.Records;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.Serializable;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/** {@code /admin/audit.xhtml}: the audit entries, filtered, a page at a time. */
@Named
@ViewScoped
public class AuditBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String MODEL = "mcp.audit.log";
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final List<String> LISTED = List.of("create_date", "login", "api_key_prefix", "method", "target",
            "model", "outcome", "http_status", "ip", "session_id", "duration_ms");
    private static final List<String> DETAIL = List.of("create_date", "login", "uid", "api_key_prefix", "api_key_id",
            "session_id", "protocol_version", "client_name", "client_version", "method", "request_id", "target", "model",
            "record_ids", "outcome", "error_code", "http_status", "ip", "user_agent", "duration_ms", "response_bytes",
            "chain", "seq", "hash", "params");
    /** The outcomes an entry may have, as {@code mcp.audit.log} declares them. */
    public static final List<String> OUTCOMES = List.of("ok", "tool_error", "denied", "rpc_error", "unauthorized",
            "forbidden", "rate_limited", "locked", "ip_refused", "too_large", "disabled", "unavailable");
    private static final JsonWriterFactory PRETTY = jakarta.json.spi.JsonProvider.provider().createWriterFactory(
            Map.of(JsonGenerator.PRETTY_PRINTING, true));

    /** The periods offered, by the length they look back; "custom" takes the two dates. */
    public enum Period {
        HOUR("Last hour", Duration.ofHours(1)), DAY("Last 24 hours", Duration.ofDays(1)),
        WEEK("Last 7 days", Duration.ofDays(7)), MONTH("Last 31 days", Duration.ofDays(31)), CUSTOM("From … to …", null);

        private final String label;
        private final Duration back;

        Period(String label, Duration back) {
            this.label = label;
            this.back = back;
        }

        public String getLabel() {
            return label;
        }
    }

    /** One entry as listed; the time in the administrator's zone. */
    public record Row(long id, String time, String login, String keyPrefix, String method, String target, String model,
                      String outcome, int status, String ip, String session, long durationMs) implements Serializable {
        public boolean isOk() {
            return "ok".equals(outcome);
        }
    }

    /** One line of an entry's detail. */
    public record Line(String label, String value) implements Serializable {
    }

    /** What verify_chain answered, in words. */
    public record Verdict(boolean intact, String summary, String problem) implements Serializable {
    }

    @Inject
    Console console;

    @Inject
    Records records;

    private Period period = Period.DAY;
    private LocalDateTime from;
    private LocalDateTime to;
    private String login;
    private String keyPrefix;
    private String method;
    private String target;
    private String model;
    private String outcome;
    private String ip;
    private String session;

    /** The domain the table shows, fixed when the filters are applied, so paging keeps to it. */
    private String applied;
    private Instant appliedFrom;
    private Instant appliedTo;
    private String refusal;
    private List<Line> detail;
    private String detailParams;
    private Verdict verdict;
    private final Entries entries = new Entries();

    @PostConstruct
    void init() {
        if (!records.allowed(console.context(), MODEL, Operation.READ)) {
            refusal = "Your groups do not allow reading the audit trail: only MCP administrators may (group MCP "
                    + "Administrator).";
            return;
        }
        apply();
    }

    /** The entries the filters select, a page at a time, newest first unless the time column says otherwise. */
    public final class Entries extends LazyDataModel<Row> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            try {
                return (int) Math.min(Integer.MAX_VALUE, records.count(console.context(), MODEL, domain()));
            } catch (OrmException e) {
                Console.refused(e);
                return 0;
            }
        }

        @Override
        public List<Row> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            boolean oldestFirst = sortBy.values().stream().anyMatch(s -> s.getOrder() == SortOrder.ASCENDING);
            String order = oldestFirst ? "create_date asc, id asc" : "create_date desc, id desc";
            CallContext me = console.context();
            JsonObject params = Jsons.createObjectBuilder().add("domain", domain()).add("offset", first)
                    .add("limit", pageSize).add("order", order).build();
            try {
                List<Row> rows = records.search(me, MODEL, domain(), LISTED, first, pageSize, order, false).records()
                        .stream().map(JsonValue::asJsonObject).map(AuditBacking.this::row).toList();
                console.audited("read_audit", MODEL, params, read(rows.stream().map(Row::id).toList()), null);
                return rows;
            } catch (OrmException e) {
                console.audited("read_audit", MODEL, params, null, e);
                Console.refused(e);
                return List.of();
            }
        }

        @Override
        public String getRowKey(Row row) {
            return Long.toString(row.id());
        }

        @Override
        public Row getRowData(String rowKey) {
            for (Row row : getWrappedData()) {
                if (getRowKey(row).equals(rowKey)) {
                    return row;
                }
            }
            return null;
        }
    }

    private static JsonObject read(List<Long> ids) {
        return Jsons.createObjectBuilder().add(MODEL, Jsons.createObjectBuilder()
                .add("read", Jsons.createArrayBuilder(ids))).build();
    }

    private JsonArray domain() {
        return Jsons.createReader(new StringReader(applied)).readArray();
    }

    private Row row(JsonObject r) {
        return new Row(r.getJsonNumber("id").longValue(), time(r.get("create_date")), text(r, "login"),
                text(r, "api_key_prefix"), text(r, "method"), text(r, "target"), text(r, "model"), text(r, "outcome"),
                r.get("http_status") instanceof JsonNumber n ? n.intValue() : 0, text(r, "ip"), text(r, "session_id"),
                r.get("duration_ms") instanceof JsonNumber n ? n.longValue() : 0);
    }

    private static String time(JsonValue value) {
        return value instanceof JsonString s ? OffsetDateTime.parse(s.getString()).format(MILLIS) : null;
    }

    /** A text field's value, or null for Odoo's {@code false}. */
    private static String text(JsonObject r, String field) {
        return r.get(field) instanceof JsonString s ? s.getString() : null;
    }

    /** Fixes the filters as typed (the period from now, unless custom) and goes back to the first page. */
    public void apply() {
        Instant now = Instant.now();
        CallContext me = console.context();
        if (period == Period.CUSTOM) {
            appliedFrom = from == null ? now.minus(Duration.ofDays(1)) : from.atZone(me.tz()).toInstant();
            appliedTo = to == null ? null : to.atZone(me.tz()).toInstant();
        } else {
            appliedFrom = now.minus(period.back);
            appliedTo = null;
            from = LocalDateTime.ofInstant(appliedFrom, me.tz()).withNano(0);
            to = null;
        }
        JsonArrayBuilder d = Jsons.createArrayBuilder().add(leaf("create_date", ">=", iso(appliedFrom)));
        if (appliedTo != null) {
            d.add(leaf("create_date", "<", iso(appliedTo)));
        }
        exact(d, "login", login);
        exact(d, "api_key_prefix", keyPrefix);
        exact(d, "method", method);
        exact(d, "target", target);
        exact(d, "model", model);
        exact(d, "outcome", outcome);
        exact(d, "ip", ip);
        exact(d, "session_id", session);
        applied = d.build().toString();
        detail = null;
    }

    /** Empties every filter but the period. */
    public void clear() {
        login = keyPrefix = method = target = model = outcome = ip = session = null;
        apply();
    }

    private static void exact(JsonArrayBuilder d, String field, String value) {
        if (value != null && !value.isBlank()) {
            d.add(leaf(field, "=", value.strip()));
        }
    }

    private static JsonArray leaf(String field, String operator, String value) {
        return Jsons.createArrayBuilder().add(field).add(operator).add(value).build();
    }

    private static String iso(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toString();
    }

    /** Reads one entry whole for the detail dialog; the read is audited like the table's. */
    public void show(Row entry) {
        JsonObject params = Jsons.createObjectBuilder().add("ids", Jsons.createArrayBuilder().add(entry.id())).build();
        try {
            JsonArray found = records.read(console.context(), MODEL, List.of(entry.id()), DETAIL).getJsonArray("records");
            console.audited("read_audit", MODEL, params, read(List.of(entry.id())), null);
            if (found.isEmpty()) {
                Console.refused(new dev.bastion.orm.InvalidRequest("Entry " + entry.id() + " is gone (removed by retention)."));
                detail = null;
                return;
            }
            JsonObject r = found.getJsonObject(0);
            List<Line> lines = new ArrayList<>();
            for (String field : DETAIL) {
                if (!field.equals("params")) {
                    JsonValue v = r.get(field);
                    lines.add(new Line(field, field.equals("create_date") ? time(v) + " (" + console.context().tz().getId() + ")"
                            : v == null || v == JsonValue.FALSE || v == JsonValue.NULL ? "—"
                            : v instanceof JsonString s ? s.getString() : v.toString()));
                }
            }
            detail = lines;
            detailParams = pretty(text(r, "params"));
        } catch (OrmException e) {
            console.audited("read_audit", MODEL, params, null, e);
            Console.refused(e);
        }
    }

    private static String pretty(String json) {
        if (json == null) {
            return "(none)";
        }
        try {
            StringWriter out = new StringWriter();
            PRETTY.createWriter(out).write(Jsons.createReader(new StringReader(json)).read());
            return out.toString().strip();
        } catch (RuntimeException notJson) {
            return json;
        }
    }

    /** Checks the hash chains of the whole trail with {@code verify_chain}, as an MCP client would call it. */
    public void verify() {
        try {
            JsonObject r = records.call(console.context(), MODEL, "verify_chain", List.of(), JsonValue.EMPTY_JSON_ARRAY,
                    JsonValue.EMPTY_JSON_OBJECT).asJsonObject();
            console.audited("verify_chain", MODEL, null, null, null);
            String summary = r.getJsonNumber("entries_checked").longValue() + " entries in " + r.getInt("chains")
                    + " chain(s) checked";
            if (r.getBoolean("intact")) {
                verdict = new Verdict(true, "Intact: " + summary + "; none was edited, deleted or inserted.", null);
            } else {
                JsonObject p = r.getJsonObject("problem");
                verdict = new Verdict(false, "Broken: " + summary + ".", p.getString("kind") + " at position "
                        + p.getJsonNumber("seq") + " of chain " + p.getString("chain")
                        + (p.get("id") instanceof JsonNumber id ? " (entry " + id + ")" : "") + ": " + p.getString("detail"));
            }
        } catch (OrmException e) {
            console.audited("verify_chain", MODEL, null, null, e);
            Console.refused(e);
        }
    }

    /**
     * The export of the applied period ({@code format} csv or jsonl): the export covers at most 31
     * days and takes no other filter, so the link says what it holds.
     */
    public String exportUrl(String format) {
        Instant end = appliedTo == null ? Instant.now().plusSeconds(60) : appliedTo;
        Instant start = appliedFrom.isBefore(end.minus(Duration.ofDays(31))) ? end.minus(Duration.ofDays(31)) : appliedFrom;
        return "/admin/audit/export?from=" + encode(iso(start)) + "&to=" + encode(iso(end)) + "&format=" + format;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    public Map<String, String> getPeriods() {
        Map<String, String> periods = new LinkedHashMap<>();
        for (Period p : Period.values()) {
            periods.put(p.getLabel(), p.name());
        }
        return periods;
    }

    public Entries getEntries() {
        return entries;
    }

    public String getRefusal() {
        return refusal;
    }

    public List<Line> getDetail() {
        return detail;
    }

    public String getDetailParams() {
        return detailParams;
    }

    public Verdict getVerdict() {
        return verdict;
    }

    public List<String> getOutcomes() {
        return OUTCOMES;
    }

    public String getTimeZone() {
        return console.context().tz().getId();
    }

    public String getPeriod() {
        return period.name();
    }

    public void setPeriod(String period) {
        this.period = Period.valueOf(period);
    }

    public LocalDateTime getFrom() {
        return from;
    }

    public void setFrom(LocalDateTime from) {
        this.from = from;
    }

    public LocalDateTime getTo() {
        return to;
    }

    public void setTo(LocalDateTime to) {
        this.to = to;
    }

    public String getLogin() {
        return login;
    }

    public void setLogin(String login) {
        this.login = login;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    public String getIp() {
        return ip;
    }

    public void setIp(String ip) {
        this.ip = ip;
    }

    public String getSession() {
        return session;
    }

    public void setSession(String session) {
        this.session = session;
    }
}
