package dev.bastion.access;

import dev.bastion.erp.base.Group;
import dev.bastion.erp.base.User;
import dev.bastion.orm.RecordChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Users' effective groups (implied ones included), kept for a short while: every request
 * checks them (the MCP group at the door, then the rights of each model a call touches), and
 * the group closure costs a query per group. A change of users or groups committed on this
 * node clears them at once; one made on another node is seen within {@link #MAX_AGE}.
 */
@ApplicationScoped
public class Memberships {

    static final Duration MAX_AGE = Duration.ofSeconds(30);
    private static final int MAX_USERS = 10_000;

    /**
     * A user's effective groups.
     *
     * @param ids    the group ids
     * @param xmlIds their stable names ({@code base.group_mcp_user})
     */
    public record Membership(Set<Long> ids, Set<String> xmlIds, long loadedAt) {
        static final Membership NONE = new Membership(Set.of(), Set.of(), 0);
    }

    @PersistenceContext(unitName = "bastion")
    EntityManager em;

    private final Map<Long, Membership> known = new ConcurrentHashMap<>();

    /** Counts changes, so a read that raced with one is not kept. */
    private final AtomicLong generation = new AtomicLong();

    /** The effective groups of user {@code uid}; none for an unknown or archived user. */
    public Membership of(long uid) {
        long now = System.nanoTime();
        Membership m = known.get(uid);
        if (m != null && now - m.loadedAt() < MAX_AGE.toNanos()) {
            return m;
        }
        if (known.size() > MAX_USERS) {
            known.clear();
        }
        long readAt = generation.get();
        User user = em.find(User.class, uid);
        if (user == null || !user.isActive()) {
            return Membership.NONE;
        }
        Set<Group> groups = user.effectiveGroups();
        m = new Membership(groups.stream().map(Group::getId).collect(Collectors.toUnmodifiableSet()),
                groups.stream().map(Group::getXmlId).collect(Collectors.toUnmodifiableSet()), now);
        if (generation.get() == readAt) {
            known.put(uid, m);
        }
        return m;
    }

    void changed(@ObservesAsync RecordChanged change) {
        if (change.model().equals("res.users") || change.model().equals("res.groups")) {
            generation.incrementAndGet();
            known.clear();
        }
    }
}
