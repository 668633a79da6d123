package dev.bastion.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The official MCP TypeScript SDK client, driven by {@code src/test/node/client.mjs}. Installs
 * its npm packages (from the committed lock file) on first use, so {@code mvn verify} needs
 * nothing but Node and npm.
 */
public final class NodeClients {

    private static final File DIR = new File("src/test/node");

    private NodeClients() {
    }

    private static synchronized void install() throws IOException, InterruptedException {
        if (new File(DIR, "node_modules/@modelcontextprotocol/sdk").isDirectory()) {
            return;
        }
        run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 5);
    }

    /** Runs the client against {@code url} in {@code mode} (streamable, sse, fallback); returns its report. */
    public static JsonObject run(String url, String mode, Map<String, String> env) throws IOException, InterruptedException {
        return run(url, mode, env, "client.mjs");
    }

    /** Runs {@code script} of {@code src/test/node} against {@code url} in {@code mode}; returns its report. */
    public static JsonObject run(String url, String mode, Map<String, String> env, String script)
            throws IOException, InterruptedException {
        install();
        String output = run(List.of("node", script, url, mode), env, 2);
        String last = output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("no report from the TypeScript client:\n" + output));
        try (JsonReader reader = Json.createReader(new StringReader(last))) {
            return reader.readObject();
        }
    }

    /**
     * A script of {@code src/test/node} running in the background, for tests that act while it
     * waits (a browser step): its output lines as they come, and its final JSON report.
     */
    public static final class Running {
        private final Process process;
        private final java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        private final StringBuilder output = new StringBuilder();

        private Running(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        synchronized (output) {
                            output.append(line).append('\n');
                        }
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // The process ended: what it printed is kept.
                }
            }, "node-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** The rest of the first line starting with {@code prefix}, waiting at most {@code seconds}. */
        public String awaitLine(String prefix, int seconds) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(prefix)) {
                    return line.substring(prefix.length());
                }
                if (line == null && !process.isAlive() && lines.isEmpty()) {
                    break;
                }
            }
            throw new IllegalStateException("no line '" + prefix + "...' from node:\n" + output());
        }

        /** Waits for the end and returns the last JSON line printed. */
        public JsonObject report(int seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("node did not finish:\n" + output());
            }
            Thread.sleep(100);
            String last = output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalStateException("no report from node:\n" + output()));
            try (JsonReader reader = Json.createReader(new StringReader(last))) {
                return reader.readObject();
            }
        }

        public String output() {
            synchronized (output) {
                return output.toString();
            }
        }

        public void stop() {
            process.destroyForcibly();
        }
    }

    /** Starts {@code script} of {@code src/test/node} with {@code args}; stderr joins stdout. */
    public static Running start(String script, List<String> args) throws IOException, InterruptedException {
        install();
        List<String> command = new java.util.ArrayList<>(List.of("node", script));
        command.addAll(args);
        return new Running(new ProcessBuilder(command).directory(DIR).redirectErrorStream(true).start());
    }

    private static String run(List<String> command, Map<String, String> env, int minutes)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("node-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(DIR).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish; log: " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed:\n" + output);
        }
        return output;
    }
}
