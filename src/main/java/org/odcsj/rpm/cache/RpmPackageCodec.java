package org.odcsj.rpm.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.odcsj.rpm.RpmPackage;
import org.odcsj.rpm.RpmPackage.ChangelogEntry;
import org.odcsj.rpm.RpmPackage.Dependencies;
import org.odcsj.rpm.RpmPackage.Dependency;
import org.odcsj.rpm.RpmPackage.FileType;
import org.odcsj.rpm.RpmPackage.PackageFile;

/**
 * {@link RpmPackage} as bytes: a format version, then every field in declaration order. A record
 * written by another version is refused ({@link IOException}), so a changed model can never be read
 * back wrongly — the cache then reads the headers again.
 */
final class RpmPackageCodec {

  /** Raise whenever {@link RpmPackage} or this layout changes. */
  static final int VERSION = 1;

  private static final int MAGIC = 0x4f52504d; // "ORPM"

  private RpmPackageCodec() {}

  static byte[] encode(RpmPackage p) {
    var bytes = new ByteArrayOutputStream(4096);
    try (var out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      for (String s :
          new String[] {
            p.name(), p.epoch(), p.version(), p.release(), p.arch(), p.summary(),
            p.description(), p.url(), p.license(), p.vendor(), p.group(), p.buildhost(),
            p.sourcerpm(), p.packager()
          }) {
        writeString(out, s);
      }
      for (long n :
          new long[] {
            p.buildTime(),
            p.fileTime(),
            p.packageSize(),
            p.installedSize(),
            p.archiveSize(),
            p.headerStart(),
            p.headerEnd()
          }) {
        out.writeLong(n);
      }
      Dependencies d = p.dependencies();
      for (List<Dependency> list :
          List.of(
              d.provides(),
              d.requires(),
              d.conflicts(),
              d.obsoletes(),
              d.recommends(),
              d.suggests(),
              d.supplements(),
              d.enhances())) {
        out.writeInt(list.size());
        for (Dependency dep : list) {
          writeString(out, dep.name());
          writeString(out, dep.flags());
          writeString(out, dep.epoch());
          writeString(out, dep.version());
          writeString(out, dep.release());
          out.writeBoolean(dep.pre());
        }
      }
      out.writeInt(p.files().size());
      for (PackageFile f : p.files()) {
        writeString(out, f.path());
        out.writeByte(f.type().ordinal());
      }
      out.writeInt(p.changelogs().size());
      for (ChangelogEntry c : p.changelogs()) {
        writeString(out, c.author());
        out.writeLong(c.date());
        writeString(out, c.text());
      }
      writeString(out, p.sha256());
      writeString(out, p.sigkey());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  static RpmPackage decode(byte[] bytes) throws IOException {
    try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readInt() != MAGIC) {
        throw new IOException("not a cached RPM record");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException("cached RPM record of format " + version + ", not " + VERSION);
      }
      String[] s = new String[14];
      for (int i = 0; i < s.length; i++) {
        s[i] = readString(in);
      }
      long[] n = new long[7];
      for (int i = 0; i < n.length; i++) {
        n[i] = in.readLong();
      }
      List<List<Dependency>> deps = new ArrayList<>(8);
      for (int k = 0; k < 8; k++) {
        int size = count(in);
        List<Dependency> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          list.add(
              new Dependency(
                  readString(in),
                  readString(in),
                  readString(in),
                  readString(in),
                  readString(in),
                  in.readBoolean()));
        }
        deps.add(list);
      }
      int fileCount = count(in);
      List<PackageFile> files = new ArrayList<>(fileCount);
      FileType[] types = FileType.values();
      for (int i = 0; i < fileCount; i++) {
        String path = readString(in);
        int type = in.readUnsignedByte();
        if (type >= types.length) {
          throw new IOException("unknown file type " + type);
        }
        files.add(new PackageFile(path, types[type]));
      }
      int logCount = count(in);
      List<ChangelogEntry> logs = new ArrayList<>(logCount);
      for (int i = 0; i < logCount; i++) {
        logs.add(new ChangelogEntry(readString(in), in.readLong(), readString(in)));
      }
      String sha256 = readString(in);
      String sigkey = readString(in);
      if (in.read() != -1) {
        throw new IOException("trailing bytes after a cached RPM record");
      }
      return new RpmPackage(
          s[0],
          s[1],
          s[2],
          s[3],
          s[4],
          s[5],
          s[6],
          s[7],
          s[8],
          s[9],
          s[10],
          s[11],
          s[12],
          s[13],
          n[0],
          n[1],
          n[2],
          n[3],
          n[4],
          n[5],
          n[6],
          new Dependencies(
              deps.get(0),
              deps.get(1),
              deps.get(2),
              deps.get(3),
              deps.get(4),
              deps.get(5),
              deps.get(6),
              deps.get(7)),
          files,
          logs,
          sha256,
          sigkey);
    } catch (RuntimeException e) {
      throw new IOException("corrupt cached RPM record: " + e, e);
    }
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 10_000_000) {
      throw new IOException("implausible count " + n);
    }
    return n;
  }

  /** Strings may be null (epoch, texts of identity-only packages) and longer than 64 KiB. */
  private static void writeString(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length == -1) {
      return null;
    }
    if (length < 0 || length > 64 * 1024 * 1024) {
      throw new IOException("implausible string length " + length);
    }
    byte[] utf8 = in.readNBytes(length);
    if (utf8.length != length) {
      throw new IOException("truncated cached RPM record");
    }
    return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
  }
}
