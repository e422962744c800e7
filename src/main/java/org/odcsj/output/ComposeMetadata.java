package org.odcsj.output;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.odcsj.modulemd.ModuleStream;
import org.odcsj.modulemd.ModulemdDocuments;
import org.odcsj.rpm.RpmPackage;

/**
 * Writes the productmd metadata Pungi leaves in {@code compose/metadata/}, so that another ODCS (or
 * productmd's Python library) can use our compose as a {@code pungi_compose} source:
 *
 * <ul>
 *   <li>{@value #COMPOSEINFO}: header {@code productmd.composeinfo} 1.2; the compose (id, date,
 *       type, respin), the release ({@code odcs-<id>} version {@code 1}, type {@code ga}, not
 *       internal) and the one variant {@value #VARIANT} with its arches and, per arch, the paths
 *       {@code os_tree}, {@code packages} and {@code repository} that exist in the tree.
 *   <li>{@value #RPMS}: header {@code productmd.rpms} 1.2; the compose, and {@code rpms} → variant
 *       → arch → source RPM {@code N-E:V-R.A} → RPM {@code N-E:V-R.A} → {@code category} ({@code
 *       binary}, {@code debug} or {@code source}), {@code path} (relative to the compose directory)
 *       and {@code sigkey} (lower-case key id, {@code null} when unsigned).
 * </ul>
 *
 * Both files are byte for byte what productmd's {@code dump()} writes for the same data (sorted
 * keys, four-space indentation; see {@link ProductmdJson}). Epochs are always written ({@code 0:}
 * when the package has none): productmd rejects a NEVRA without one. The source RPM of a binary is
 * named by its {@code SOURCERPM} header and the binary's epoch (a build has one epoch).
 */
public final class ComposeMetadata {
  /** The one variant of an ODCS compose. */
  public static final String VARIANT = "Temporary";

  public static final String COMPOSEINFO = "composeinfo.json";
  public static final String RPMS = "rpms.json";
  public static final String MODULES = "modules.json";
  public static final String IMAGES = "images.json";

  /** The productmd format version written (what productmd 1.x writes). */
  static final String FORMAT_VERSION = "1.2";

  private ComposeMetadata() {}

  /** {@code <staging>/compose/metadata} of the tree being built. */
  public static Path directory(ComposeTree tree) {
    return tree.staging().resolve("compose").resolve("metadata");
  }

  /** {@code Temporary/<arch>/os}: the tree (and repository) of an arch, relative to compose/. */
  public static String osTree(String arch) {
    return VARIANT + "/" + arch + "/os";
  }

  /**
   * Writes {@value #COMPOSEINFO} and {@value #RPMS} into {@code metadataDir} (created if needed),
   * whose parent is the compose directory ({@code <toplevel>/compose}). Call it once the
   * repositories are written: like Pungi, composeinfo lists only the paths that exist.
   *
   * @param packagesByArch the compose's arches, each with the packages of its repository (an arch
   *     without packages is still listed)
   */
  public static void write(
      Path metadataDir,
      ComposeIdentity id,
      Map<String, ? extends Collection<PlacedPackage>> packagesByArch)
      throws IOException {
    Path absolute = metadataDir.toAbsolutePath();
    Files.createDirectories(absolute);
    writeComposeInfo(
        absolute.resolve(COMPOSEINFO), absolute.getParent(), id, packagesByArch.keySet());
    writeRpms(absolute.resolve(RPMS), id, packagesByArch);
  }

  /**
   * Writes composeinfo for the {@value #VARIANT} variant of these arches; an arch's path is listed
   * when it is a directory under {@code composeDir}.
   */
  public static void writeComposeInfo(
      Path file, Path composeDir, ComposeIdentity id, Collection<String> arches)
      throws IOException {
    SortedSet<String> sortedArches = new TreeSet<>(ProductmdJson.KEY_ORDER);
    sortedArches.addAll(arches);
    if (sortedArches.isEmpty()) {
      throw new IllegalArgumentException("A compose needs at least one arch");
    }
    // Field names sort as isos < os_tree < packages < repository, as the file needs them.
    SortedMap<String, SortedMap<String, String>> paths = new TreeMap<>(ProductmdJson.KEY_ORDER);
    for (String arch : sortedArches) {
      String os = osTree(arch);
      addIfDirectory(paths, "isos", arch, IsoImage.isoDir(arch), composeDir);
      addIfDirectory(paths, "os_tree", arch, os, composeDir);
      addIfDirectory(paths, "packages", arch, os + "/Packages", composeDir);
      addIfDirectory(paths, "repository", arch, os, composeDir);
    }
    writeAtomically(
        file,
        json -> {
          json.beginObject();
          header(json, "productmd.composeinfo");
          json.key("payload").beginObject();
          compose(json, id);
          json.key("release")
              .beginObject()
              .member("internal", false)
              .member("name", id.releaseName())
              .member("short", id.releaseShort())
              .member("type", ComposeIdentity.RELEASE_TYPE)
              .member("version", ComposeIdentity.RELEASE_VERSION)
              .endObject();
          json.key("variants").beginObject();
          json.key(VARIANT).beginObject();
          json.key("arches").beginArray();
          for (String arch : sortedArches) {
            json.value(arch);
          }
          json.endArray();
          json.member("id", VARIANT).member("name", VARIANT);
          json.key("paths").beginObject();
          for (var field : paths.entrySet()) {
            json.key(field.getKey()).beginObject();
            for (var path : field.getValue().entrySet()) {
              json.member(path.getKey(), path.getValue());
            }
            json.endObject();
          }
          json.endObject(); // paths
          json.member("type", "variant").member("uid", VARIANT);
          json.endObject().endObject(); // Temporary, variants
          json.endObject().endObject(); // payload, root
        });
  }

