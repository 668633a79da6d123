package dev.bastion.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Tells whoever started Bastion where to point their clients and how to stop it. */
@ApplicationScoped
public class StartupBanner {

    private static final Logger LOG = Logger.getLogger(StartupBanner.class.getName());

    @Inject
    @ConfigProperty(name = "bastion.public-url")
    String publicUrl;

    void announce(@Observes DatabaseReady ready) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        LOG.info(() -> String.join(System.lineSeparator(),
                "",
                "==============================================================",
                " Bastion is ready (database: " + ready.vendor() + ", schema " + ready.schemaVersion() + ")",
                "   MCP endpoint : " + base + "/mcp",
                "   Admin        : " + base + "/admin (sign in as admin)",
                "   Readiness    : " + base + "/health/ready",
                " Stop it with Ctrl+C in this terminal.",
                "=============================================================="));
    }
}
