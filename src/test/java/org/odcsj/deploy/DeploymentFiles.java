package org.odcsj.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the deployment files as Docker would — {@code docker/compose.yaml} (with YAML anchors and
 * merge keys resolved), {@code docker/Dockerfile} (logical lines, exec-form commands) — and the
 * README's configuration table, for {@link DockerFilesTest}.
 */
final class DeploymentFiles {

  private DeploymentFiles() {}

  /** The project directory (surefire runs in it and also passes it as {@code basedir}). */
  static Path projectDir() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- README configuration table

  private static final Pattern BACKQUOTED = Pattern.compile("`([^`]+)`");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

  /** One row of the README's configuration table: its keys and the env var names it shows. */
  record ConfigRow(String line, List<String> keys, List<String> envVars) {}

  /**
   * The rows of the table under {@code ## Configuration} whose header starts with {@code | key |
   * env var |}.
   *
   * <p>Key column: the first back-quoted name is a full key ({@code odcs.db.user}); a later one is
   * either another full key ({@code odcs.db.user} / {@code odcs.db.password}) or, when it starts
   * with {@code -}, a member of the first key's family: the first key up to its last {@code -}
   * followed by that suffix ({@code odcs.allowed-sources}, {@code -flags} → {@code
   * odcs.allowed-flags}). That is how the README abbreviates a family whose env var column says
   * only "{@code ODCS_ALLOWED_SOURCES}, …": the family's env vars are derived from the key column.
   */
  static List<ConfigRow> configurationTable(String readme) {
    List<ConfigRow> rows = new ArrayList<>();
    boolean inSection = false;
    boolean inTable = false;
    for (String line : readme.split("\n", -1)) {
      if (line.startsWith("## ")) {
        inSection = line.trim().equals("## Configuration");
        inTable = false;
        continue;
      }
      if (!inSection) {
        continue;
      }
      String trimmed = line.trim();
      if (!inTable) {
        inTable = trimmed.replace(" ", "").startsWith("|key|envvar|");
        continue;
      }
      if (!trimmed.startsWith("|")) {
        if (!rows.isEmpty()) {
          break; // end of the table
        }
        continue;
      }
      String[] cells = trimmed.split("\\|", -1);
      if (cells.length < 3 || cells[1].trim().startsWith("---")) {
        continue;
      }
      List<String> keys = new ArrayList<>();
      for (String name : backquoted(cells[1])) {
        if (name.startsWith("-") && !keys.isEmpty()) {
          String first = keys.get(0);
          keys.add(first.substring(0, first.lastIndexOf('-')) + name);
        } else {
          keys.add(name);
        }
      }
      List<String> envVars =
          backquoted(cells[2]).stream().filter(n -> ENV_NAME.matcher(n).matches()).toList();
      rows.add(new ConfigRow(trimmed, keys, envVars));
    }
    return rows;
  }

  /**
   * The MicroProfile Config environment variable of a key: upper case, every character other than a
   * letter or digit replaced by {@code _} ({@code odcs.target-dir} → {@code ODCS_TARGET_DIR}).
   */
  static String envVarOf(String key) {
    return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  /** Every env var the README documents: derived from the keys, plus the ones shown. */
  static Set<String> documentedEnvVars(String readme) {
    Set<String> names = new LinkedHashSet<>();
    for (ConfigRow row : configurationTable(readme)) {
      row.keys().forEach(k -> names.add(envVarOf(k)));
      names.addAll(row.envVars());
    }
    return names;
  }

  private static List<String> backquoted(String cell) {
    List<String> names = new ArrayList<>();
    Matcher m = BACKQUOTED.matcher(cell);
    while (m.find()) {
      names.add(m.group(1).trim());
    }
    return names;
  }

  // ---------------------------------------------------------------- compose.yaml

  static Map<String, Object> loadYaml(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Object loaded = new Yaml(new SafeConstructor(options)).load(text);
    return map(loaded);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("not a mapping: " + value);
    }
    return (Map<String, Object>) value;
  }