  /** Writes the rpms manifest: every package of every arch under the {@value #VARIANT} variant. */
  public static void writeRpms(
      Path file,
      ComposeIdentity id,
      Map<String, ? extends Collection<PlacedPackage>> packagesByArch)
      throws IOException {
    // arch → srpm NEVRA → rpm NEVRA → entry, each in the file's key order.
    SortedMap<String, SortedMap<String, SortedMap<String, Entry>>> rpms =
        new TreeMap<>(ProductmdJson.KEY_ORDER);
    for (var arch : packagesByArch.entrySet()) {
      var bySource =
          rpms.computeIfAbsent(arch.getKey(), a -> new TreeMap<>(ProductmdJson.KEY_ORDER));
      for (PlacedPackage placed : arch.getValue()) {
        RpmPackage pkg = placed.pkg();
        Entry entry = new Entry(category(pkg), placed.path(), sigkey(pkg));
        String nevra = nevra(pkg);
        Entry earlier =
            bySource
                .computeIfAbsent(srpmNevra(pkg), s -> new TreeMap<>(ProductmdJson.KEY_ORDER))
                .putIfAbsent(nevra, entry);
        if (earlier != null && !earlier.equals(entry)) {
          throw new IllegalArgumentException(
              nevra + " is twice in " + arch.getKey() + ": " + earlier + " and " + entry);
        }
      }
    }
    writeAtomically(
        file,
        json -> {
          json.beginObject();
          header(json, "productmd.rpms");
          json.key("payload").beginObject();
          compose(json, id);
          json.key("rpms").beginObject().key(VARIANT).beginObject();
          for (var arch : rpms.entrySet()) {
            json.key(arch.getKey()).beginObject();
            for (var source : arch.getValue().entrySet()) {
              json.key(source.getKey()).beginObject();
              for (var rpm : source.getValue().entrySet()) {
                Entry e = rpm.getValue();
                json.key(rpm.getKey())
                    .beginObject()
                    .member("category", e.category())
                    .member("path", e.path())
                    .member("sigkey", e.sigkey())
                    .endObject();
              }
              json.endObject();
            }
            json.endObject();
          }
          json.endObject().endObject(); // Temporary, rpms
          json.endObject().endObject(); // payload, root
        });
  }

  /**
   * Writes the modules manifest (productmd.modules): per arch of the {@value #VARIANT} variant,
   * each module by its {@code N:S:V:C} with its identity, Koji tag and RPMs in that arch's
   * repository.
   */
  public static void writeModules(
      Path file, ComposeIdentity id, Map<String, ModulemdDocuments> modulesByArch)
      throws IOException {
    SortedMap<String, SortedMap<String, ModuleStream>> byArch =
        new TreeMap<>(ProductmdJson.KEY_ORDER);
    for (var arch : modulesByArch.entrySet()) {
      var modules =
          byArch.computeIfAbsent(arch.getKey(), a -> new TreeMap<>(ProductmdJson.KEY_ORDER));
      for (ModuleStream stream : arch.getValue().streams()) {
        modules.put(stream.nsvc().toString(), stream);
      }
    }
    writeAtomically(
        file,
        json -> {
          json.beginObject();
          header(json, "productmd.modules");
          json.key("payload").beginObject();
          compose(json, id);
          json.key("modules").beginObject().key(VARIANT).beginObject();
          for (var arch : byArch.entrySet()) {
            json.key(arch.getKey()).beginObject();
            for (var module : arch.getValue().entrySet()) {
              ModuleStream m = module.getValue();
              json.key(module.getKey()).beginObject();
              json.key("metadata")
                  .beginObject()
                  .member("context", m.context())
                  .member("koji_tag", m.kojiTag() == null ? "" : m.kojiTag())
                  .member("name", m.name())
                  .member("stream", m.stream())
                  .member("uid", module.getKey())
                  .member("version", Long.toUnsignedString(m.version()))
                  .endObject();
              json.key("rpms").beginArray();
              for (String rpm : new java.util.TreeSet<>(m.artifactRpms())) {
                json.value(rpm);
              }
              json.endArray();
              json.endObject();
            }
            json.endObject();
          }
          json.endObject().endObject(); // Temporary, modules
          json.endObject().endObject(); // payload, root
        });
  }

