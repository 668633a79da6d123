package dev.bastion.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.testing.Deployments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The settings service inside the running server: stored values, defaults, events. */
@ExtendWith(ArquillianExtension.class)
class SettingsServiceIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.shippedWar().addClasses(SettingsServiceIT.class, ChangeRecorder.class);
    }

    /** Observes changes the way features do (accessed through methods: it sits behind a client proxy). */
    @ApplicationScoped
    public static class ChangeRecorder {
        private final List<SettingChanged> seen = new CopyOnWriteArrayList<>();
        private volatile CountDownLatch async = new CountDownLatch(1);

        void onChange(@Observes SettingChanged change) {
            seen.add(change);
        }

        void onChangeAsync(@ObservesAsync SettingChanged change) {
            async.countDown();
        }

        public void clear() {
            seen.clear();
            async = new CountDownLatch(1);
        }

        public List<SettingChanged> seen() {
            return List.copyOf(seen);
        }

        public boolean awaitAsync() throws InterruptedException {
            return async.await(10, TimeUnit.SECONDS);
        }
    }

    @Inject
    SettingsService settings;

    @Inject
    ChangeRecorder recorder;

    @Inject
    EntityManager em;

    @AfterEach
    void restoreDefaults() {
        settings.reset(SettingKey.RATE_LIMIT_PER_MINUTE, "it");
        settings.reset(SettingKey.SESSION_TTL, "it");
    }

    @Test
    void defaultsComeFromMicroProfileConfig() {
        assertEquals(600, settings.getCount(SettingKey.RATE_LIMIT_PER_MINUTE));
        assertEquals(Duration.ofMinutes(30), settings.getDuration(SettingKey.SESSION_TTL));
        assertEquals("off", settings.getText(SettingKey.IP_FILTER_MODE));
        assertEquals(List.of(), settings.getList(SettingKey.CORS_ORIGINS));
        assertTrue(settings.getBoolean(SettingKey.SERVER_ENABLED));
        assertFalse(settings.snapshot().get(SettingKey.SESSION_TTL).overridden());
    }

    @Test
    void storedValueWinsAndObserversHearOfIt() throws InterruptedException {
        recorder.clear();

        settings.set(SettingKey.RATE_LIMIT_PER_MINUTE, "42", "it");

        assertEquals(42, settings.getCount(SettingKey.RATE_LIMIT_PER_MINUTE));
        assertEquals("42", em.find(Setting.class, SettingKey.RATE_LIMIT_PER_MINUTE.key()).value());
        assertEquals(List.of(new SettingChanged(SettingKey.RATE_LIMIT_PER_MINUTE, 600L, 42L, "it")), recorder.seen());
        assertTrue(recorder.awaitAsync(), "asynchronous observers are told too");
        assertTrue(settings.snapshot().get(SettingKey.RATE_LIMIT_PER_MINUTE).overridden());

        settings.reset(SettingKey.RATE_LIMIT_PER_MINUTE, "it");
        assertEquals(600, settings.getCount(SettingKey.RATE_LIMIT_PER_MINUTE));
    }

    @Test
    void invalidValueIsRefusedAndNothingIsStored() {
        settings.set(SettingKey.SESSION_TTL, "10m", "it");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings.set(SettingKey.SESSION_TTL, "ten minutes", "it"));
        assertTrue(e.getMessage().startsWith("bastion.session.ttl: "), e.getMessage());
        assertEquals(Duration.ofMinutes(10), settings.getDuration(SettingKey.SESSION_TTL));
        assertEquals("10m", em.find(Setting.class, SettingKey.SESSION_TTL.key()).value());
    }

    @Test
    void typeMismatchIsAProgrammingErrorNamedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings.getCount(SettingKey.SESSION_TTL));
        assertTrue(e.getMessage().contains("bastion.session.ttl is a DURATION setting"), e.getMessage());
    }
}
