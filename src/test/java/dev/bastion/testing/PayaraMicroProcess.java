package dev.bastion.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built WAR on Payara Micro in a process of its own, started the way the run command does
 * (context root {@code /}, {@code --nocluster}, the post-boot commands of
 * {@code server-config/payara/}). For tests that must stop, kill and start the server, which
 * Arquillian's container does not offer, and for the startup benchmark.
 */
public final class PayaraMicroProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private PayaraMicroProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts Payara Micro with the built WAR on a free port, with {@code environment} added to
     * the process's environment (as ops configure Bastion), and waits until
     * {@code /health/ready} answers 200.
     */
    public static PayaraMicroProcess start(Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        PayaraMicroProcess micro = launch(environment);
        micro.awaitReady(timeout);
        return micro;
    }

    /**
     * Starts Payara Micro like {@link #start} but returns at once, for tests that act while
     * it boots (see {@link #awaitLog} and {@link #awaitReady}).
     */
    public static PayaraMicroProcess launch(Map<String, String> environment) throws IOException {
        return launch(environment, List.of("--nocluster"));
    }

    /**
     * Starts Payara Micro like {@link #launch(Map)} with {@code microOptions} instead of
     * {@code --nocluster} (a cluster member's {@code --clustermode}, {@code --clustername}, ...).
     */
    public static PayaraMicroProcess launch(Map<String, String> environment, List<String> microOptions) throws IOException {
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions());
        command.addAll(List.of("-jar", microJar(), "--deploy", Deployments.builtWar().getAbsolutePath(),
                "--contextroot", "/", "--port", Integer.toString(port),
                "--postbootcommandfile", postBootCommands()));
        command.addAll(microOptions);
        Path log = Files.createTempFile("bastion-micro-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new PayaraMicroProcess(builder.start(), port, log);
    }

    /** The JVM options of the tests' servers (pom.xml, {@code it.jvm.options}: C1 only, for the boot time). */
    private static List<String> jvmOptions() {
        return List.of(System.getProperty("it.jvm.options", "-Xmx1g").trim().split("\\s+"));
    }

    private static String microJar() {
        String jar = System.getProperty("payara.microJar", "target/payara-micro.jar");
        if (!new File(jar).isFile()) {
            throw new IllegalStateException("Payara Micro not found at " + jar + " (mvn package copies it)");
        }
        return jar;
    }

    /** The post-boot commands ops run Bastion with (MicroProfile Metrics and OpenAPI off). */
    public static String postBootCommands() {
        String file = System.getProperty("payara.postBootCommands", "server-config/payara/post-boot-commands.asadmin");
        if (!new File(file).isFile()) {
            throw new IllegalStateException("Post-boot commands not found at " + file);
        }
        return new File(file).getAbsolutePath();
    }

    /** A TCP port free on this machine now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits until the server's console output contains {@code text}. */
    public void awaitLog(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!log().contains(text)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with " + process.exitValue() + "; its log: " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No '" + text + "' in the log within " + timeout + ": " + log);
            }
            Thread.sleep(50);
        }
    }

    /** Waits until {@code /health/ready} answers 200. */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with " + process.exitValue()
                        + "; its log: " + log);
            }
            try {
                // Generous: on a loaded machine a cold server takes seconds for its first answers.
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(baseUri().resolve("health/ready"))
                        .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException notYetListening) {
                last = notYetListening.toString();
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("Bastion was not ready within " + timeout + " (last readiness answer: "
                + last + "); its log: " + log);
    }

    /** {@code http://localhost:<port>/}. */
    public URI baseUri() {
        return URI.create("http://localhost:" + port + "/");
    }

    /** The operating system's id of the server's process. */
    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Where the server's console output goes. */
    public Path logFile() {
        return log;
    }

    /** The server's console output so far. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Kills the server at once ({@code kill -9}: no shutdown hook, no flush) and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Stops the server the way Ctrl+C does and waits for it to exit. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
