package com.medcase.alfresco.embedded;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/** ACS's REST date format: yyyy-MM-dd'T'HH:mm:ss.SSSZ in UTC, e.g. 2024-01-31T00:00:00.000+0000. */
final class Dates {
    static final DateTimeFormatter ACS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LENIENT_OFFSET = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm[:ss]")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private Dates() { }

    static String format(long epochMillis) {
        return ACS.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Parses what ACS's ISO8601 converter accepts (date only, or date-time with optional offset; UTC when absent). */
    static long parse(String s) {
        String t = s.trim();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            var parsed = LENIENT_OFFSET.parseBest(t, OffsetDateTime::from, java.time.LocalDateTime::from);
            if (parsed instanceof OffsetDateTime odt) {
                return odt.toInstant().toEpochMilli();
            }
            return ((java.time.LocalDateTime) parsed).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("Failed to convert date value: " + e.getParsedString().length() + " characters");
        }
    }
}
