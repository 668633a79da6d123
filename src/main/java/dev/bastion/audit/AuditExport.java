package dev.bastion.audit;

import dev.bastion.access.Authenticated;
import dev.bastion.access.CallContexts;
import dev.bastion.access.ConsoleCaller;
import dev.bastion.access.EdgeRefusal;
import dev.bastion.access.Scopes;
import dev.bastion.access.edge.ClientAddress;
import dev.bastion.json.Jsons;
import dev.bastion.orm.AccessDenied;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.Operation;
import dev.bastion.orm.Records;
import inet.ipaddr.IPAddress;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /audit/export?from=...&to=...&format=jsonl|csv}: the audit entries of a time range
 * ({@link ExportRange}) for SIEM tools, ordered by {@code create_date, id}, every column of
 * {@code mcp_audit_log} under its own name, as JSON Lines (the default) or CSV
 * ({@link ExportFormat}). Rows are streamed from one JDBC cursor straight to the response, so
 * a month of entries never sits in memory.
 * <p>
 * The caller authenticates as on {@code /mcp} (Bearer API key; the authentication mechanism's
 * edge checks apply, and its refusals are answered here) and must be allowed to read
 * {@code mcp.audit.log} through the data engine: MCP administrators. The console's audit screen
 * links to the same export at {@value #CONSOLE_PATH}, where the signed-in administrator is the
 * caller (a browser sends no Bearer key). Answers: 401 (with
 * {@code WWW-Authenticate}) without a valid key, 403 for anyone else, 400 for a missing or bad
 * range or an unknown format, each with {@code {"error": "..."}}. It serves also while the
 * server is disabled: that switch closes {@code /mcp}, not the record of what happened there.
 * <p>
 * Every export, refused or not, leaves one audit entry of its own (the transport audits
 * {@code /mcp} only): method {@value #METHOD}, target format and range, outcome {@code ok},
 * {@code unauthorized}, {@code forbidden}, {@code rpc_error} (a bad request) or
 * {@code unavailable} (the database failed), the caller, and in {@code record_ids}
 * {@code {"mcp.audit.log": {"exported": n}}}.
 */
@WebServlet(urlPatterns = {AuditExport.PATH, AuditExport.CONSOLE_PATH})
public class AuditExport extends HttpServlet {

    static final String PATH = "/audit/export";
    /** The same export for the administrator signed in to the console (the audit screen's links). */
    static final String CONSOLE_PATH = "/admin/audit/export";
    static final String METHOD = "audit/export";
    private static final String MODEL = "mcp.audit.log";
    private static final Logger LOG = Logger.getLogger(AuditExport.class.getName());
    private static final int FETCH_SIZE = 1000;
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    /** Every column of {@code mcp_audit_log}, in table order: what each exported entry carries. */
    static final List<String> COLUMNS;

    static {
        List<String> columns = new ArrayList<>(List.of("id", "chain", "seq"));
        columns.addAll(AuditRecord.COLUMNS);
        columns.addAll(List.of("prev_hash", "hash"));
        COLUMNS = List.copyOf(columns);
    }

    private static final String SELECT = "select " + String.join(", ", COLUMNS) + " from mcp_audit_log "
            + "where create_date >= ? and create_date < ? order by create_date, id";

    @Resource(lookup = "java:app/jdbc/bastion")
    DataSource dataSource;

    @Inject
    AuditWriter writer;

    @Inject
    CallContexts contexts;

    @Inject
    Records records;

    @Inject
    ClientAddress addresses;

    /** The same switch as the transport's audit ({@link AuditTrail}): off, no export leaves an entry either. */
    @Inject
    @ConfigProperty(name = "bastion.audit.enabled", defaultValue = "true")
    boolean audited;

    /** What one export did, for its audit entry. */
    private static final class Export {
        String target;
        String outcome = "ok";
        long entries = -1;
        long bytes;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LocalDateTime at = LocalDateTime.now(ZoneOffset.UTC);
        long started = System.nanoTime();
        Authenticated caller = callerOf(request);
        Export export = new Export();
        export.target = given(request, "format", "jsonl") + " " + given(request, "from", "?") + "/"
                + given(request, "to", "?");
        try {
            serve(request, response, caller, export);
        } catch (SQLException | RuntimeException e) {
            failed(response, export, e);
        } finally {
            if (audited) {
                writer.append(entry(request, response, caller, export, at,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
            }
        }
    }

    /**
     * Who asks: the holder of the API key on {@value #PATH}; on {@value #CONSOLE_PATH}, the user
     * signed in to the console, whom the authentication mechanism lets through only when they
     * administer (the rights on the trail are checked below for both).
     */
    private Authenticated callerOf(HttpServletRequest request) {
        if (request.getAttribute(Authenticated.ATTRIBUTE) instanceof Authenticated keyHolder) {
            return keyHolder;
        }
        if (request.getAttribute(ConsoleCaller.ATTRIBUTE) instanceof ConsoleCaller signedIn) {
            try {
                CallContext context = contexts.of(signedIn.login());
                return new Authenticated(context.uid(), signedIn.login(), signedIn.groups(), null, null, Scopes.ALL, null);
            } catch (AccessDenied archivedMeanwhile) {
                return null;
            }
        }
        return null;
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, Authenticated caller, Export export)
            throws IOException, SQLException {
        if (request.getAttribute(EdgeRefusal.ATTRIBUTE) instanceof EdgeRefusal refusal) {
            if (refusal.retryAfter() != null) {
                response.setHeader("Retry-After", Long.toString(refusal.retryAfterSeconds()));
            }
            refuse(response, export, refusal.status(), outcomeOf(refusal.kind()), refusal.message());
            return;
        }
        if (caller == null) {
            refuse(response, export, 401, "unauthorized",
                    "Authentication required: send Authorization: Bearer <API key> of an MCP administrator");
            return;
        }
        Optional<CallContext> context = contexts.forUser(caller.userId());
        if (context.isEmpty() || !records.allowed(context.get(), MODEL, Operation.READ)) {
            refuse(response, export, 403, "forbidden", "User '" + caller.login() + "' may not read the audit trail ("
                    + MODEL + "): only MCP administrators may export it");
            return;
        }
        String name = request.getParameter("format");
        Optional<ExportFormat> format = name == null ? Optional.of(ExportFormat.JSONL) : ExportFormat.named(name);
        if (format.isEmpty()) {
            refuse(response, export, 400, "rpc_error", "Unknown format '" + name + "': use jsonl or csv");
            return;
        }
        ExportRange range;
        try {
            range = ExportRange.parse(request.getParameter("from"), request.getParameter("to"));
        } catch (IllegalArgumentException e) {
            refuse(response, export, 400, "rpc_error", e.getMessage());
            return;
        }
        export.target = format.get().extension() + " " + range;
        stream(response, format.get(), range, export);
    }

    /** The database (or anything else) failed: 503 while nothing was sent, else a broken-off body. */
    private static void failed(HttpServletResponse response, Export export, Exception e) throws IOException {
        export.outcome = "unavailable";
        LOG.log(Level.WARNING, "Audit export " + export.target + " failed after " + Math.max(0, export.entries)
                + " entries", e);
        if (response.isCommitted()) {
            // The status is gone: breaking off the body is the only way left to say the file is incomplete.
            throw new IOException("The audit export broke off: " + e.getMessage(), e);
        }
        response.reset();
        refuse(response, export, 503, "unavailable",
                "The audit trail could not be read; the server log says why. Try again later");
    }

    /** Writes the range's entries as they come from the cursor. */
    private void stream(HttpServletResponse response, ExportFormat format, ExportRange range, Export export)
            throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            // PostgreSQL reads with a cursor, FETCH_SIZE rows at a time, only inside a transaction.
            c.setAutoCommit(false);
            try (PreparedStatement select = c.prepareStatement(SELECT)) {
                select.setFetchSize(FETCH_SIZE);
                select.setObject(1, LocalDateTime.ofInstant(range.from(), ZoneOffset.UTC));
                select.setObject(2, LocalDateTime.ofInstant(range.to(), ZoneOffset.UTC));
                try (ResultSet rows = select.executeQuery()) {
                    response.setStatus(200);
                    response.setContentType(format.mediaType());
                    response.setCharacterEncoding("UTF-8");
                    response.setHeader("Cache-Control", "no-store");
                    response.setHeader("Content-Disposition", "attachment; filename=\"bastion-audit-"
                            + FILE_TIME.format(range.from()) + "-" + FILE_TIME.format(range.to()) + "."
                            + format.extension() + "\"");
                    Counting counted = new Counting(response.getOutputStream(), export);
                    Writer out = new BufferedWriter(new OutputStreamWriter(counted, StandardCharsets.UTF_8), 16 * 1024);
                    export.entries = 0;
                    format.header(out, COLUMNS);
                    while (rows.next()) {
                        format.row(out, COLUMNS, values(rows));
                        export.entries++;
                    }
                    out.flush();
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    /** The current row's values in the order of {@link #COLUMNS}, the time as UTC with milliseconds and Z. */
    private static List<Object> values(ResultSet rows) throws SQLException {
        List<Object> values = new ArrayList<>(COLUMNS.size());
        values.add(rows.getLong("id"));
        values.add(rows.getString("chain"));
        values.add(rows.getLong("seq"));
        for (Object value : AuditRecord.read(rows, 4).fields()) {
            values.add(value instanceof LocalDateTime time ? ExportRange.UTC_MILLIS.format(time.toInstant(ZoneOffset.UTC))
                    : value);
        }
        values.add(rows.getString("prev_hash"));
        values.add(rows.getString("hash"));
        return values;
    }

    private static void refuse(HttpServletResponse response, Export export, int status, String outcome, String message)
            throws IOException {
        export.outcome = outcome;
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"bastion\"");
        }
        byte[] body = Jsons.createObjectBuilder().add("error", message).build().toString()
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        export.bytes = body.length;
    }

    private static String given(HttpServletRequest request, String name, String otherwise) {
        String value = request.getParameter(name);
        return value == null ? otherwise : value;
    }

    private static String outcomeOf(EdgeRefusal.Kind kind) {
        return switch (kind) {
            case IP_REFUSED -> "ip_refused";
            case LOCKED -> "locked";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case RATE_LIMITED -> "rate_limited";
            case UNAVAILABLE -> "unavailable";
        };
    }

    private AuditRecord entry(HttpServletRequest request, HttpServletResponse response, Authenticated caller,
                              Export export, LocalDateTime at, long durationMillis) {
        JsonObjectBuilder params = Jsons.createObjectBuilder();
        for (String name : List.of("from", "to", "format")) {
            String value = request.getParameter(name);
            if (value != null) {
                params.add(name, value);
            }
        }
        String exported = export.entries < 0 ? null : Jsons.createObjectBuilder()
                .add(MODEL, Jsons.createObjectBuilder().add("exported", export.entries)).build().toString();
        IPAddress address = addresses.of(request);
        return new AuditRecord(at, caller == null ? null : caller.userId(), caller == null ? null : caller.login(),
                caller == null ? null : caller.apiKeyId(), caller == null ? null : caller.apiKeyPrefix(),
                null, null, null, null, METHOD, null, export.target, MODEL, exported, params.build().toString(),
                export.outcome, null, response.getStatus(), address == null ? request.getRemoteAddr()
                : address.toCanonicalString(), request.getHeader("User-Agent"), durationMillis, export.bytes,
                caller == null ? null : caller.oauthClient());
    }

    /** Counts the bytes of the body as they are written, for the audit entry's response size. */
    private static final class Counting extends FilterOutputStream {
        private final Export export;

        Counting(OutputStream out, Export export) {
            super(out);
            this.export = export;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            export.bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            export.bytes += len;
        }
    }
}