  static List<?> list(Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException("not a list: " + value);
    }
    return list;
  }

  /** A service's {@code environment}, in map or {@code KEY=VALUE} list form, values as written. */
  static Map<String, String> environment(Map<String, Object> service) {
    Map<String, String> env = new LinkedHashMap<>();
    Object value = service.get("environment");
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    } else {
      for (Object item : list(value)) {
        String s = String.valueOf(item);
        int eq = s.indexOf('=');
        env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
      }
    }
    return env;
  }

  private static final Pattern INTERPOLATION =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

  /**
   * A value with Compose's interpolation applied as if no variable were set: {@code
   * ${NAME:-default}} and {@code ${NAME-default}} become the default, {@code ${NAME}} empty.
   */
  static String interpolateDefaults(String value) {
    Matcher m = INTERPOLATION.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String operator = m.group(2);
      String replacement = operator != null && operator.endsWith("-") ? m.group(3) : "";
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** One mount of a service, from the long or the short volume syntax. */
  record Mount(String type, String source, String target, boolean readOnly) {}

  static List<Mount> mounts(Map<String, Object> service, Set<String> namedVolumes) {
    List<Mount> mounts = new ArrayList<>();
    for (Object item : list(service.get("volumes"))) {
      if (item instanceof Map<?, ?> m) {
        mounts.add(
            new Mount(
                String.valueOf(m.get("type")),
                m.get("source") == null ? null : String.valueOf(m.get("source")),
                String.valueOf(m.get("target")),
                Boolean.TRUE.equals(m.get("read_only"))));
      } else {
        String[] parts = String.valueOf(item).split(":");
        if (parts.length == 1) {
          mounts.add(new Mount("volume", null, parts[0], false));
        } else {
          String type = namedVolumes.contains(parts[0]) ? "volume" : "bind";
          boolean ro = parts.length > 2 && List.of(parts[2].split(",")).contains("ro");
          mounts.add(new Mount(type, parts[0], parts[1], ro));
        }
      }
    }
    return mounts;
  }

  /** The container ports a service publishes or exposes. */
  static Set<Integer> containerPorts(Map<String, Object> service) {
    Set<Integer> ports = new LinkedHashSet<>();
    for (String key : List.of("ports", "expose")) {
      for (Object item : list(service.get(key))) {
        if (item instanceof Map<?, ?> m) {
          ports.add(Integer.parseInt(String.valueOf(m.get("target"))));
        } else {
          String s = String.valueOf(item).replaceAll("/(tcp|udp)$", "");
          ports.add(Integer.parseInt(s.substring(s.lastIndexOf(':') + 1)));
        }
      }
    }
    return ports;
  }

  /** The host ports a service publishes, by container port. */
  static Map<Integer, Integer> publishedPorts(Map<String, Object> service) {
    Map<Integer, Integer> published = new LinkedHashMap<>();
    for (Object item : list(service.get("ports"))) {
      if (item instanceof Map<?, ?> m) {
        published.put(
            Integer.parseInt(String.valueOf(m.get("published"))),
            Integer.parseInt(String.valueOf(m.get("target"))));
      } else {
        String[] parts = String.valueOf(item).replaceAll("/(tcp|udp)$", "").split(":");
        if (parts.length >= 2) {
          published.put(
              Integer.parseInt(parts[parts.length - 2]), Integer.parseInt(parts[parts.length - 1]));
        }
      }
    }
    return published;
  }

  // ---------------------------------------------------------------- Dockerfile

  /** One instruction of a Dockerfile: continuation lines joined, comments left out. */
  record Instruction(String keyword, String arguments) {}

  static List<Instruction> dockerfile(String text) {
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      if (current.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
        continue;
      }
      if (!current.isEmpty() && line.startsWith("#")) {
        continue; // a comment inside a continued instruction
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      String joined = current.toString().strip();
      current.setLength(0);
      if (joined.isEmpty()) {
        continue;
      }
      int space = joined.indexOf(' ');
      instructions.add(
          new Instruction(
              (space < 0 ? joined : joined.substring(0, space)).toUpperCase(Locale.ROOT),
              space < 0 ? "" : joined.substring(space + 1).strip()));
    }
    return instructions;
  }

  /**
   * The variables an {@code ENV} instruction sets ({@code ENV A=1 B=2} or legacy {@code ENV A 1}).
   */
  static Map<String, String> envOf(Instruction env) {
    Map<String, String> vars = new LinkedHashMap<>();
    String args = env.arguments();
    String first = args.split("\\s+", 2)[0];
    if (!first.contains("=")) {
      String[] legacy = args.split("\\s+", 2);
      vars.put(legacy[0], legacy.length > 1 ? legacy[1] : "");
      return vars;
    }
    Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)").matcher(args);
    while (m.find()) {
      vars.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
    }
    return vars;
  }

  /** The arguments of an exec-form (JSON array) {@code CMD} or {@code ENTRYPOINT}. */
  static List<String> execForm(Instruction instruction) {
    String args = instruction.arguments().strip();
    if (!args.startsWith("[")) {
      throw new IllegalArgumentException(
          instruction.keyword() + " must use the exec form (a JSON array): " + args);
    }
    try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(args))) {
      return reader.readArray().getValuesAs(jakarta.json.JsonString.class).stream()
          .map(jakarta.json.JsonString::getString)
          .toList();
    }
  }
}
