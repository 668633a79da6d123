package dev.bastion.mcp.transport;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP answer of the MCP transport: JSON (sent with its length), an empty status, or an event
 * stream whose frames reach the client as they are flushed. POSTs to {@code /mcp} are answered
 * straight on the servlet response ({@link #writeTo}), outside JAX-RS: its routing, per-request
 * injection and message body writers cost more than the whole of a {@code ping}, and an answer
 * that is already serialised needs none of them. The JAX-RS resources (GET streams, the legacy
 * transport) turn their JSON-RPC errors and acknowledgements into a {@link Response}
 * ({@link #toResponse}); their event streams are JAX-RS's own.
 */
final class HttpAnswer {

    /** What every event stream tells proxies: do not buffer it, do not cache it (JAX-RS's streams too). */
    static final Map<String, String> STREAM_HEADERS = Map.of("Cache-Control", "no-cache", "X-Accel-Buffering", "no");

    private static final String JSON = "application/json";
    private static final String EVENT_STREAM = "text/event-stream";

    /** Writes an event stream's frames, flushing each. */
    interface Frames {
        void writeTo(OutputStream out) throws IOException;
    }

    private final int status;
    private final String contentType;
    private final byte[] body;
    private final Frames frames;
    private final Map<String, String> headers = new LinkedHashMap<>(2);

    private HttpAnswer(int status, String contentType, byte[] body, Frames frames) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.frames = frames;
    }

    static HttpAnswer json(int status, String json) {
        return new HttpAnswer(status, JSON, json.getBytes(StandardCharsets.UTF_8), null);
    }

    /** A status without a body ({@code 202 Accepted}, {@code 204}). */
    static HttpAnswer empty(int status) {
        return new HttpAnswer(status, null, null, null);
    }

    /** {@code 200} with an event stream; proxies are told not to buffer or cache it. */
    static HttpAnswer eventStream(Frames frames) {
        HttpAnswer answer = new HttpAnswer(200, EVENT_STREAM, null, frames);
        answer.headers.putAll(STREAM_HEADERS);
        return answer;
    }

    HttpAnswer header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Writes the answer; an event stream's headers go out before its first frame is ready. */
    void writeTo(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        headers.forEach(response::setHeader);
        if (contentType != null) {
            response.setContentType(contentType);
        }
        if (body != null) {
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        } else if (frames != null) {
            response.flushBuffer();
            frames.writeTo(response.getOutputStream());
        } else {
            response.setContentLength(0);
        }
    }

    /** A JSON or empty answer as a JAX-RS response. */
    Response toResponse() {
        if (frames != null) {
            throw new IllegalStateException("An event stream is written on the servlet response, not through JAX-RS");
        }
        Response.ResponseBuilder response = Response.status(status);
        headers.forEach(response::header);
        return body == null ? response.build() : response.entity(body).type(contentType).build();
    }
}
