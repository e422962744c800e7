package org.odcsj.source.rawconfig;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.SourceType;
import org.odcsj.compose.SpaceJoined;
import org.odcsj.output.ComposeTree;
import org.odcsj.source.InvalidSourceRequest;
import org.odcsj.source.Resolution;
import org.odcsj.source.SourceFailure;
import org.odcsj.source.SourceLog;
import org.odcsj.source.TreeDestination;
import org.odcsj.source.TreeSource;
import org.odcsj.source.WrittenTree;

/**
 * {@code raw_config}: checks the named configuration out at the requested commit (or the one its
 * entry pins), renders the wrapper, validates it when a validator is set, runs Pungi into the
 * compose's directory, then records {@code pungi_compose_id} from the compose's composeinfo, links
 * the compose under {@code <target>/<compose_type>/} and keeps Pungi's config dump of {@code
 * production} and {@code development} composes, which a regeneration runs instead of the git
 * configuration. Never reused.
 */
public final class RawConfigSource implements TreeSource {

  // Json.createReader would look the JSON-P provider up through the class loader on every call.
  private static final JsonProvider JSON = JsonProvider.provider();
  private static final long MAX_DUMP_BYTES = 16L * 1024 * 1024;

  private final RawConfigSettings settings;

  public RawConfigSource(RawConfigSettings settings) {
    this.settings = settings;
  }

  @Override
  public SourceType type() {
    return SourceType.RAW_CONFIG;
  }

  @Override
  public void validate(ComposeSpec spec) throws InvalidSourceRequest {
    String name = spec.source().split("#", -1)[0];
    if (!settings.entries().containsKey(name)) {
      throw new InvalidSourceRequest(
          "Source \"" + name + "\" does not exist in server configuration.");
    }
  }

  @Override
  public Resolution resolve(ComposeSpec spec, SourceLog log) throws SourceFailure {
    if (spec.kojiEvent() != null || settings.lastKojiEvent().isEmpty()) {
      return Resolution.neverReused(spec);
    }
    long event;
    try {
      event = settings.lastKojiEvent().get().id();
    } catch (Exception e) {
      throw new SourceFailure("Koji connection has failed: " + e.getMessage(), e);
    }
    log.info("Koji's last event is " + event);
    return Resolution.neverReused(spec.toBuilder().kojiEvent(event).build());
  }

  @Override
  public WrittenTree write(ComposeSpec spec, TreeDestination dest, SourceLog log)
      throws SourceFailure {
    String[] source = spec.source().split("#", 2);
    RawConfigEntry entry = settings.entries().get(source[0]);
    if (entry == null || source.length != 2) {
      throw new SourceFailure(
          "Source \"" + source[0] + "\" does not exist in server configuration.");
    }
    String commit = entry.commit().orElse(source[1]);
    Path work = null;
    try {
      work = Files.createTempDirectory("odcs-raw-config-").toRealPath();
      log.phase("checking the Pungi configuration out", 10);
      String hash = ConfigCheckout.checkout(entry.url(), commit, entry.path().orElse(""), work);
      log.info("Checked out " + entry.url() + " at " + hash);
      Path config = prepareConfig(spec, dest, entry, work);
      Path composeDir = dest.staging();
      validateConfig(entry, work, dest, log);
      List<String> argv =
          PungiCommandLine.of(
              settings.pungiCommand(),
              config,
              composeDir,
              settings.argsOf(source[0]),
              spec,
              oldComposes(dest.targetDir(), spec.composeType()));
      long timeout = entry.pungiTimeoutSeconds().orElse(settings.pungiTimeoutSeconds());
      log.phase("running Pungi", 20);
      log.info("Running " + String.join(" ", argv) + " (at most " + timeout + " s)");
      try {
        runLogged(argv, work, dest, "pungi", timeout);
      } catch (SourceFailure e) {
        String errors =
            PungiLogErrors.of(composeDir).replace(composeDir.toString(), dest.composeUrl());
        throw new SourceFailure(
            errors.isEmpty() ? e.getMessage() : e.getMessage() + "\n" + errors, e);
      }
      String pungiComposeId = pungiComposeId(composeDir);
      log.info("Pungi compose " + pungiComposeId + " done");
      String dump = keepsDump(spec) ? configDump(composeDir, dest.composeId()) : null;
      PungiComposeLinks.write(
          dest.targetDir(), spec.composeType(), dest.composeName(), pungiComposeId, spec.label());
      return new WrittenTree(spec, 0, pungiComposeId, dump);
    } catch (IOException e) {
      throw new SourceFailure("Cannot run raw config " + source[0] + ": " + e.getMessage(), e);
    } finally {
      RawConfigFiles.deleteQuietly(work);
    }
  }

