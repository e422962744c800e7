package org.odcsj.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a decompressed repodata file (primary, filelists or other) into its {@code <package>}
 * elements as they are written — bytes, not a parse tree — so that entries can be copied into
 * another repository's metadata without parsing and re-serializing them (ten times faster than StAX
 * both ways). Only what identifies an entry is decoded: {@code pkgid}, {@code name} and {@code
 * arch} (primary: the {@code <name>}, {@code <arch>} and {@code <checksum>} children), and where
 * primary's {@code <location>} tag is, to be rewritten.
 *
 * <p>Meant for well-formed XML (the caller checks the file against repomd.xml's checksum, i.e.
 * against what was parsed before): markup is found by its delimiters — tags with quoted attribute
 * values, comments, CDATA sections, processing instructions — not validated. What could not be
 * copied faithfully is refused with an {@link IOException}: an encoding other than UTF-8, a DOCTYPE
 * (entities declared there would not travel with a copied entry), a root element other than the
 * type's or declaring other namespaces than the ones our files declare.
 *
 * <pre>
 * PackageEntryScanner s = new PackageEntryScanner(xml, RepodataType.OTHER, "other.xml.gz");
 * for (PackageEntryScanner.Entry e; (e = s.next()) != null; ) {
 *   … e.pkgid(), e.bytes()[e.offset() … e.offset() + e.length()) …
 * }
 * </pre>
 */
final class PackageEntryScanner {
  /** A larger {@code <package>} element is taken for a broken file. */
  static final int MAX_ENTRY = 256 << 20;

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final byte[] COMMENT_OPEN = ascii("<!--");
  private static final byte[] COMMENT_CLOSE = ascii("-->");
  private static final byte[] CDATA_OPEN = ascii("<![CDATA[");
  private static final byte[] CDATA_CLOSE = ascii("]]>");
  private static final byte[] PI_OPEN = ascii("<?");
  private static final byte[] PI_CLOSE = ascii("?>");
  private static final byte[] PACKAGE = ascii("package");
  private static final byte[] NAME = ascii("name");
  private static final byte[] ARCH = ascii("arch");
  private static final byte[] CHECKSUM = ascii("checksum");
  private static final byte[] LOCATION = ascii("location");
  private static final byte[] PKGID = ascii("pkgid");
  private static final byte[] TYPE = ascii("type");

  private final InputStream in;
  private final RepodataType type;
  private final String name;
  private final Entry entry = new Entry();

  private byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;

  /** Start of what must be kept when the buffer is refilled (positions are kept relative to it). */
  private int mark = -1;

  private boolean eof;
  private boolean started;
  private boolean ended;

  /** {@code name} is what messages call the file. */
  PackageEntryScanner(InputStream xml, RepodataType type, String name) {
    this.in = xml;
    this.type = type;
    this.name = name;
  }

  /**
   * One {@code <package>…</package>} element: {@link #bytes()}{@code [}{@link #offset()}{@code ,
   * offset + }{@link #length()}{@code )}, valid until the next {@link #next()}. Identifying fields
   * are {@code null} when the entry does not give them plainly.
   */
  final class Entry {
    private int length;
    private String pkgid;
    private String checksumType;
    private String pkgName;
    private String arch;
    private int locationStart;
    private int locationEnd;
    private boolean locationEmpty;

    private void reset() {
      length = 0;
      pkgid = null;
      checksumType = null;
      pkgName = null;
      arch = null;
      locationStart = -1;
      locationEnd = -1;
      locationEmpty = false;
    }

    byte[] bytes() {
      return buf;
    }

    int offset() {
      return mark;
    }

    int length() {
      return length;
    }

    /** The package's checksum (primary: the {@code pkgid="YES"} one), as written. */
    String pkgid() {
      return pkgid;
    }

    /** Primary: the checksum's type ({@code sha256}, …); filelists and other: {@code null}. */
    String checksumType() {
      return checksumType;
    }

    String name() {
      return pkgName;
    }

    String arch() {
      return arch;
    }

    /** Primary: where the {@code <location …>} start tag is, relative to {@link #offset()}. */
    int locationStart() {
      return locationStart;
    }

    int locationEnd() {
      return locationEnd;
    }

    /** Whether the location tag is {@code <location …/>} (else its end tag follows). */
    boolean locationEmpty() {
      return locationEmpty;
    }
  }

