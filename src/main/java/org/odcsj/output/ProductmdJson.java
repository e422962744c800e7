package org.odcsj.output;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;

/**
 * Streams JSON exactly as productmd writes its metadata files, which is Python's {@code
 * json.dump(data, f, indent=4, sort_keys=True, separators=(",", ": "))}: four-space indentation,
 * one member or element per line, {@code {}} and {@code []} when empty, every character outside
 * printable ASCII escaped as {@code \}{@code uXXXX} (lower-case hex), no newline at the end. So a
 * file we write is byte-identical to the one productmd (or Pungi) writes for the same data.
 *
 * <p>Keys must come in Python's sort order (by code point, {@link #KEY_ORDER}); a key out of order
 * is an {@link IllegalStateException}, so a caller cannot silently write an unsorted file.
 */
final class ProductmdJson {
  /** How Python's {@code sorted()} orders {@code str} keys: by Unicode code point. */
  static final Comparator<String> KEY_ORDER = ProductmdJson::compareCodePoints;

  private static final String INDENT = "    ";

  private static final class Container {
    final boolean object;
    int members;
    String lastKey;
    boolean keyPending;

    Container(boolean object) {
      this.object = object;
    }
  }

  private final Writer out;
  private final Deque<Container> stack = new ArrayDeque<>();
  private boolean rootWritten;

  ProductmdJson(Writer out) {
    this.out = out;
  }

  ProductmdJson beginObject() throws IOException {
    beforeValue();
    out.write('{');
    stack.push(new Container(true));
    return this;
  }

  ProductmdJson endObject() throws IOException {
    return end(true, '}');
  }

  ProductmdJson beginArray() throws IOException {
    beforeValue();
    out.write('[');
    stack.push(new Container(false));
    return this;
  }

  ProductmdJson endArray() throws IOException {
    return end(false, ']');
  }

  /** The next member's key; keys of one object must rise in {@link #KEY_ORDER}. */
  ProductmdJson key(String key) throws IOException {
    Container c = stack.peek();
    if (c == null || !c.object || c.keyPending) {
      throw new IllegalStateException("a key is not expected here: " + key);
    }
    if (c.lastKey != null && KEY_ORDER.compare(c.lastKey, key) >= 0) {
      throw new IllegalStateException(
          "keys out of order or repeated: \"" + key + "\" after \"" + c.lastKey + "\"");
    }
    newLine(c);
    writeString(key);
    out.write(": ");
    c.lastKey = key;
    c.keyPending = true;
    return this;
  }

  /** A string, or {@code null} written as JSON {@code null}. */
  ProductmdJson value(String value) throws IOException {
    beforeValue();
    if (value == null) {
      out.write("null");
    } else {
      writeString(value);
    }
    return this;
  }

  ProductmdJson value(long value) throws IOException {
    beforeValue();
    out.write(Long.toString(value));
    return this;
  }

  ProductmdJson value(boolean value) throws IOException {
    beforeValue();
    out.write(value ? "true" : "false");
    return this;
  }

  /** Shorthand for {@code key(key).value(value)}. */
  ProductmdJson member(String key, String value) throws IOException {
    return key(key).value(value);
  }

  ProductmdJson member(String key, long value) throws IOException {
    return key(key).value(value);
  }

  ProductmdJson member(String key, boolean value) throws IOException {
    return key(key).value(value);
  }

  /** Checks that the document is complete and flushes it. */
  void finish() throws IOException {
    if (!rootWritten || !stack.isEmpty()) {
      throw new IllegalStateException("the JSON document is not complete");
    }
    out.flush();
  }

  private void beforeValue() throws IOException {
    Container c = stack.peek();
    if (c == null) {
      if (rootWritten) {
        throw new IllegalStateException("the JSON document already has its root value");
      }
      rootWritten = true;
    } else if (c.object) {
      if (!c.keyPending) {
        throw new IllegalStateException("a member of an object needs a key first");
      }
      c.keyPending = false;
    } else {
      newLine(c);
    }
  }

  /** Before a member or element: a comma after the previous one, a new line, the indentation. */
  private void newLine(Container c) throws IOException {
    if (c.members++ > 0) {
      out.write(',');
    }
    out.write('\n');
    indent(stack.size());
  }

  private ProductmdJson end(boolean object, char close) throws IOException {
    Container c = stack.peek();
    if (c == null || c.object != object || c.keyPending) {
      throw new IllegalStateException("cannot close " + close + " here");
    }
    stack.pop();
    if (c.members > 0) {
      out.write('\n');
      indent(stack.size());
    }
    out.write(close);
    return this;
  }

  private void indent(int level) throws IOException {
    for (int i = 0; i < level; i++) {
      out.write(INDENT);
    }
  }

  /** Python's {@code ensure_ascii} escaping: only printable ASCII stays as it is. */
  private void writeString(String s) throws IOException {
    out.write('"');
    int plainFrom = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch >= ' ' && ch <= '~' && ch != '"' && ch != '\\') {
        continue;
      }
      out.write(s, plainFrom, i - plainFrom);
      plainFrom = i + 1;
      switch (ch) {
        case '"' -> out.write("\\\"");
        case '\\' -> out.write("\\\\");
        case '\n' -> out.write("\\n");
        case '\r' -> out.write("\\r");
        case '\t' -> out.write("\\t");
        case '\b' -> out.write("\\b");
        case '\f' -> out.write("\\f");
        // Characters beyond the BMP are two UTF-16 units here, escaped one by one as Python does.
        default -> out.write(String.format("\\u%04x", (int) ch));
      }
    }
    out.write(s, plainFrom, s.length() - plainFrom);
    out.write('"');
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
