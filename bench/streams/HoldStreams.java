import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client of bench/streams.sh: holds many GET streams open on Bastion's {@code /mcp} at once,
 * from one thread (non-blocking sockets, one selector), so that the server's heap and threads can
 * be read while they are open. Mode {@code session}: initializes one 2025-11-25 session per
 * stream first, then opens each session's GET stream; mode {@code legacy}: 2024-11-05 HTTP+SSE
 * GETs (no session header). Steered by lines on standard input: it prints {@code SESSIONS n s}
 * and waits for a line, opens the streams and prints {@code OPEN n failed m s}, keeps reading
 * (and discarding) what the server sends until the next line, prints {@code STILL-OPEN n}, closes
 * everything and exits. A GET answered 5xx is sent again (twice at most) and counted on standard
 * error, with the reasons of the GETs that failed.
 * Usage: java HoldStreams.java http://127.0.0.1:PORT/mcp API-KEY COUNT session|legacy
 */
public class HoldStreams {

    private static final int IN_FLIGHT = 64;
    private static final long OPEN_TIMEOUT_MS = 180_000;

    /** One stream: its request, then what came back until it was found open. */
    static final class Stream {
        final int index;
        final int attempt;
        final ByteBuffer request;
        final StringBuilder head = new StringBuilder();
        boolean open;
        boolean closed;
        String failure;

        Stream(int index, int attempt, String request) {
            this.index = index;
            this.attempt = attempt;
            this.request = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
        }
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String key = args[1];
        int count = Integer.parseInt(args[2]);
        boolean sessions = args[3].equals("session");
        BufferedReader control = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

        long start = System.nanoTime();
        List<String> requests = new ArrayList<>(count);
        if (sessions) {
            for (String id : initialize(endpoint, key, count)) {
                requests.add(get(endpoint, key, "Mcp-Session-Id: " + id + "\r\nMCP-Protocol-Version: 2025-11-25\r\n"));
            }
        } else {
            for (int i = 0; i < count; i++) {
                requests.add(get(endpoint, key, ""));
            }
        }
        System.out.printf("SESSIONS %d %.1f%n", sessions ? count : 0, (System.nanoTime() - start) / 1e9);
        System.out.flush();
        control.readLine();

        start = System.nanoTime();
        Selector selector = Selector.open();
        InetSocketAddress address = new InetSocketAddress(endpoint.getHost(), endpoint.getPort());
        List<Stream> streams = new ArrayList<>(count);
        ByteBuffer discard = ByteBuffer.allocate(64 * 1024);
        Deque<int[]> queue = new ArrayDeque<>();
        for (int i = 0; i < count; i++) {
            queue.add(new int[] {i, 0});
        }
        int pending = 0;
        int open = 0;
        int failed = 0;
        int retried = 0;
        Map<String, Integer> failures = new TreeMap<>();
        long deadline = System.currentTimeMillis() + OPEN_TIMEOUT_MS;
        while ((!queue.isEmpty() || pending > 0) && System.currentTimeMillis() < deadline) {
            while (!queue.isEmpty() && pending < IN_FLIGHT) {
                int[] next = queue.poll();
                Stream stream = new Stream(next[0], next[1], requests.get(next[0]));
                streams.add(stream);
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.connect(address);
                channel.register(selector, SelectionKey.OP_CONNECT, stream);
                pending++;
            }
            selector.select(500);
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey selected = keys.next();
                keys.remove();
                Stream stream = (Stream) selected.attachment();
                boolean wasOpen = stream.open;
                if (!handle(selected, stream, discard) && !wasOpen) {
                    pending--;
                    if (stream.failure.contains(" 5") && stream.attempt < 2) {
                        retried++;
                        queue.add(new int[] {stream.index, stream.attempt + 1});
                    } else {
                        failed++;
                        failures.merge(stream.failure, 1, Integer::sum);
                    }
                } else if (stream.open && !wasOpen) {
                    pending--;
                    open++;
                }
            }
        }
        failed += pending + queue.size();
        System.out.printf("OPEN %d failed %d %.1f%n", open, failed, (System.nanoTime() - start) / 1e9);
        if (retried > 0) {
            System.err.println("GET answered 5xx and sent again: " + retried + " times");
        }
        failures.forEach((reason, n) -> System.err.println("GET failed " + n + " times: " + reason));
        System.out.flush();

