package dev.bastion.access;

import dev.bastion.erp.base.Company;
import dev.bastion.erp.base.Group;
import dev.bastion.erp.base.User;
import dev.bastion.platform.DatabaseReady;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes a new installation usable: when no administrator exists yet, creates user
 * {@code admin} in every administrative group, with the password of
 * {@code BASTION_ADMIN_PASSWORD} and the API key of {@code BASTION_ADMIN_API_KEY} when ops set
 * them (automated deployments), else generated ones. Users already there without a key (the
 * demo users) get one too. Generated secrets are printed once, with client configurations
 * ready to paste; they are never stored in clear.
 */
@ApplicationScoped
public class FirstStart {

    /** After the demo data (whose users get keys here). */
    static final int PRIORITY = Interceptor.Priority.APPLICATION + 700;

    static final List<String> ADMIN_GROUPS = List.of("base.group_user", "base.group_system", "base.group_mcp_admin",
            "sales.group_sale_manager", "invoicing.group_account_manager");

    private static final Logger LOG = Logger.getLogger(FirstStart.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    EntityManager em;

    @Inject
    ApiKeys keys;

    @Inject
    Pbkdf2PasswordHash passwords;

    @Inject
    @ConfigProperty(name = "bastion.admin.password")
    Optional<String> adminPassword;

    @Inject
    @ConfigProperty(name = "bastion.admin.api-key")
    Optional<String> adminApiKey;

    @Inject
    @ConfigProperty(name = "bastion.public-url")
    String publicUrl;

    @Transactional
    void atStartup(@Observes @Priority(PRIORITY) DatabaseReady ready) {
        if (administratorExists()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        User admin = createAdmin(lines);
        String adminKey = adminApiKey.filter(k -> !k.isBlank())
                .map(k -> keys.register(admin, "BASTION_ADMIN_API_KEY", k, null).key())
                .orElseGet(() -> keys.issue(admin, "created at first start", null).key());
        if (adminApiKey.filter(k -> !k.isBlank()).isEmpty()) {
            lines.add("   API key of admin : " + adminKey);
            lines.addAll(clientConfigurations(adminKey));
        }
        for (User user : em.createQuery("select u from ResUser u where u.active = true and u.login <> 'admin' "
                + "order by u.login", User.class).getResultList()) {
            if (!keys.hasKeys(user) && user.effectiveGroups().stream()
                    .anyMatch(g -> BastionAuthentication.MCP_GROUPS.contains(g.getXmlId()))) {
                lines.add("   API key of " + user.getLogin() + " : " + keys.issue(user, "created at first start", null).key());
            }
        }
        if (!lines.isEmpty()) {
            LOG.info(() -> String.join(System.lineSeparator(), banner(lines)));
        }
    }

    private boolean administratorExists() {
        return em.createQuery("select count(u) from ResUser u join u.groups g where g.xmlId = 'base.group_system' "
                + "or u.login = 'admin'", Long.class).getSingleResult() > 0;
    }

    private User createAdmin(List<String> lines) {
        List<Company> companies = em.createQuery("select c from Company c order by c.id", Company.class).getResultList();
        User admin = new User("admin", "Administrator", companies.get(0));
        admin.getCompanies().addAll(companies);
        em.createQuery("select g from ResGroup g where g.xmlId in :ids", Group.class)
                .setParameter("ids", ADMIN_GROUPS).getResultList().forEach(admin.getGroups()::add);
        String password = adminPassword.filter(p -> !p.isBlank()).orElseGet(() -> {
            String generated = randomSecret(18);
            lines.add("   Password of admin : " + generated + "   (sign in at " + base() + "/admin)");
            return generated;
        });
        admin.setPassword(passwords.generate(password.toCharArray()));
        em.persist(admin);
        em.flush();
        return admin;
    }

    private List<String> clientConfigurations(String key) {
        String url = base() + "/mcp";
        return List.of(
                "",
                " Streamable HTTP clients (Cursor, VS Code, Claude Code, MCP Inspector...):",
                "   URL    : " + url,
                "   Header : Authorization: Bearer " + key,
                "",
                " Claude Desktop (claude_desktop_config.json), through mcp-remote:",
                "   {\"mcpServers\": {\"bastion\": {\"command\": \"npx\", \"args\": [\"-y\", \"mcp-remote\", \""
                        + url + "\", \"--header\", \"Authorization:${AUTH_HEADER}\"], \"env\": {\"AUTH_HEADER\": "
                        + "\"Bearer " + key + "\"}}}}");
    }

    private List<String> banner(List<String> lines) {
        List<String> all = new ArrayList<>();
        all.add("");
        all.add("==============================================================");
        all.add(" First start: user 'admin' created. Secrets below are shown ONCE; keep them now.");
        all.addAll(lines);
        all.add("==============================================================");
        return all;
    }

    private String base() {
        return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    private static String randomSecret(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
