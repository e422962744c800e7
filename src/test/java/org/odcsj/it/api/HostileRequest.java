package org.odcsj.it.api;

import java.nio.charset.StandardCharsets;

/**
 * One generated request: method, raw path with query (percent-encoded as sent), body bytes ({@code
 * null}: none). {@link #toString()} shows it printable and short, for a failure message.
 */
record HostileRequest(String method, String target, byte[] body) {

  boolean writes() {
    return method.equals("POST") || method.equals("PATCH");
  }

  @Override
  public String toString() {
    if (body == null) {
      return method + " " + target;
    }
    String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.ISO_8859_1);
    StringBuilder shown = new StringBuilder();
    text.chars()
        .forEach(c -> shown.append(c < 0x20 || c > 0x7e ? String.format("\\x%02x", c) : (char) c));
    return method + " " + target + " [" + body.length + " bytes] " + shown;
  }
}
