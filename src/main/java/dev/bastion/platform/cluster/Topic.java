package dev.bastion.platform.cluster;

import java.io.Serializable;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Messages from one node to all the others. Each message reaches each other node's subscribers
 * once; the publishing node's subscribers never get it (the publisher has acted on it locally).
 * Order is kept per publishing node. In the embedded grid publishing does nothing.
 */
public interface Topic<T extends Serializable> {

    /**
     * Sends {@code message} and returns once every other node's subscribers have run, or after
     * {@code wait} (zero: at once), whichever comes first. Nodes that did not answer in time are
     * not waited for again until they answer: a node that died costs one wait, not one per message.
     *
     * @return whether every other node acknowledged in time
     */
    boolean publish(T message, Duration wait);

    /** Runs {@code subscriber} on this node for every message another node publishes. */
    void subscribe(Consumer<T> subscriber);
}
