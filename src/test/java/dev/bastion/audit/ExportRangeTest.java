package dev.bastion.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The export's time range: instants with an offset or dates, half-open, capped, refused with a message that says why. */
class ExportRangeTest {

    @Test
    void datesAreMidnightUtcAndOffsetsAreHonoured() {
        ExportRange range = ExportRange.parse("2026-12-01", "2026-12-01T09:30:00.250+01:00");
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), range.from());
        assertEquals(Instant.parse("2026-12-01T08:30:00.250Z"), range.to());
        assertEquals("2026-12-01T00:00:00.000Z/2026-12-01T08:30:00.250Z", range.toString());
    }

    @Test
    void aRangeOfExactlyTheCapIsAccepted() {
        ExportRange range = ExportRange.parse("2026-11-01", "2026-12-02");
        assertEquals(ExportRange.MAX.toDays(), java.time.Duration.between(range.from(), range.to()).toDays());
    }

    @Test
    void badRangesAreRefusedSayingWhy() {
        assertMessage("Missing 'from'", null, "2026-12-01");
        assertMessage("Missing 'to'", "2026-12-01", " ");
        assertMessage("'from' is not an ISO-8601 instant", "yesterday", "2026-12-01");
        assertMessage("'to' is not an ISO-8601 instant", "2026-12-01", "2026-12-02T10:00:00");
        assertMessage("must be after 'from'", "2026-12-01", "2026-12-01");
        assertMessage("must be after 'from'", "2026-12-02", "2026-12-01");
        assertMessage("longer than 31 days", "2026-11-01", "2026-12-02T00:00:00.001Z");
    }

    private static void assertMessage(String expected, String from, String to) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportRange.parse(from, to));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
