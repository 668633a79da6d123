package dev.bastion.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A raw HTTP client for {@code /mcp}, for tests that must send what real SDKs never would:
 * bad JSON, wrong headers, foreign sessions.
 */
public final class McpHttp {

    // HTTP/1.1 as MCP clients speak it: the JDK's default h2c upgrade meets Payara's HTTP/2, which
    // under load answers some upgraded requests with GOAWAY or not at all.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI endpoint;
    private final String apiKey;
    private String sessionId;
    private String protocolVersion;

    public McpHttp(URI endpoint) {
        this(endpoint, null);
    }

    /** A client that sends {@code Authorization: Bearer apiKey} with every request (none when null). */
    public McpHttp(URI endpoint, String apiKey) {
        this.endpoint = endpoint;
        this.apiKey = apiKey;
    }

    /** A reply: status, headers and body (JSON, or the JSON messages of an event stream). */
    public record Reply(int status, Map<String, List<String>> headers, String body) {
        /** The JSON body, or the last message of an event stream (the response). */
        public JsonObject json() {
            if (body.startsWith("id:") || body.startsWith("data:") || body.startsWith(":")) {
                List<JsonObject> events = events();
                return events.get(events.size() - 1);
            }
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        public JsonStructure jsonStructure() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        /** The {@code data:} payloads of an event stream that hold JSON. */
        public List<JsonObject> events() {
            List<JsonObject> events = new ArrayList<>();
            for (String line : body.split("\n")) {
                if (line.startsWith("data: {")) {
                    try (JsonReader reader = Json.createReader(new StringReader(line.substring(6)))) {
                        events.add(reader.readObject());
                    }
                }
            }
            return events;
        }

        public int errorCode() {
            return json().getJsonObject("error").getInt("code");
        }
    }

    /** Initializes a session at {@code version} and sends {@code notifications/initialized}. */
    public JsonObject initialize(String version, JsonObject capabilities) throws IOException, InterruptedException {
        return initialize(version, capabilities, "bastion-it");
    }

    /** Initializes a session as the client {@code clientName} (version 1). */
    public JsonObject initialize(String version, JsonObject capabilities, String clientName)
            throws IOException, InterruptedException {
        Reply reply = post(Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", 0).add("method", "initialize")
                .add("params", Json.createObjectBuilder().add("protocolVersion", version)
                        .add("capabilities", capabilities)
                        .add("clientInfo", Json.createObjectBuilder().add("name", clientName).add("version", "1")))
                .build().toString());
        if (reply.status() != 200) {
            throw new IllegalStateException("initialize failed: " + reply);
        }
        sessionId = reply.header("Mcp-Session-Id");
        protocolVersion = reply.json().getJsonObject("result").getString("protocolVersion");
        post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return reply.json().getJsonObject("result");
    }

    public String sessionId() {
        return sessionId;
    }

    public void sessionId(String id) {
        this.sessionId = id;
    }

    /** Sends a request and returns its reply. */
    public Reply request(Object id, String method, JsonObject params) throws IOException, InterruptedException {
        var message = Json.createObjectBuilder().add("jsonrpc", "2.0").add("method", method);
        if (id instanceof Number n) {
            message.add("id", n.longValue());
        } else {
            message.add("id", String.valueOf(id));
        }
        if (params != null) {
            message.add("params", params);
        }
        return post(message.build().toString());
    }

    /** POSTs {@code body} with the session's headers plus {@code extraHeaders} (name, value pairs). */
    public Reply post(String body, String... extraHeaders) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        withSession(request, extraHeaders);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().map(), response.body());
    }

    /** Sends any method with the session's headers. */
    public Reply send(String method, String accept, String... extraHeaders) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Accept", accept).method(method, HttpRequest.BodyPublishers.noBody());
        withSession(request, extraHeaders);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().map(), response.body());
    }

    private void withSession(HttpRequest.Builder request, String... extraHeaders) {
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        boolean overridden = false;
        for (int i = 0; i < extraHeaders.length; i += 2) {
            request.header(extraHeaders[i], extraHeaders[i + 1]);
            overridden |= extraHeaders[i].equalsIgnoreCase("Mcp-Session-Id");
        }
        if (sessionId != null && !overridden) {
            request.header("Mcp-Session-Id", sessionId);
        }
        if (protocolVersion != null) {
            request.header("MCP-Protocol-Version", protocolVersion);
        }
    }
}
