package dev.bastion.admin.dashboard;

import dev.bastion.admin.Console;
import dev.bastion.audit.AuditStatistics;
import dev.bastion.json.Jsons;
import dev.bastion.mcp.spi.LiveSessions;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.OrmException;
import dev.bastion.orm.Records;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code /admin/dashboard.xhtml}: counts of what the installation holds, and charts of the audit
 * trail over the period the page's {@code period} parameter names (hour, day or week), all read by
 * {@link AuditStatistics} from the per-minute totals the audit writer keeps (a week of a million
 * entries is a few thousand totals), with the administrator's rights: who may not read the audit
 * trail sees why instead.
 */
@Named
@RequestScoped
public class DashboardBacking {

    /** One figure; {@code count} is null when the engine refused to count it (the message says why). */
    public record Figure(String label, Long count, String hint) {
    }

    /** The periods the charts cover, with the length of one point of their timelines. */
    public enum Period {
        HOUR("Last hour", Duration.ofHours(1), Duration.ofMinutes(1), "HH:mm"),
        DAY("Last 24 hours", Duration.ofDays(1), Duration.ofMinutes(30), "HH:mm"),
        WEEK("Last 7 days", Duration.ofDays(7), Duration.ofHours(6), "EEE HH:mm");

        final String label;
        final Duration length;
        final Duration bucket;
        final DateTimeFormatter axis;

        Period(String label, Duration length, Duration bucket, String axis) {
            this.label = label;
            this.length = length;
            this.bucket = bucket;
            this.axis = DateTimeFormatter.ofPattern(axis, Locale.ENGLISH);
        }

        public String getLabel() {
            return label;
        }

        public String getName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Outcomes of requests refused before any MCP method ran: at the door, by the edge checks. */
    static final Set<String> REFUSALS = Set.of("unauthorized", "forbidden", "rate_limited", "locked", "ip_refused",
            "too_large", "disabled", "unavailable");
    private static final String RED = "#dc2626";
    private static final String BLUE = "#2563eb";

    @Inject
    Console console;

    @Inject
    Records records;

    @Inject
    AuditStatistics statistics;

    @Inject
    LiveSessions sessions;

    @Inject
    HttpServletRequest request;

    private final List<Figure> figures = new ArrayList<>();
    private Period period = Period.HOUR;
    private String chartsRefused;
    private String requestsChart;
    private String durationChart;
    private String sessionsChart;
    private String outcomesChart;
    private String refusalsChart;
    private String toolsChart;
    private long requests;
    private int liveSessions;

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
        charts();
    }

    private void figure(String label, String model, JsonArray domain, String hint) {
        try {
            figures.add(new Figure(label, records.count(console.context(), model, domain), hint));
        } catch (OrmException e) {
            figures.add(new Figure(label, null, e.getMessage()));
        }
    }

    private void charts() {
        String asked = request.getParameter("period");
        for (Period p : Period.values()) {
            if (p.getName().equals(asked)) {
                period = p;
            }
        }
        liveSessions = sessions.list().size();
        CallContext me = console.context();
        Instant to = Instant.now();
        Instant from = to.minus(period.length);
        try {
            AuditStatistics.Overview overview = statistics.overview(me, from, to, period.bucket, 10);
            timeline(overview.timeline());
            outcomesChart = bar(counts(overview.outcomes(), o -> !o.equals("ok") && !REFUSALS.contains(o)), "Requests",
                    RED, false);
            refusalsChart = bar(counts(overview.outcomes(), REFUSALS::contains), "Requests", "#f59e0b", false);
            toolsChart = bar(counts(overview.tools(), t -> true), "Calls", BLUE, true);
        } catch (OrmException e) {
            chartsRefused = e.getMessage();
        }
    }

    /** The counts whose name passes {@code keep}, as label and count. */
    private static List<Object[]> counts(List<AuditStatistics.Count> counts, Predicate<String> keep) {
        return counts.stream().filter(c -> keep.test(c.name())).map(c -> new Object[] {c.name(), c.requests()}).toList();
    }

