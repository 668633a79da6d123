package dev.bastion.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The time range of an audit export: entries with {@code from <= create_date < to} (half-open, so
 * consecutive exports neither miss nor repeat an entry), at most {@link #MAX} long so that one
 * request cannot hold a database connection for the whole trail.
 *
 * @param from the first instant included
 * @param to   the first instant past the range
 */
record ExportRange(Instant from, Instant to) {

    static final Duration MAX = Duration.ofDays(31);
    /** How the export writes times: UTC, milliseconds, {@code Z}. */
    static final DateTimeFormatter UTC_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * The range of the query parameters {@code from} and {@code to}: each an ISO-8601 instant with
     * its offset ({@code 2026-12-01T08:30:00Z}, {@code 2026-12-01T09:30:00+01:00}) or a date,
     * which means its midnight UTC.
     *
     * @throws IllegalArgumentException with the message the caller is shown
     */
    static ExportRange parse(String from, String to) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("'to' (" + to + ") must be after 'from' (" + from
                    + "): the range includes 'from' and excludes 'to'");
        }
        if (Duration.between(start, end).compareTo(MAX) > 0) {
            throw new IllegalArgumentException("The range from " + from + " to " + to + " is longer than "
                    + MAX.toDays() + " days: export it in several requests");
        }
        return new ExportRange(start, end);
    }

    private static Instant instant(String name, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Missing '" + name + "': give an ISO-8601 instant "
                    + "(2026-12-01T08:30:00Z) or a date (2026-12-01, midnight UTC)");
        }
        String value = text.strip();
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + name + "' is not an ISO-8601 instant with an offset "
                    + "(2026-12-01T08:30:00Z) or a date (2026-12-01): " + text);
        }
    }

    /** As an ISO-8601 interval, {@code from/to}, in the export's time format. */
    @Override
    public String toString() {
        return UTC_MILLIS.format(from) + "/" + UTC_MILLIS.format(to);
    }
}