  /** The next package entry, or {@code null} after the last one. */
  Entry next() throws IOException {
    if (!started) {
      readProlog();
    }
    while (!ended) {
      mark = -1;
      if (!skipToLt()) {
        throw new IOException(name + " ends before </" + type.root() + ">");
      }
      if (skipMisc()) {
        continue;
      }
      if (peek(1) == '/') {
        skipTag();
        ended = true;
        return null;
      }
      mark = pos;
      boolean empty = skipTag();
      Tag tag = new Tag(0, pos - mark);
      if (!tag.nameIs(PACKAGE)) {
        if (!empty) {
          skipContent();
        }
        continue;
      }
      entry.reset();
      if (type != RepodataType.PRIMARY) {
        String[] keys = tag.attributes(PKGID, NAME, ARCH);
        entry.pkgid = keys[0];
        entry.pkgName = keys[1];
        entry.arch = keys[2];
      }
      if (!empty) {
        scanPackage();
      }
      entry.length = pos - mark;
      return entry;
    }
    return null;
  }

  private void readProlog() throws IOException {
    started = true;
    if (lookingAt(BOM)) {
      pos += BOM.length;
    }
    while (true) {
      mark = -1;
      if (!skipToLt()) {
        throw new IOException(name + " has no root element");
      }
      if (lookingAt(ascii("<?xml")) && isSpaceOrQuestion(peek(5))) {
        mark = pos;
        skipPast(PI_CLOSE);
        String encoding = new Tag(0, pos - mark).attributes(ascii("encoding"))[0];
        if (encoding != null
            && !Arrays.asList("utf-8", "utf8", "us-ascii", "ascii")
                .contains(encoding.toLowerCase(Locale.ROOT))) {
          throw new IOException(name + " is in " + encoding + ", not UTF-8");
        }
        continue;
      }
      if (skipMisc()) {
        continue;
      }
      if (peek(1) == '!') {
        throw new IOException(name + " has a DOCTYPE; its entries cannot be copied as they are");
      }
      mark = pos;
      boolean empty = skipTag();
      Tag root = new Tag(0, pos - mark);
      if (!type.root().equals(root.name())) {
        throw new IOException(
            name + " has the root element <" + root.name() + ">, not <" + type.root() + ">");
      }
      Map<String, String> declared = root.namespaces();
      if (!declared.equals(type.namespaces())) {
        throw new IOException(
            name + " declares the namespaces " + declared + ", not " + type.namespaces());
      }
      ended = empty;
      mark = -1;
      return;
    }
  }

  /** Inside a package element (its start tag read): to the end of its end tag. */
  private void scanPackage() throws IOException {
    int depth = 1; // 1: children of <package>
    int field = 0; // 1 name, 2 arch, 3 checksum: its text is being captured
    int textStart = -1;
    while (true) {
      if (!skipToLt()) {
        throw new IOException(name + " ends inside a <package> element");
      }
      int lt = pos - mark;
      if (skipMisc()) {
        field = 0; // a comment or CDATA inside: not plain text, leave the field unknown
        continue;
      }
      if (peek(1) == '/') {
        if (field != 0) {
          String text = decode(buf, mark + textStart, lt - textStart).trim();
          switch (field) {
            case 1 -> entry.pkgName = text;
            case 2 -> entry.arch = text;
            default -> entry.pkgid = text;
          }
          field = 0;
        }
        skipTag();
        if (--depth == 0) {
          return;
        }
        continue;
      }
      if (peek(1) == '!') {
        throw new IOException(name + " has a malformed <package> element");
      }
      boolean empty = skipTag();
      field = 0;
      if (depth == 1 && type == RepodataType.PRIMARY) {
        Tag tag = new Tag(lt, pos - mark);
        if (tag.nameIs(NAME)) {
          field = 1;
        } else if (tag.nameIs(ARCH)) {
          field = 2;
        } else if (tag.nameIs(CHECKSUM)) {
          String[] attributes = tag.attributes(PKGID, TYPE);
          if ("YES".equals(attributes[0])) {
            entry.checksumType = attributes[1];
            field = 3;
          }
        } else if (tag.nameIs(LOCATION)) {
          entry.locationStart = lt;
          entry.locationEnd = pos - mark;
          entry.locationEmpty = empty;
        }
        if (empty) {
          field = 0;
        }
        textStart = pos - mark;
      }
      if (!empty) {
        depth++;
      }
    }
  }

