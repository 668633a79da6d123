package dev.bastion.testing;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Bastion nodes on Payara Micro, each a process of its own, clustered over loopback the way
 * ops cluster them: Payara's data grid (Hazelcast) with TCP/IP discovery of a fixed member list
 * ({@code --clustermode tcpip:...}, never multicast), a cluster name unique to this run so
 * nothing else on the machine joins, and {@code --nohostaware} (every member has the address
 * 127.0.0.1, and host-aware partitioning would refuse to keep backups on "the same host").
 * In front, nginx with the shipped configuration balances round-robin, request by request.
 *
 * <p>The grid ports of {@code maxNodes} members are chosen up front so a node started later
 * ({@link #addNode}) finds the others, which need no restart; {@link PayaraMicroProcess#kill()}
 * of {@link #node} is a {@code kill -9}.
 */
public final class TestCluster implements AutoCloseable {

    private final String name = "bastion-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Integer> gridPorts = new ArrayList<>();
    private final Map<String, String> environment;
    private final List<PayaraMicroProcess> nodes = new CopyOnWriteArrayList<>();
    private Nginx balancer;

    private TestCluster(int maxNodes, Map<String, String> environment) throws IOException {
        this.environment = environment;
        for (int i = 0; i < maxNodes; i++) {
            gridPorts.add(PayaraMicroProcess.freePort());
        }
    }

    /**
     * Starts {@code count} nodes at once with {@code environment} (plus
     * {@code BASTION_CLUSTER_ENABLED=true} and a node name each), waits until each is ready,
     * and puts nginx in front of them.
     */
    public static TestCluster start(int count, int maxNodes, Map<String, String> environment, Duration boot)
            throws IOException, InterruptedException {
        TestCluster cluster = new TestCluster(maxNodes, environment);
        try {
            List<PayaraMicroProcess> started = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                started.add(cluster.launch(i));
            }
            for (PayaraMicroProcess node : started) {
                node.awaitReady(boot);
            }
            cluster.balancer = Nginx.start(cluster.httpPorts());
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The Payara Micro options of member {@code index}: its grid port, the member list, the cluster's name. */
    public List<String> microOptions(int index) {
        String members = gridPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        return List.of("--clustermode", "tcpip:" + members, "--startport", Integer.toString(gridPorts.get(index)),
                "--clustername", name, "--interfaces", "127.0.0.1", "--nohostaware", "--name", nodeName(index));
    }

    private static String nodeName(int index) {
        return "node-" + (char) ('a' + index);
    }

    private PayaraMicroProcess launch(int index) throws IOException {
        if (index >= gridPorts.size()) {
            throw new IllegalStateException("This cluster was planned for " + gridPorts.size() + " nodes");
        }
        Map<String, String> env = new HashMap<>(environment);
        env.put("BASTION_CLUSTER_ENABLED", "true");
        env.put("BASTION_CLUSTER_NODE_NAME", nodeName(index));
        PayaraMicroProcess node = PayaraMicroProcess.launch(env, microOptions(index));
        nodes.add(node);
        return node;
    }

    /** Starts one more node while the others serve, waits until it is ready and lets nginx send it requests. */
    public PayaraMicroProcess addNode(Duration boot) throws IOException, InterruptedException {
        PayaraMicroProcess node = launch(nodes.size());
        node.awaitReady(boot);
        balancer.upstreams(httpPorts());
        return node;
    }

    /** Node {@code index} in start order (0 is node-a). */
    public PayaraMicroProcess node(int index) {
        return nodes.get(index);
    }

    public List<PayaraMicroProcess> nodes() {
        return List.copyOf(nodes);
    }

    /** nginx's address: requests go round-robin to every node. */
    public URI front() {
        return URI.create("http://127.0.0.1:" + balancer.port() + "/");
    }

    public Nginx balancer() {
        return balancer;
    }

    /** Lets nginx send requests to the nodes still running only (after a {@code kill -9}, say). */
    public void rebalance() throws IOException, InterruptedException {
        balancer.upstreams(httpPorts());
    }

    private List<Integer> httpPorts() {
        return nodes.stream().filter(PayaraMicroProcess::alive).map(n -> n.baseUri().getPort()).toList();
    }

    /** The cluster's name, unique to this run. */
    public String name() {
        return name;
    }

    @Override
    public void close() throws InterruptedException {
        if (balancer != null) {
            balancer.close();
        }
        List<Thread> stopping = new ArrayList<>();
        for (PayaraMicroProcess node : nodes) {
            Thread t = new Thread(() -> {
                try {
                    node.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            t.join();
        }
    }
}