    private void timeline(List<AuditStatistics.Bucket> buckets) {
        double minutes = period.bucket.toSeconds() / 60.0;
        JsonArrayBuilder labels = Jsons.createArrayBuilder();
        JsonArrayBuilder rate = Jsons.createArrayBuilder();
        JsonArrayBuilder failed = Jsons.createArrayBuilder();
        JsonArrayBuilder p95 = Jsons.createArrayBuilder();
        JsonArrayBuilder seen = Jsons.createArrayBuilder();
        for (AuditStatistics.Bucket b : buckets) {
            labels.add(period.axis.format(b.start().atZone(console.context().tz())));
            rate.add(round(b.requests() / minutes));
            failed.add(round(b.failed() / minutes));
            if (b.p95Millis() == null) {
                p95.addNull();
            } else {
                p95.add(round(b.p95Millis()));
            }
            seen.add(b.sessions());
            requests += b.requests();
        }
        JsonArray axis = labels.build();
        requestsChart = line(axis, dataset("All requests", rate.build(), BLUE), dataset("Not ok", failed.build(), RED));
        durationChart = line(axis, dataset("p95 duration (ms)", p95.build(), "#7c3aed"));
        sessionsChart = line(axis, dataset("Sessions making requests", seen.build(), "#0d9488"));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static JsonObjectBuilder dataset(String label, JsonArray data, String color) {
        return Jsons.createObjectBuilder().add("label", label).add("data", data).add("borderColor", color)
                .add("backgroundColor", color).add("pointRadius", 0).add("borderWidth", 2).add("tension", 0.2)
                .add("spanGaps", true);
    }

    /** A Chart.js line chart over {@code labels}, as {@code p:chart} takes it. */
    private static String line(JsonArray labels, JsonObjectBuilder... datasets) {
        JsonArrayBuilder sets = Jsons.createArrayBuilder();
        for (JsonObjectBuilder d : datasets) {
            sets.add(d);
        }
        return Jsons.createObjectBuilder().add("type", "line")
                .add("data", Jsons.createObjectBuilder().add("labels", labels).add("datasets", sets))
                .add("options", options(false).add("scales", Jsons.createObjectBuilder()
                        .add("y", Jsons.createObjectBuilder().add("beginAtZero", true))
                        .add("x", Jsons.createObjectBuilder().add("ticks", Jsons.createObjectBuilder().add("maxTicksLimit", 12)))))
                .build().toString();
    }

    /** A Chart.js bar chart of {@code bars} (label, count), horizontal when the labels are long; null when empty. */
    private static String bar(List<Object[]> bars, String label, String color, boolean horizontal) {
        if (bars.isEmpty()) {
            return null;
        }
        JsonArrayBuilder labels = Jsons.createArrayBuilder();
        JsonArrayBuilder values = Jsons.createArrayBuilder();
        for (Object[] b : bars) {
            labels.add((String) b[0]);
            values.add((Long) b[1]);
        }
        // Counts: whole-number ticks on the value axis.
        JsonObjectBuilder counts = Jsons.createObjectBuilder().add("beginAtZero", true)
                .add("ticks", Jsons.createObjectBuilder().add("precision", 0));
        JsonObjectBuilder options = options(true).add("scales", Jsons.createObjectBuilder().add(horizontal ? "x" : "y", counts));
        if (horizontal) {
            options.add("indexAxis", "y");
        }
        return Jsons.createObjectBuilder().add("type", "bar")
                .add("data", Jsons.createObjectBuilder().add("labels", labels.build()).add("datasets", Jsons.createArrayBuilder()
                        .add(Jsons.createObjectBuilder().add("label", label).add("data", values.build())
                                .add("backgroundColor", color).add("maxBarThickness", 48))))
                .add("options", options).build().toString();
    }

    private static JsonObjectBuilder options(boolean hideLegend) {
        return Jsons.createObjectBuilder().add("responsive", true).add("maintainAspectRatio", false).add("animation", false)
                .add("plugins", Jsons.createObjectBuilder().add("legend", Jsons.createObjectBuilder().add("display", !hideLegend)));
    }

    public List<Figure> getFigures() {
        return figures;
    }

    public List<Period> getPeriods() {
        return List.of(Period.values());
    }

    public Period getPeriod() {
        return period;
    }

    public String getChartsRefused() {
        return chartsRefused;
    }

    public String getRequestsChart() {
        return requestsChart;
    }

    public String getDurationChart() {
        return durationChart;
    }

    public String getSessionsChart() {
        return sessionsChart;
    }

    public String getOutcomesChart() {
        return outcomesChart;
    }

    public String getRefusalsChart() {
        return refusalsChart;
    }

    public String getToolsChart() {
        return toolsChart;
    }

    /** MCP requests in the period, the sum of the timeline. */
    public long getRequests() {
        return requests;
    }

    public int getLiveSessions() {
        return liveSessions;
    }

    /** Minutes per point of the timelines, said under them. */
    public String getBucketText() {
        long m = period.bucket.toMinutes();
        return m < 60 ? m + " min" : m / 60 + " h";
    }
}
