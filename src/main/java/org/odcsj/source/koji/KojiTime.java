package org.odcsj.source.koji;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Koji's two time forms: {@code *_time} strings such as {@code 2026-12-03 16:39:26.380140+00:00}
 * (PostgreSQL's text: fraction optional, offset {@code +00:00}, {@code +0000} or {@code +00}) and
 * {@code *_ts} doubles of epoch seconds. A string without an offset is read as UTC, as the hub's
 * database runs in UTC.
 */
final class KojiTime {
  private static final DateTimeFormatter TIME =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd")
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .appendPattern("HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:mm", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHmm", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .toFormatter();

  private KojiTime() {}

  static Instant parse(String text) {
    try {
      var parsed = TIME.parseBest(text.trim(), OffsetDateTime::from, LocalDateTime::from);
      return parsed instanceof OffsetDateTime o
          ? o.toInstant()
          : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a Koji time: " + text, e);
    }
  }

  static Instant ofEpochSeconds(double seconds) {
    long whole = (long) Math.floor(seconds);
    long micros = Math.round((seconds - whole) * 1_000_000);
    return Instant.ofEpochSecond(whole, micros * 1_000);
  }
}
