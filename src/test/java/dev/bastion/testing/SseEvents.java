package dev.bastion.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An open event stream ({@code GET /mcp} of a session, or a {@code subscriptions/listen}
 * POST), read on a thread of its own: each {@code data:} line holding JSON becomes an event.
 */
public final class SseEvents implements AutoCloseable {

    private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final InputStream body;
    private final int status;

    private SseEvents(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.body = response.body();
        Thread reader = new Thread(this::read, "sse-events");
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends {@code request} and returns once the answer's headers arrived. */
    public static SseEvents open(HttpRequest request) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return new SseEvents(http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
    }

    public int status() {
        return status;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("data: {") || line.startsWith("data:{")) {
                    try (JsonReader json = Json.createReader(new StringReader(line.substring(line.indexOf('{'))))) {
                        events.add(json.readObject());
                    }
                }
            }
        } catch (IOException closed) {
            // the stream was closed by the test or the server
        } finally {
            ended.countDown();
        }
    }

    /** Whether the stream ended (the server closed it) within {@code timeout}. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next event, or null when none came within {@code timeout}. */
    public JsonObject next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next event whose method is {@code method}, skipping others; null when none came in time. */
    public JsonObject next(String method, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject e = events.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (e != null && method.equals(e.getString("method", null))) {
                return e;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
