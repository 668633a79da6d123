package dev.bastion.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's nginx running the shipped {@code server-config/nginx/bastion.conf} in a directory of
 * its own, in the foreground, with only its listen port and its upstream servers changed. With
 * several upstreams it balances request by request, round-robin, with no stickiness: the
 * load balancer in front of a cluster. {@link #upstreams} rewrites the list and reloads nginx
 * without dropping open connections, as ops add a node.
 */
public final class Nginx implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/nginx");
    private static final String SHIPPED_UPSTREAM = "    server 127.0.0.1:8080;";

    private final Process process;
    private final int port;
    private final Path dir;

    private Nginx(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** nginx on a free port in front of Bastion on {@code upstreamPorts} of 127.0.0.1. */
    public static Nginx start(List<Integer> upstreamPorts) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(Path.of("target"), "nginx-").toAbsolutePath();
        int port = PayaraMicroProcess.freePort();
        Nginx nginx = new Nginx(null, port, dir);
        nginx.writeSite(upstreamPorts);
        Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                "daemon off;", "pid " + dir + "/nginx.pid;", "error_log " + dir + "/error.log;",
                "events {}", "http {", "  access_log off;",
                "  client_body_temp_path " + dir + "/body;", "  proxy_temp_path " + dir + "/proxy;",
                "  fastcgi_temp_path " + dir + "/fastcgi;", "  uwsgi_temp_path " + dir + "/uwsgi;",
                "  scgi_temp_path " + dir + "/scgi;", "  include " + dir + "/bastion.conf;", "}", ""));
        Process process = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return new Nginx(process, port, dir);
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("stdout.log")));
                }
                Thread.sleep(100);
            }
        }
        process.destroy();
        throw new IllegalStateException("nginx did not listen on " + port);
    }

    private void writeSite(List<Integer> upstreamPorts) throws IOException {
        String shipped = Files.readString(Path.of("server-config", "nginx", "bastion.conf"));
        String servers = upstreamPorts.stream().map(p -> "    server 127.0.0.1:" + p + ";").collect(Collectors.joining("\n"));
        String site = shipped.replace(SHIPPED_UPSTREAM, servers).replace("listen 80;", "listen " + port + ";");
        if (!shipped.contains(SHIPPED_UPSTREAM) || !shipped.contains("listen 80;")) {
            throw new IllegalStateException("bastion.conf no longer has the lines this test adapts");
        }
        Files.writeString(dir.resolve("bastion.conf"), site);
    }

    /** Balances over {@code upstreamPorts} from now on (nginx reloads; open connections stay). */
    public void upstreams(List<Integer> upstreamPorts) throws IOException, InterruptedException {
        writeSite(upstreamPorts);
        Process reload = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-s", "reload").redirectErrorStream(true).start();
        if (!reload.waitFor(20, TimeUnit.SECONDS) || reload.exitValue() != 0) {
            throw new IllegalStateException("nginx did not reload: " + new String(reload.getInputStream().readAllBytes()));
        }
        // The new workers take over within a moment; the old ones finish their requests.
        Thread.sleep(500);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
