package dev.bastion.access;

import java.util.Set;

/**
 * Who is signed in to the admin console on this request, established by
 * {@link BastionAuthentication} from the HTTP session and carried as the request attribute
 * {@link #ATTRIBUTE}, so the console's pages never look the user up by login again.
 *
 * @param login  the signed-in user's login
 * @param groups their groups (XML ids, implied ones included)
 */
public record ConsoleCaller(String login, Set<String> groups) {

    public static final String ATTRIBUTE = ConsoleCaller.class.getName();

    public ConsoleCaller {
        groups = Set.copyOf(groups);
    }

    /** Whether they may see the whole console, not only their own account. */
    public boolean administrator() {
        return groups.contains(AdminSignIn.ADMIN_GROUP);
    }
}
