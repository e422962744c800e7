package org.odcsj.selection;

import java.io.IOException;
import java.util.Locale;

/**
 * A package copy's sigkey (8 lowercase hex digits, {@code ""} when unsigned), known up front or
 * read on first use — reading means opening the RPM's header, which the engine asks for only for
 * the packages it selected and only when the request names sigkeys. Thread-safe; read at most once.
 */
public final class LazySigkey {
  /** How a source reads the sigkey, e.g. from the RPM header. */
  @FunctionalInterface
  public interface Reader {
    String read() throws IOException;
  }

  private final Reader reader;
  private String value;

  private LazySigkey(Reader reader, String value) {
    this.reader = reader;
    this.value = value;
  }

  public static LazySigkey of(String sigkey) {
    return new LazySigkey(null, normalize(sigkey));
  }

  public static LazySigkey unsigned() {
    return of("");
  }

  public static LazySigkey readWith(Reader reader) {
    return new LazySigkey(reader, null);
  }

  /** The sigkey, reading it on the first call. */
  public synchronized String get() throws IOException {
    if (value == null) {
      value = normalize(reader.read());
    }
    return value;
  }

  /** Whether {@link #get()} will not need to read. */
  public synchronized boolean isKnown() {
    return value != null;
  }

  /**
   * Lowercase, and the last 8 hex digits of a longer key id, so {@code 0123ABCD}, {@code
   * 0x0123abcd} and a 16-digit id name the same key; {@code ""} (or null) stays unsigned.
   */
  public static String normalize(String sigkey) {
    if (sigkey == null) {
      return "";
    }
    String s = sigkey.strip().toLowerCase(Locale.ROOT);
    if (s.startsWith("0x")) {
      s = s.substring(2);
    }
    return s.length() > 8 ? s.substring(s.length() - 8) : s;
  }

  @Override
  public synchronized String toString() {
    return value == null ? "<not read yet>" : value;
  }
}