  /** Writes pungi.conf (or pungi.json of a regeneration) in {@code work}; returns its path. */
  private Path prepareConfig(
      ComposeSpec spec, TreeDestination dest, RawConfigEntry entry, Path work)
      throws IOException, SourceFailure {
    Path real = work.resolve(entry.configFilename()).normalize();
    if (!real.startsWith(work) || !Files.isRegularFile(real)) {
      throw new SourceFailure(
          "The raw config has no file " + entry.configFilename() + " at its commit");
    }
    Optional<Path> wrapper = settings.wrapperOf(entry);
    Path main = work.resolve("pungi.conf");
    if (wrapper.isPresent()) {
      Path copy = work.resolve("raw_config.conf");
      if (!real.equals(copy)) {
        Files.copy(real, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      String template = Files.readString(wrapper.get(), StandardCharsets.UTF_8);
      try {
        Files.writeString(main, WrapperTemplate.render(template, composeJson(spec, dest)));
      } catch (IllegalArgumentException e) {
        throw new SourceFailure(
            "Failed to render raw_config_wrapper template '"
                + wrapper.get()
                + "': "
                + e.getMessage(),
            e);
      }
    } else if (!real.equals(main)) {
      Files.copy(real, main, StandardCopyOption.REPLACE_EXISTING);
    }
    if (dest.pungiConfigDump() == null) {
      return main;
    }
    // A regeneration runs the configuration the original compose ran.
    try (var reader = JSON.createReader(new StringReader(dest.pungiConfigDump()))) {
      reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new SourceFailure("Compose " + dest.composeId() + ": Cannot load Pungi config dump.");
    }
    return Files.writeString(work.resolve("pungi.json"), dest.pungiConfigDump());
  }

  private void validateConfig(RawConfigEntry entry, Path work, TreeDestination dest, SourceLog log)
      throws SourceFailure, IOException {
    if (settings.validateCommand().isEmpty()) {
      return;
    }
    List<String> argv =
        new ArrayList<>(List.of(settings.validateCommand().get(), "--old-composes"));
    settings.schemaOverride().ifPresent(s -> argv.addAll(List.of("--schema-override", s)));
    entry.schemaOverride().ifPresent(s -> argv.addAll(List.of("--schema-override", s)));
    argv.add(work.resolve("pungi.conf").toString());
    log.phase("validating the Pungi configuration", 15);
    runLogged(argv, work, dest, "pungi-config-validate", settings.pungiTimeoutSeconds());
  }

  /**
   * Runs a command with stdout and stderr in {@code <name>-stdout.log} and {@code
   * <name>-stderr.log} of the compose (kept beside the tree, so they are served while it runs and
   * after it failed); a failure names their URLs.
   */
  private static void runLogged(
      List<String> argv, Path work, TreeDestination dest, String name, long timeout)
      throws SourceFailure, IOException {
    Path out = ComposeTree.sideLog(dest.targetDir(), dest.composeName(), name + "-stdout.log");
    Path err = ComposeTree.sideLog(dest.targetDir(), dest.composeName(), name + "-stderr.log");
    Files.createDirectories(out.getParent());
    try {
      ProcessGroupRun.run(argv, work, out, err, timeout);
    } catch (SourceFailure e) {
      throw new SourceFailure(
          e.getMessage()
              .replace(out.toString(), dest.composeUrl() + "/" + name + "-stdout.log")
              .replace(err.toString(), dest.composeUrl() + "/" + name + "-stderr.log"),
          e);
    }
  }

  /**
   * {@code <target>/<compose_type>}, always, as ODCS passes it: the links there name the earlier
   * composes of that type.
   */
  private static Optional<Path> oldComposes(Path targetDir, String composeType) {
    Path dir = targetDir.resolve(composeType == null ? "test" : composeType).normalize();
    return dir.getParent().equals(targetDir.normalize()) ? Optional.of(dir) : Optional.empty();
  }

  private static boolean keepsDump(ComposeSpec spec) {
    return "production".equals(spec.composeType()) || "development".equals(spec.composeType());
  }

  /** {@code payload.compose.id} of {@code compose/metadata/composeinfo.json}. */
  static String pungiComposeId(Path composeDir) throws SourceFailure {
    Path info = composeDir.resolve("compose/metadata/composeinfo.json");
    try (InputStream in = Files.newInputStream(info);
        var reader = JSON.createReader(new java.io.ByteArrayInputStream(in.readNBytes(8 << 20)))) {
      JsonObject root = reader.readObject();
      JsonValue id = root.getJsonObject("payload").getJsonObject("compose").get("id");
      if (id instanceof JsonString s && !s.getString().isEmpty()) {
        return s.getString();
      }
    } catch (IOException | RuntimeException e) {
      throw new SourceFailure("Cannot read the compose id from Pungi's composeinfo.json: " + e, e);
    }
    throw new SourceFailure("Pungi's composeinfo.json has no compose id");
  }

  private static String configDump(Path composeDir, long composeId) throws SourceFailure {
    Path dump = composeDir.resolve("logs/global/config-dump.global.log");
    String cannot = "Compose " + composeId + ": Cannot load Pungi config dump.";
    try (InputStream in = Files.newInputStream(dump)) {
      byte[] bytes = in.readNBytes((int) MAX_DUMP_BYTES + 1);
      if (bytes.length > MAX_DUMP_BYTES) {
        throw new SourceFailure(cannot + " It is larger than " + MAX_DUMP_BYTES + " bytes.");
      }
      if (bytes.length == 0) {
        throw new SourceFailure(cannot);
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SourceFailure(cannot, e);
    }
  }

  /** The compose's JSON as far as the request knows it: what a wrapper template reads. */
  private static JsonObject composeJson(ComposeSpec spec, TreeDestination dest) {
    JsonObjectBuilder b = JSON.createObjectBuilder();
    b.add("id", dest.composeId());
    b.add("source_type", spec.sourceType().code());
    b.add("source", spec.source());
    b.add("compose_type", spec.composeType() == null ? "test" : spec.composeType());
    nullable(b, "label", spec.label());
    if (spec.kojiEvent() != null) {
      b.add("koji_event", spec.kojiEvent());
    } else {
      b.addNull("koji_event");
    }
    b.add("arches", java.util.Objects.toString(SpaceJoined.text(spec.arches()), ""));
    b.add("sigkeys", java.util.Objects.toString(SpaceJoined.text(spec.sigkeys()), ""));
    nullable(b, "respin_of", spec.respinOf());
    b.add(
        "parent_pungi_compose_ids",
        java.util.Objects.toString(SpaceJoined.text(spec.parentPungiComposeIds()), ""));
    b.add("target_dir", spec.targetDir() == null ? "default" : spec.targetDir());
    b.add("toplevel_url", dest.composeUrl());
    return b.build();
  }

  private static void nullable(JsonObjectBuilder b, String key, String value) {
    if (value == null) {
      b.addNull(key);
    } else {
      b.add(key, value);
    }
  }
}
