package dev.bastion.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** How an entry is shaped before it is stored: redaction, column limits and the chain link. */
class AuditShapeTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static AuditRecord entry(String ip, String params) {
        return new AuditRecord(LocalDateTime.of(2026, 12, 1, 10, 0, 0, 123_456_789), 7L, "demo.manager", 3L,
                "bst_abcdefgh", "s1", "2025-11-25", "claude", "1.0", "tools/call", "1", "search", "res.partner",
                "{\"res.partner\":{\"read\":[1]}}", params, "ok", null, 200, ip, "ua", 12, 345, null);
    }

    @Test
    void secretsAreRedactedWhereverTheyAppearAndUnreadableValuesLeftOut() {
        JsonObject redacted = AuditTrail.redact(json("{\"name\":\"write\",\"arguments\":{\"model\":\"res.users\","
                + "\"values\":{\"name\":\"Ann\",\"password\":\"hunter2\",\"salary\":5000},"
                + "\"domain\":[[\"name\",\"=\",\"bst_0123456789abcdefghijklmnop\"]],\"api_key\":\"x\"},"
                + "\"_meta\":{\"progressToken\":5,\"authorization\":\"Bearer y\"}}"), field -> !"salary".equals(field));
        String text = redacted.toString();
        assertFalse(text.contains("hunter2"), text);
        assertFalse(text.contains("bst_0123456789"), text);
        assertFalse(text.contains("Bearer"), text);
        assertFalse(text.contains("salary"), "a field the caller may not read is left out: " + text);
        assertTrue(text.contains("\"name\":\"Ann\""), text);
        assertTrue(text.contains("\"progressToken\":5"), "a progress token is no secret: " + text);
        assertEquals(AuditTrail.REDACTED, redacted.getJsonObject("arguments").getString("api_key"));
    }

    @Test
    void theLinkCoversEveryFieldThePositionAndThePreviousHash() {
        AuditRecord entry = entry("10.0.0.1", "{}");
        String hash = entry.hash("c", 5, AuditRecord.GENESIS);
        assertEquals(64, hash.length());
        assertEquals(hash, entry("10.0.0.1", "{}").hash("c", 5, AuditRecord.GENESIS), "deterministic");
        assertNotEquals(hash, entry("10.0.0.2", "{}").hash("c", 5, AuditRecord.GENESIS), "a changed field");
        assertNotEquals(hash, entry.hash("c", 6, AuditRecord.GENESIS), "another position");
        assertNotEquals(hash, entry.hash("d", 5, AuditRecord.GENESIS), "another chain");
        assertNotEquals(hash, entry.hash("c", 5, "1".repeat(64)), "another predecessor");
    }

    @Test
    void valuesAreCutToTheirColumnsAndTimesToMillisecondsBeforeHashing() {
        AuditRecord entry = entry("10.0.0.1", "x".repeat(40_000));
        assertEquals(32_000, entry.params().length());
        assertEquals(123_000_000, entry.at().getNano());
        AuditRecord emoji = new AuditRecord(LocalDateTime.now(), null, null, null, null, null, null,
                "a".repeat(254) + "\uD83D\uDE00", null, null, null, null, null, null, null, "ok", null, 200, null, null, 0, 0, null);
        assertEquals(254, emoji.clientName().length(), "a surrogate pair is never split");
    }

    @Test
    void theAnswersOfRequestsThatChangedDataWaitForTheirEntryReadsDoNot() {
        assertFalse(AuditTrail.changedData(null));
        assertFalse(AuditTrail.changedData(json("{\"res.partner\":{\"read\":[1,2],\"read_more\":40}}")));
        assertTrue(AuditTrail.changedData(json("{\"res.partner\":{\"read\":[1]},\"sale.order\":{\"create\":[5]}}")));
        assertTrue(AuditTrail.changedData(json("{\"res.partner\":{\"unlink\":[3]}}")));
        assertTrue(AuditTrail.changedData(json("{\"account.move\":{\"call\":[9]}}")));
    }
}
