package dev.bastion.access;

import dev.bastion.orm.AccessDenied;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.ChangesCommitted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The data engine's {@link CallContext} of an authenticated user: id, default company, every
 * company the user may see (a call narrows them with {@code allowed_company_ids}), time zone
 * and language. Kept per user until a committed change of users or companies clears it (before
 * the changing call returns), so a request resolves its caller without a query.
 */
@ApplicationScoped
public class CallContexts {

    private static final Set<String> SOURCES = Set.of("res.users", "res.company");
    /** Bounds what a change made outside this node's data engine can leave behind. */
    private static final Duration MAX_AGE = Duration.ofSeconds(30);
    private static final int MAX_USERS = 10_000;

    @Inject
    CallContextLoader loader;

    private final DerivedCache<Long, CallContext> known = new DerivedCache<>(MAX_AGE, MAX_USERS);

    /**
     * The context of the active user {@code login}, read afresh (sign-in pages and tools that
     * know a login only; MCP requests use {@link #forUser}).
     *
     * @throws AccessDenied when no active user has that login
     */
    public CallContext of(String login) {
        return loader.byLogin(login).orElseThrow(() ->
                new AccessDenied("user '" + login + "' does not exist or is archived"));
    }

    /** The context of the active user {@code uid}, or empty when there is none. */
    public Optional<CallContext> forUser(long uid) {
        return known.get(uid, loader::load);
    }

    void changed(@Observes ChangesCommitted change) {
        if (change.touches(SOURCES)) {
            known.clear();
        }
    }
}
