package org.odcsj.source.koji;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;

/**
 * Koji's two time forms: {@code *_time} strings such as {@code 2026-12-03 16:39:26.380140+00:00}
 * (PostgreSQL's text: fraction optional, offset {@code +00:00}, {@code +0000} or {@code +00}) and
 * {@code *_ts} doubles of epoch seconds. A string without an offset is read as UTC, as the hub's
 * database runs in UTC.
 */
final class KojiTime {
  /** With each offset form PostgreSQL may print, then without one. */
  private static final List<DateTimeFormatter> FORMATS =
      List.of(format("+HH:MM"), format("+HHMM"), format("+HH"), format(null));

  private static DateTimeFormatter format(String offset) {
    DateTimeFormatterBuilder b =
        new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd();
    if (offset != null) {
      b.appendOffset(offset, "Z");
    }
    return b.toFormatter();
  }

  private KojiTime() {}

  static Instant parse(String text) {
    String trimmed = text.trim();
    for (DateTimeFormatter format : FORMATS) {
      try {
        return format == FORMATS.get(FORMATS.size() - 1)
            ? LocalDateTime.parse(trimmed, format).toInstant(ZoneOffset.UTC)
            : OffsetDateTime.parse(trimmed, format).toInstant();
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    throw new IllegalArgumentException("not a Koji time: " + text);
  }

  static Instant ofEpochSeconds(double seconds) {
    long whole = (long) Math.floor(seconds);
    long micros = Math.round((seconds - whole) * 1_000_000);
    return Instant.ofEpochSecond(whole, micros * 1_000);
  }
}
