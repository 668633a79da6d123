package dev.bastion.oauth;

import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checked authorization requests waiting for the user's consent, kept in the browser's HTTP
 * session (the one the console sign-in uses) under a random id: at most {@value #MAX} per session,
 * the oldest dropped first, each consumed by the consent.
 */
public final class PendingAuthorizations {

    private static final String ATTRIBUTE = PendingAuthorizations.class.getName();
    private static final int MAX = 5;

    private PendingAuthorizations() {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, AuthorizationRequest> of(HttpSession session) {
        synchronized (session) {
            Object kept = session.getAttribute(ATTRIBUTE);
            if (kept instanceof LinkedHashMap<?, ?> map) {
                return (Map<String, AuthorizationRequest>) map;
            }
            LinkedHashMap<String, AuthorizationRequest> map = new LinkedHashMap<>();
            session.setAttribute(ATTRIBUTE, map);
            return map;
        }
    }

    static String put(HttpSession session, AuthorizationRequest request) {
        String id = Tokens.random("").substring(0, 22);
        Map<String, AuthorizationRequest> pending = of(session);
        synchronized (session) {
            while (pending.size() >= MAX) {
                pending.remove(pending.keySet().iterator().next());
            }
            pending.put(id, request);
            session.setAttribute(ATTRIBUTE, pending);
        }
        return id;
    }

    /** The request waiting under {@code id}, still waiting. */
    public static Optional<AuthorizationRequest> get(HttpSession session, String id) {
        if (session == null || id == null) {
            return Optional.empty();
        }
        synchronized (session) {
            return Optional.ofNullable(of(session).get(id));
        }
    }

    /** Takes the request waiting under {@code id}: it can be answered once. */
    public static Optional<AuthorizationRequest> take(HttpSession session, String id) {
        if (session == null || id == null) {
            return Optional.empty();
        }
        synchronized (session) {
            Map<String, AuthorizationRequest> pending = of(session);
            AuthorizationRequest request = pending.remove(id);
            session.setAttribute(ATTRIBUTE, pending);
            return Optional.ofNullable(request);
        }
    }
}
