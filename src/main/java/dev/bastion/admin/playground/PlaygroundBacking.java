package dev.bastion.admin.playground;

import dev.bastion.access.ConsoleCaller;
import dev.bastion.access.edge.ClientAddress;
import dev.bastion.admin.Console;
import dev.bastion.json.Jsons;
import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.server.InProcessClient;
import dev.bastion.mcp.spi.Caller;
import dev.bastion.mcp.spi.RequestCompleted;
import dev.bastion.mcp.spi.RequestCompleted.Outcome;
import dev.bastion.mcp.spi.RequestTrace;
import dev.bastion.mcp.spi.ToolDefinition;
import inet.ipaddr.IPAddress;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Event;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code /admin/playground.xhtml}: run one of the signed-in user's tools as their MCP client would. */
@Named
@ViewScoped
public class PlaygroundBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The client name the audit trail shows for runs from this page. */
    static final String CLIENT = "Bastion admin console";

    /** A tool offered to the user, as listed (schemas kept as text: the view is kept in the session). */
    public record Tool(String name, String title, String description, String inputSchema, boolean destructive)
            implements Serializable {

        public String getLabel() {
            return title == null || title.isBlank() ? name : name + " — " + title;
        }
    }

    @Inject
    Console console;

    @Inject
    InProcessClient client;

    @Inject
    Event<RequestCompleted> completed;

    @Inject
    ClientAddress addresses;

    @Inject
    HttpServletRequest request;

    private List<Tool> tools = List.of();
    private String toolName;
    private List<SchemaForm.Input> inputs = List.of();
    private String answer;
    private String structured;
    private String resultText;
    private Boolean failed;

    @PostConstruct
    void load() {
        tools = client.tools(caller()).stream().map(PlaygroundBacking::tool).toList();
    }

    private static Tool tool(ToolDefinition t) {
        boolean destructive = t.annotations() != null && t.annotations().getBoolean("destructiveHint", false);
        return new Tool(t.name(), t.title(), t.description(), t.inputSchema().toString(), destructive);
    }

    /** The signed-in user as an MCP caller: the same user, groups and rights, no API key. */
    private Caller caller() {
        ConsoleCaller signedIn = console.caller();
        return new Caller(signedIn.login(), console.context().uid(), signedIn.groups(), null, null);
    }

    /** Another tool was picked: its form replaces the last one, and the last answer goes. */
    public void picked() {
        inputs = selected() == null ? List.of() : SchemaForm.of(read(selected().inputSchema()));
        answer = null;
        structured = null;
        resultText = null;
        failed = null;
    }

    public Tool selected() {
        return tools.stream().filter(t -> t.name().equals(toolName)).findFirst().orElse(null);
    }

    /** Calls the tool with the form's arguments as the user's MCP client would, and audits the call like one. */
    public void run() {
        Tool tool = selected();
        if (tool == null) {
            return;
        }
        JsonObject arguments;
        try {
            arguments = SchemaForm.arguments(inputs);
        } catch (SchemaForm.BadInput e) {
            FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.input.getLabel() + ": " + e.getMessage(), null));
            return;
        }
        Instant at = Instant.now();
        long started = System.nanoTime();
        Caller caller = caller();
        String id = "console-" + UUID.randomUUID().toString().substring(0, 8);
        RequestTrace trace = new RequestTrace();
        JsonRpcMessage response = client.callTool(caller, Json.createValue(id), tool.name(), arguments, trace);
        String wire = response.toJson().toString();
        audit(at, started, caller, id, tool.name(), arguments, trace, response, wire);
        answer = indented(response.toJson());
        structured = null;
        resultText = null;
        if (response instanceof JsonRpcMessage.Response r) {
            failed = r.result().getBoolean("isError", false);
            if (r.result().get("structuredContent") instanceof JsonObject s) {
                structured = indented(s);
            }
            resultText = r.result().getJsonArray("content").stream().map(JsonValue::asJsonObject)
                    .filter(c -> "text".equals(c.getString("type", ""))).map(c -> c.getString("text"))
                    .reduce((a, b) -> a + "\n" + b).orElse(null);
        } else if (response instanceof JsonRpcMessage.ErrorResponse e) {
            failed = true;
            resultText = "JSON-RPC error " + e.code() + ": " + e.message();
        }
    }

    private void audit(Instant at, long started, Caller caller, String id, String tool, JsonObject arguments,
                       RequestTrace trace, JsonRpcMessage response, String wire) {
        Outcome outcome = Outcome.OK;
        Integer code = null;
        if (response instanceof JsonRpcMessage.ErrorResponse e) {
            outcome = Outcome.RPC_ERROR;
            code = e.code();
        } else if (response instanceof JsonRpcMessage.Response r && r.result().get("isError") == JsonValue.TRUE) {
            outcome = Outcome.TOOL_ERROR;
        }
        if (trace.wasDenied()) {
            outcome = Outcome.DENIED;
        }
        IPAddress ip = addresses.of(request);
        JsonObject params = Jsons.createObjectBuilder().add("name", tool).add("arguments", arguments).build();
        completed.fire(new RequestCompleted(at, caller, null, client.revision().version(), CLIENT, null, "tools/call",
                Json.createValue(id).toString(), tool, params, trace.toJson(), trace.firstModel(), outcome, code, 200,
                ip == null ? request.getRemoteAddr() : ip.toCanonicalString(), request.getHeader("User-Agent"),
                (System.nanoTime() - started) / 1_000_000, wire.getBytes(StandardCharsets.UTF_8).length));
    }

    private static JsonObject read(String json) {
        try (var reader = Jsons.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static String indented(JsonValue value) {
        StringWriter out = new StringWriter();
        try (var writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.write(value);
        }
        return out.toString().strip();
    }

    public List<Tool> getTools() {
        return tools;
    }

    public String getToolName() {
        return toolName;
    }

    public void setToolName(String toolName) {
        this.toolName = toolName;
    }

    public Tool getTool() {
        return selected();
    }

    public List<SchemaForm.Input> getInputs() {
        return inputs;
    }

    public String getAnswer() {
        return answer;
    }

    public String getStructured() {
        return structured;
    }

    public String getResultText() {
        return resultText;
    }

    public Boolean getFailed() {
        return failed;
    }
}
