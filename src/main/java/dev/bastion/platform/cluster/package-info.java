/**
 * What several Bastion nodes on one database share, behind one small interface,
 * {@link dev.bastion.platform.cluster.Grid}: maps of serialisable values by key with idle expiry
 * and removal listeners (sessions), windowed counters (the per-user rate limit, the per-address
 * lockout) and topics that reach every other node once (cache invalidations, notifications).
 *
 * <p>Two implementations, chosen at startup by {@code bastion.cluster.enabled}
 * ({@code BASTION_CLUSTER_ENABLED}, default false) in {@link dev.bastion.platform.cluster.GridProvider}:
 * {@link dev.bastion.platform.cluster.EmbeddedGrid}, a single node's memory with no network at
 * all (the default, exactly what one node always did), and the server's data grid through the
 * JCache API (JSR 107): on Payara Micro and Payara Server the Hazelcast it embeds, found at JNDI
 * {@code payara/CacheManager}. Membership, discovery and transport are the grid's own (Payara's
 * {@code --clusterMode}, Hazelcast's configuration); Bastion adds no protocol of its own. A cluster
 * asked for and not found leaves the node not ready, never quietly alone. On WildFly an
 * Infinispan JCache manager bound in JNDI would serve the same way ({@code docs/cluster.md}).
 *
 * <p>May import: JCache ({@code javax.cache}, only in the classes that run when the cluster is on),
 * CDI, Jakarta Concurrency, MicroProfile Config and Health. Nothing else of Bastion.
 */
package dev.bastion.platform.cluster;
