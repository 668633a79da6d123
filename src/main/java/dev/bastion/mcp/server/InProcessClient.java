package dev.bastion.mcp.server;

import dev.bastion.mcp.protocol.ErrorCode;
import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.protocol.McpException;
import dev.bastion.mcp.protocol.McpMethod;
import dev.bastion.mcp.protocol.ProtocolRevision;
import dev.bastion.mcp.session.McpSession;
import dev.bastion.mcp.spi.Caller;
import dev.bastion.mcp.spi.Cancellation;
import dev.bastion.mcp.spi.InputRequired;
import dev.bastion.mcp.spi.RequestTrace;
import dev.bastion.mcp.spi.ToolDefinition;
import dev.bastion.json.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An MCP client inside the server, for the admin console's playground: it lists and calls tools
 * as {@code caller} through the same {@link ToolsFeature} an HTTP client reaches (same offer,
 * same rights, same argument validation against the input schema, same results and errors), on
 * the latest stateful revision, as a client that declared no capabilities (so a destructive call
 * is confirmed or refused exactly as for such a client). No session is opened: nothing of a call
 * outlives it. Auditing is the caller's business, since only it knows the HTTP request.
 */
@ApplicationScoped
public class InProcessClient {

    private static final Logger LOG = Logger.getLogger(InProcessClient.class.getName());
    private static final ProtocolRevision REVISION = ProtocolRevision.latestStateful();

    @Inject
    ToolsFeature tools;

    /** The revision whose rules shape the answers (titles, structured content, annotations). */
    public ProtocolRevision revision() {
        return REVISION;
    }

    /** The tools {@code caller}'s MCP client would list, in list order, every page. */
    public List<ToolDefinition> tools(Caller caller) {
        return tools.tools(new Call(caller, RequestTrace.DISCARDED));
    }

    /**
     * A {@code tools/call} of {@code name} with {@code arguments} as {@code caller}, answered as
     * the client would read it: a response whose result may be {@code isError}, or a JSON-RPC
     * error (an unknown tool, say).
     *
     * @param trace where the tools tell what the call touched, for its audit entry
     */
    public JsonRpcMessage callTool(Caller caller, JsonValue id, String name, JsonObject arguments, RequestTrace trace) {
        JsonObject params = Jsons.createObjectBuilder().add("name", name).add("arguments", arguments).build();
        try {
            return new JsonRpcMessage.Response(id, tools.call(params, new Call(caller, trace)));
        } catch (McpException e) {
            return JsonRpcMessage.ErrorResponse.of(id, e);
        } catch (InputRequired e) {
            return JsonRpcMessage.ErrorResponse.of(id, new McpException(ErrorCode.INTERNAL_ERROR,
                    McpMethod.TOOLS_CALL.wireName() + " needs input from the client that protocol "
                            + REVISION.version() + " cannot carry"));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Internal error serving a console tools/call of " + name, e);
            return JsonRpcMessage.ErrorResponse.of(id, new McpException(ErrorCode.INTERNAL_ERROR,
                    "Internal error while serving " + McpMethod.TOOLS_CALL.wireName()));
        }
    }

    /** One request of the in-process client: no session, no stream, no capabilities. */
    private record Call(Caller caller, RequestTrace trace) implements Exchange {

        @Override
        public Optional<McpSession> session() {
            return Optional.empty();
        }

        @Override
        public void finish(JsonValue requestId) {
            // nothing is kept between calls
        }

        @Override
        public ProtocolRevision revision() {
            return REVISION;
        }

        @Override
        public JsonObject clientCapabilities() {
            return JsonValue.EMPTY_JSON_OBJECT;
        }

        @Override
        public void progress(double progress, Double total, String message) {
            // no progress token: the console waits for the answer
        }

        @Override
        public void log(String level, String logger, JsonValue data) {
            // no log level was set, and servers must not log unasked
        }

        @Override
        public Cancellation cancellation() {
            return new Cancellation();
        }

        @Override
        public JsonObject requestFromClient(String method, JsonObject params, Duration timeout) {
            String capability = Exchange.capabilityFor(method);
            throw Exchange.missingCapability(capability == null ? method : capability);
        }
    }
}
