package dev.bastion.erp.demo;

import dev.bastion.platform.DatabaseReady;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads the demo data at startup when the {@code bastion.demo-data} setting asks for it:
 * {@code auto} (the default) loads it on the embedded H2 database only, so a newcomer's first
 * start has data to talk to while a PostgreSQL deployment starts empty unless ops set
 * {@code BASTION_DEMO_DATA=true}; {@code false} never loads it. Then starts the benchmark
 * volume loader when {@code bastion.demo-volume} is set.
 *
 * <p>Runs after the settings are loaded and before observers of a later priority (the
 * access package gives demo users their API keys there).
 */
@ApplicationScoped
public class DemoData {

    /** The observer priority: after the settings cache (default priority), before access seeding. */
    public static final int PRIORITY = Interceptor.Priority.APPLICATION + 600;

    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());

    @Inject
    SettingsService settings;

    @Inject
    DemoLoader loader;

    @Inject
    VolumeLoader volume;

    void atStartup(@Observes @Priority(PRIORITY) DatabaseReady ready) {
        if (wanted(settings.getText(SettingKey.DEMO_DATA), ready.vendor())) {
            long start = System.nanoTime();
            try {
                DemoDataSet set = loader.loadIfEmpty();
                if (set == null) {
                    LOG.info("Demo data not loaded: the database already holds partners or orders");
                } else {
                    LOG.info(() -> String.format("Demo data loaded in %d ms: %d companies, %d users, %d partners, "
                                    + "%d products, %d orders, %d invoices and bills, %d payments",
                            (System.nanoTime() - start) / 1_000_000, set.companies.size(), set.users.size(),
                            set.partners.size(), set.products.size(), set.orders.size(), set.moves.size(),
                            set.payments.size()));
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Demo data could not be loaded; the server runs without it", e);
            }
        }
        volume.startIfAsked(ready.vendor());
    }

    /** Whether the setting's value asks for demo data on this database vendor. */
    static boolean wanted(String setting, String vendor) {
        return "true".equals(setting) || "auto".equals(setting) && "h2".equals(vendor);
    }
}