  /** Skips an element's content and end tag (its start tag read). */
  private void skipContent() throws IOException {
    int depth = 1;
    while (depth > 0) {
      if (!skipToLt()) {
        throw new IOException(name + " ends inside an element");
      }
      if (skipMisc()) {
        continue;
      }
      boolean end = peek(1) == '/';
      boolean empty = skipTag();
      if (end) {
        depth--;
      } else if (!empty) {
        depth++;
      }
    }
  }

  /** At {@code <}: skips a comment, CDATA section or processing instruction; false if none. */
  private boolean skipMisc() throws IOException {
    int second = peek(1);
    if (second != '!' && second != '?') {
      return false; // a tag: the usual case, decided without comparing strings
    }
    if (lookingAt(COMMENT_OPEN)) {
      skipPast(COMMENT_CLOSE);
    } else if (lookingAt(CDATA_OPEN)) {
      skipPast(CDATA_CLOSE);
    } else if (lookingAt(PI_OPEN)) {
      skipPast(PI_CLOSE);
    } else {
      return false;
    }
    return true;
  }

  // --- the buffer ---

  /**
   * Reads more input; false at its end. Keeps everything from {@link #mark} (else {@link #pos}).
   */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int keep = mark >= 0 ? mark : pos;
    if (keep > 0) {
      System.arraycopy(buf, keep, buf, 0, limit - keep);
      limit -= keep;
      pos -= keep;
      if (mark >= 0) {
        mark -= keep;
      }
    }
    if (limit == buf.length) {
      if (buf.length >= MAX_ENTRY) {
        throw new IOException(name + " has an element larger than " + MAX_ENTRY + " bytes");
      }
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
      return false;
    }
    limit += n;
    return true;
  }

  /** The byte {@code ahead} of {@link #pos}, -1 past the end of input. */
  private int peek(int ahead) throws IOException {
    while (limit - pos <= ahead) {
      if (!fill()) {
        return -1;
      }
    }
    return buf[pos + ahead] & 0xff;
  }

  private boolean lookingAt(byte[] s) throws IOException {
    while (limit - pos < s.length) {
      if (!fill()) {
        return false;
      }
    }
    return Arrays.equals(buf, pos, pos + s.length, s, 0, s.length);
  }

  /** Moves to the next {@code <}; false at the end of input. */
  private boolean skipToLt() throws IOException {
    while (true) {
      for (int i = pos; i < limit; i++) {
        if (buf[i] == '<') {
          pos = i;
          return true;
        }
      }
      pos = limit;
      if (!fill()) {
        return false;
      }
    }
  }

  /**
   * At {@code <} of a start or end tag: moves past its {@code >}; true if it ends with {@code />}.
   */
  private boolean skipTag() throws IOException {
    int quote = 0;
    int prev = 0;
    int i = pos + 1;
    while (true) {
      if (i >= limit) {
        int ahead = i - pos;
        if (!fill()) {
          throw new IOException(name + " ends inside a tag");
        }
        i = pos + ahead;
        continue;
      }
      int b = buf[i];
      if (quote != 0) {
        if (b == quote) {
          quote = 0;
        }
      } else if (b == '"' || b == '\'') {
        quote = b;
      } else if (b == '>') {
        pos = i + 1;
        return prev == '/';
      }
      prev = b;
      i++;
    }
  }

  private void skipPast(byte[] terminator) throws IOException {
    int from = pos;
    while (true) {
      int last = limit - terminator.length;
      for (int i = from; i <= last; i++) {
        if (buf[i] == terminator[0]
            && Arrays.equals(buf, i, i + terminator.length, terminator, 0, terminator.length)) {
          pos = i + terminator.length;
          return;
        }
      }
      int ahead = Math.max(from, last + 1) - pos;
      if (!fill()) {
        throw new IOException(name + " ends inside a comment, CDATA section or instruction");
      }
      from = pos + ahead;
    }
  }

  private static boolean isSpaceOrQuestion(int b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '?';
  }

  private static boolean isSpace(int b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** A start tag (or XML declaration) in the buffer, relative to {@link #mark}. */
  private final class Tag {
    private final int start;
    private final int end;
    private final int nameEnd;

    Tag(int start, int end) {
      this.start = start;
      this.end = end;
      int i = mark + start + 1;
      while (i < mark + end && !isSpace(buf[i]) && buf[i] != '/' && buf[i] != '>') {
        i++;
      }
      this.nameEnd = i - mark;
    }

    String name() {
      return new String(buf, mark + start + 1, nameEnd - start - 1, StandardCharsets.UTF_8);
    }

    boolean nameIs(byte[] name) {
      int from = mark + start + 1;
      return Arrays.equals(buf, from, mark + nameEnd, name, 0, name.length);
    }

    /** The decoded values of these attributes, {@code null} where the tag has none. */
    String[] attributes(byte[]... names) throws IOException {
      String[] values = new String[names.length];
      attributes(
          (nameFrom, nameTo, valueFrom, valueTo) -> {
            for (int k = 0; k < names.length; k++) {
              if (values[k] == null
                  && Arrays.equals(buf, nameFrom, nameTo, names[k], 0, names[k].length)) {
                values[k] = decode(buf, valueFrom, valueTo - valueFrom);
              }
            }
          });
      return values;
    }

    /** The namespace declarations: prefix ({@code ""} for the default) → URI. */
    Map<String, String> namespaces() throws IOException {
      Map<String, String> declared = new HashMap<>();
      attributes(
          (nameFrom, nameTo, valueFrom, valueTo) -> {
            String n = new String(buf, nameFrom, nameTo - nameFrom, StandardCharsets.UTF_8);
            if (n.equals("xmlns")) {
              declared.put("", decode(buf, valueFrom, valueTo - valueFrom));
            } else if (n.startsWith("xmlns:")) {
              declared.put(n.substring(6), decode(buf, valueFrom, valueTo - valueFrom));
            }
          });
      return declared;
    }

    private void attributes(AttributeVisitor each) throws IOException {
      int stop = mark + end;
      int i = mark + nameEnd;
      while (true) {
        while (i < stop && isSpace(buf[i])) {
          i++;
        }
        if (i >= stop || buf[i] == '/' || buf[i] == '>' || buf[i] == '?') {
          return;
        }
        int nameStart = i;
        while (i < stop && buf[i] != '=' && !isSpace(buf[i])) {
          i++;
        }
        int nameStop = i;
        while (i < stop && (isSpace(buf[i]) || buf[i] == '=')) {
          i++;
        }
        if (i >= stop || (buf[i] != '"' && buf[i] != '\'')) {
          throw new IOException(name + " has a malformed tag " + name());
        }
        byte quote = buf[i++];
        int valueStart = i;
        while (i < stop && buf[i] != quote) {
          i++;
        }
        if (i >= stop) {
          throw new IOException(name + " has a malformed tag " + name());
        }
        each.visit(nameStart, nameStop, valueStart, i);
        i++;
      }
    }
  }

  /** One attribute: its name's and its value's positions in the buffer. */
  @FunctionalInterface
  private interface AttributeVisitor {
    void visit(int nameFrom, int nameTo, int valueFrom, int valueTo) throws IOException;
  }

  /** UTF-8 text with XML's predefined entities and character references resolved. */
  static String decode(byte[] b, int offset, int length) throws IOException {
    String s = new String(b, offset, length, StandardCharsets.UTF_8);
    int amp = s.indexOf('&');
    if (amp < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (amp >= 0) {
      out.append(s, i, amp);
      int semi = s.indexOf(';', amp);
      if (semi < 0) {
        throw new IOException("unterminated entity reference in " + s);
      }
      String ref = s.substring(amp + 1, semi);
      switch (ref) {
        case "lt" -> out.append('<');
        case "gt" -> out.append('>');
        case "amp" -> out.append('&');
        case "quot" -> out.append('"');
        case "apos" -> out.append('\'');
        default -> {
          try {
            if (ref.startsWith("#x")) {
              out.appendCodePoint(Integer.parseInt(ref.substring(2), 16));
            } else if (ref.startsWith("#")) {
              out.appendCodePoint(Integer.parseInt(ref.substring(1)));
            } else {
              throw new IOException("undeclared entity &" + ref + ";");
            }
          } catch (IllegalArgumentException e) {
            throw new IOException("malformed character reference &" + ref + ";", e);
          }
        }
      }
      i = semi + 1;
      amp = s.indexOf('&', i);
    }
    return out.append(s, i, s.length()).toString();
  }
}