        Thread waiter = new Thread(() -> {
            try {
                control.readLine();
            } catch (IOException e) {
                // end of input: stop as on a line
            }
        });
        waiter.setDaemon(true);
        waiter.start();
        while (waiter.isAlive()) {
            selector.select(500);
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey selected = keys.next();
                keys.remove();
                handle(selected, (Stream) selected.attachment(), discard);
            }
        }
        long stillOpen = streams.stream().filter(stream -> stream.open && !stream.closed).count();
        System.out.printf("STILL-OPEN %d%n", stillOpen);
        System.out.flush();
        for (SelectionKey selected : selector.keys()) {
            selected.channel().close();
        }
        selector.close();
    }

    /** Advances one stream; false once it is closed. */
    private static boolean handle(SelectionKey selected, Stream stream, ByteBuffer discard) {
        SocketChannel channel = (SocketChannel) selected.channel();
        try {
            if (selected.isConnectable()) {
                channel.finishConnect();
                selected.interestOps(SelectionKey.OP_WRITE);
            }
            if (selected.isValid() && selected.isWritable()) {
                channel.write(stream.request);
                if (!stream.request.hasRemaining()) {
                    selected.interestOps(SelectionKey.OP_READ);
                }
            }
            if (selected.isValid() && selected.isReadable()) {
                discard.clear();
                int read = channel.read(discard);
                if (read < 0) {
                    throw new IOException("closed by the server");
                }
                if (!stream.open) {
                    stream.head.append(new String(discard.array(), 0, read, StandardCharsets.US_ASCII));
                    String head = stream.head.toString();
                    if (!head.startsWith("HTTP/1.1 200")) {
                        if (head.contains("\r\n\r\n")) {
                            throw new IOException("refused: " + head.lines().findFirst().orElse(""));
                        }
                    } else if (head.contains(": stream open") || head.contains("event: endpoint")) {
                        stream.open = true;
                        stream.head.setLength(0);
                    }
                }
            }
            return true;
        } catch (IOException e) {
            stream.closed = true;
            stream.failure = e.getMessage();
            selected.cancel();
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a broken socket
            }
            return false;
        }
    }

    private static String get(URI endpoint, String key, String extra) {
        return "GET " + endpoint.getPath() + " HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort()
                + "\r\nAuthorization: Bearer " + key + "\r\nAccept: text/event-stream\r\n" + extra + "\r\n";
    }

    /**
     * Initializes {@code count} 2025-11-25 sessions, eight at a time; returns their ids. An
     * initialize answered 5xx is sent again (at most three times) and counted: a server that
     * fails concurrent requests of one caller should show it, not stop the benchmark.
     */
    private static List<String> initialize(URI endpoint, String key, int count) throws Exception {
        // HTTP/1.1 as the Node and Python SDKs speak it: the JDK client's default HTTP/2 (h2c upgrade)
        // deadlocks worker threads in Payara's Grizzly (see the report of issue 12's benchmarks).
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger failures = new AtomicInteger();
        try {
            List<Future<String>> ids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int n = i;
                ids.add(pool.submit(() -> {
                    HttpResponse<String> init = null;
                    for (int attempt = 0; attempt < 3 && (init == null || init.statusCode() >= 500); attempt++) {
                        if (init != null) {
                            failures.incrementAndGet();
                        }
                        init = http.send(post(endpoint, key, null,
                                "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                                        + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench-streams-" + n
                                        + "\",\"version\":\"1\"}}}"), HttpResponse.BodyHandlers.ofString());
                    }
                    HttpResponse<String> answer = init;
                    String id = answer.headers().firstValue("Mcp-Session-Id")
                            .orElseThrow(() -> new IllegalStateException("initialize: " + answer.statusCode() + " "
                                    + answer.body()));
                    http.send(post(endpoint, key, id, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
                            HttpResponse.BodyHandlers.discarding());
                    return id;
                }));
            }
            List<String> result = new ArrayList<>(count);
            for (Future<String> id : ids) {
                result.add(id.get());
            }
            if (failures.get() > 0) {
                System.err.println("initialize answered 5xx and sent again: " + failures.get() + " times");
            }
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    private static HttpRequest post(URI endpoint, String key, String session, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
        }
        return request.build();
    }
}