  /**
   * Writes the images manifest (productmd.images): the {@code iso} and {@code boot.iso} results of
   * each arch.
   */
  public static void writeImages(Path file, ComposeIdentity id, Collection<IsoImage> images)
      throws IOException {
    SortedMap<String, List<IsoImage>> byArch = new TreeMap<>(ProductmdJson.KEY_ORDER);
    images.forEach(i -> byArch.computeIfAbsent(i.arch(), a -> new ArrayList<>()).add(i));
    writeAtomically(
        file,
        json -> {
          json.beginObject();
          header(json, "productmd.images");
          json.key("payload").beginObject();
          compose(json, id);
          json.key("images").beginObject().key(VARIANT).beginObject();
          for (var arch : byArch.entrySet()) {
            json.key(arch.getKey()).beginArray();
            for (IsoImage image : arch.getValue()) {
              json.beginObject();
              json.member("arch", image.arch())
                  .member("bootable", image.bootable())
                  .key("checksums")
                  .beginObject()
                  .member("sha256", image.sha256())
                  .endObject()
                  .member("disc_count", 1)
                  .member("disc_number", 1)
                  .member("format", "iso")
                  .member("implant_md5", (String) null)
                  .member("mtime", image.mtime())
                  .member("path", image.path())
                  .member("size", image.size())
                  .member("subvariant", VARIANT)
                  .member("type", image.type())
                  .member("volume_id", image.volumeId());
              json.endObject();
            }
            json.endArray();
          }
          json.endObject().endObject(); // Temporary, images
          json.endObject().endObject(); // payload, root
        });
  }

  /** {@code name-epoch:version-release.arch}, the epoch {@code 0} when the package has none. */
  static String nevra(RpmPackage pkg) {
    return pkg.name()
        + "-"
        + pkg.epochOrZero()
        + ":"
        + pkg.version()
        + "-"
        + pkg.release()
        + "."
        + pkg.arch();
  }

  /**
   * The source RPM's {@code N-E:V-R.A}: the package itself for a source RPM, else its {@code
   * SOURCERPM} ({@code N-V-R.src.rpm}) with the package's epoch. A binary without a usable
   * SOURCERPM is taken to come from {@code <its N-V-R>.src}.
   */
  static String srpmNevra(RpmPackage pkg) {
    if (isSource(pkg)) {
      return nevra(pkg);
    }
    String file = pkg.sourcerpm() == null ? "" : pkg.sourcerpm();
    String base = file.endsWith(".rpm") ? file.substring(0, file.length() - 4) : file;
    int dot = base.lastIndexOf('.');
    int lastDash = dot < 0 ? -1 : base.lastIndexOf('-', dot);
    int nameEnd = lastDash <= 0 ? -1 : base.lastIndexOf('-', lastDash - 1);
    if (nameEnd <= 0) {
      return pkg.name()
          + "-"
          + pkg.epochOrZero()
          + ":"
          + pkg.version()
          + "-"
          + pkg.release()
          + ".src";
    }
    return base.substring(0, nameEnd) + "-" + pkg.epochOrZero() + ":" + base.substring(nameEnd + 1);
  }

  /** Pungi's categories: source RPMs, debuginfo/debugsource packages, everything else. */
  static String category(RpmPackage pkg) {
    if (isSource(pkg)) {
      return "source";
    }
    String name = pkg.name();
    if (name.endsWith("-debuginfo")
        || name.contains("-debuginfo-")
        || name.endsWith("-debugsource")) {
      return "debug";
    }
    return "binary";
  }

  private static boolean isSource(RpmPackage pkg) {
    return "src".equals(pkg.arch()) || "nosrc".equals(pkg.arch());
  }

  /** Lower-case key id, {@code null} for an unsigned package. */
  static String sigkey(RpmPackage pkg) {
    String key = pkg.sigkey();
    return key == null || key.isEmpty() ? null : key.toLowerCase(Locale.ROOT);
  }

  private record Entry(String category, String path, String sigkey) {}

  private interface Body {
    void write(ProductmdJson json) throws IOException;
  }

  private static void header(ProductmdJson json, String type) throws IOException {
    json.key("header")
        .beginObject()
        .member("type", type)
        .member("version", FORMAT_VERSION)
        .endObject();
  }

  private static void compose(ProductmdJson json, ComposeIdentity id) throws IOException {
    json.key("compose")
        .beginObject()
        .member("date", id.dateString())
        .member("id", id.composeId())
        .member("respin", id.respin())
        .member("type", id.type())
        .endObject();
  }

  private static void addIfDirectory(
      SortedMap<String, SortedMap<String, String>> paths,
      String field,
      String arch,
      String path,
      Path composeDir) {
    if (Files.isDirectory(composeDir.resolve(path))) {
      paths.computeIfAbsent(field, f -> new TreeMap<>(ProductmdJson.KEY_ORDER)).put(arch, path);
    }
  }

  /** Writes beside the target, then renames: a reader never sees half a file. */
  private static void writeAtomically(Path file, Body body) throws IOException {
    Path temp =
        Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.US_ASCII)) {
        ProductmdJson json = new ProductmdJson(out);
        body.write(json);
        json.finish();
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
