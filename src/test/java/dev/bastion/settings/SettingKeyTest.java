package dev.bastion.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SettingKeyTest {

    @Test
    void everyKeyHasAValidShippedDefault() throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            defaults.load(in);
        }
        for (SettingKey key : SettingKey.values()) {
            assertTrue(defaults.containsKey(key.key()), "default declared for " + key.key());
            key.parse(defaults.getProperty(key.key()));
        }
    }

    @Test
    void durationsAcceptUnitsAndIso() {
        assertEquals(Duration.ofMinutes(30), SettingKey.SESSION_TTL.parse("30m"));
        assertEquals(Duration.ofDays(90), SettingKey.AUDIT_RETENTION.parse("90d"));
        assertEquals(Duration.ofSeconds(45), SettingKey.SESSION_TTL.parse("PT45S"));
    }

    @Test
    void listsDropBlanks() {
        assertEquals(List.of("https://a.example", "https://b.example"),
                SettingKey.CORS_ORIGINS.parse(" https://a.example, ,https://b.example "));
        assertEquals(List.of(), SettingKey.CORS_ORIGINS.parse(""));
        assertEquals("[10.0.0.0/8, ::1/128]", SettingKey.IP_FILTER_CIDRS.parse(" 10.0.0.0/8, ,::1/128 ").toString(),
                "address blocks are parsed, blanks dropped");
    }

    @Test
    void badValuesNameTheKeyAndWhatItExpects() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SettingKey.RATE_LIMIT_PER_MINUTE.parse("-3"));
        assertTrue(e.getMessage().startsWith("bastion.rate-limit.per-minute: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SettingKey.IP_FILTER_MODE.parse("maybe"));
        assertTrue(e.getMessage().contains("[off, allow, deny]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SettingKey.SERVER_ENABLED.parse("yes"));
        assertThrows(IllegalArgumentException.class, () -> SettingKey.LOCKOUT_PERIOD.parse("15x"));
        assertThrows(IllegalArgumentException.class, () -> SettingKey.LOCKOUT_PERIOD.parse(null));
    }

    @Test
    void negativeDurationsAreRefusedInEitherForm() {
        for (String negative : List.of("-5m", "PT-5M", "-PT5M")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SettingKey.SESSION_TTL.parse(negative), negative);
            assertTrue(e.getMessage().startsWith("bastion.session.ttl: "), e.getMessage());
        }
        assertEquals(Duration.ZERO, SettingKey.QUERY_TIMEOUT.parse("0s"), "zero is allowed (no limit)");
    }

    @Test
    void originsMustBeWhatABrowserSends() {
        assertEquals(List.of("*", "http://localhost:3000", "https://app.example.com"),
                SettingKey.CORS_ORIGINS.parse("*, http://localhost:3000, https://app.example.com"));
        for (String bad : List.of("app.example.com", "https://app.example.com/", "https://app.example.com/x",
                "ftp://app.example.com", "https://u@app.example.com")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SettingKey.CORS_ORIGINS.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("bastion.cors.origins: '" + bad + "' is not an origin"), e.getMessage());
        }
    }
}
