package dev.bastion.access;

import dev.bastion.erp.base.Group;
import dev.bastion.erp.base.User;
import dev.bastion.orm.ChangesCommitted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Users' effective groups (implied ones included), kept until users or groups change: every
 * request checks them (the MCP group at the door, then the rights of each model a call
 * touches), and the group closure costs a query per group. A committed change of users or
 * groups clears them before the changing call returns; one made outside this node's data
 * engine is seen within {@link #MAX_AGE}.
 */
@ApplicationScoped
public class Memberships {

    static final Duration MAX_AGE = Duration.ofSeconds(30);
    private static final int MAX_USERS = 10_000;
    private static final Set<String> SOURCES = Set.of("res.users", "res.groups");

    /**
     * A user's effective groups.
     *
     * @param ids    the group ids
     * @param xmlIds their stable names ({@code base.group_mcp_user})
     */
    public record Membership(Set<Long> ids, Set<String> xmlIds) {
        static final Membership NONE = new Membership(Set.of(), Set.of());
    }

    @Inject
    EntityManager em;

    private final DerivedCache<Long, Membership> known = new DerivedCache<>(MAX_AGE, MAX_USERS);

    /** The effective groups of user {@code uid}; none for an unknown or archived user. */
    public Membership of(long uid) {
        return known.get(uid, this::load).orElse(Membership.NONE);
    }

    private Optional<Membership> load(long uid) {
        User user = em.find(User.class, uid);
        if (user == null || !user.isActive()) {
            return Optional.empty();
        }
        Set<Group> groups = user.effectiveGroups();
        return Optional.of(new Membership(groups.stream().map(Group::getId).collect(Collectors.toUnmodifiableSet()),
                groups.stream().map(Group::getXmlId).collect(Collectors.toUnmodifiableSet())));
    }

    void changed(@Observes ChangesCommitted change) {
        if (change.touches(SOURCES)) {
            known.clear();
        }
    }
}
