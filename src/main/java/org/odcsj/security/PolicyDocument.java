package org.odcsj.security;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The {@code allowed_clients} / {@code admins} file (YAML, or JSON which is YAML too), validated
 * with ODCS's start-up messages. Kept verbatim as well, for {@code GET /api/1/about/}.
 */
public record PolicyDocument(
    Map<String, Object> allowedClients,
    Map<String, Map<String, List<String>>> clientUsers,
    Map<String, Map<String, List<String>>> clientGroups,
    Set<String> adminUsers,
    Set<String> adminGroups) {

  public static final PolicyDocument EMPTY =
      new PolicyDocument(
          Map.of("groups", Map.of(), "users", Map.of()), Map.of(), Map.of(), Set.of(), Set.of());

  public static PolicyDocument read(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file)) {
      Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
      return parse(root == null ? Map.of() : root);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    } catch (org.yaml.snakeyaml.error.YAMLException e) {
      throw new IOException(file + " is not valid YAML/JSON: " + e.getMessage(), e);
    }
  }

  static PolicyDocument parse(Object root) {
    Map<?, ?> top = dict(root, "the policy file");
    Map<?, ?> clients =
        dict(
            top.containsKey("allowed_clients") ? top.get("allowed_clients") : Map.of(),
            "allowed_clients");
    Map<String, Map<String, List<String>>> users = new LinkedHashMap<>();
    Map<String, Map<String, List<String>>> groups = new LinkedHashMap<>();
    for (var role : clients.entrySet()) {
      String roleName = String.valueOf(role.getKey());
      Map<String, Map<String, List<String>>> target =
          switch (roleName) {
            case "users" -> users;
            case "groups" -> groups;
            default ->
                throw new IllegalArgumentException(
                    "Unknown role " + roleName + " in allowed_clients.");
          };
      Map<?, ?> entries = dict(role.getValue(), "allowed_clients['" + roleName + "']");
      for (var entry : entries.entrySet()) {
        String name = String.valueOf(entry.getKey());
        String where = "allowed_clients['" + roleName + "']['" + name + "']";
        Map<?, ?> attrs = dict(entry.getValue() == null ? Map.of() : entry.getValue(), where);
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        for (var attr : attrs.entrySet()) {
          if (!(attr.getValue() instanceof List<?> values)) {
            throw new IllegalArgumentException(where + "['" + attr.getKey() + "'] is not a list");
          }
          parsed.put(
              String.valueOf(attr.getKey()),
              values.stream().map(v -> v == null ? "" : String.valueOf(v)).toList());
        }
        target.put(name, parsed);
      }
    }
    Map<String, Object> verbatim = new LinkedHashMap<>();
    verbatim.put("groups", clients.containsKey("groups") ? clients.get("groups") : Map.of());
    verbatim.put("users", clients.containsKey("users") ? clients.get("users") : Map.of());
    Map<?, ?> admins = dict(top.containsKey("admins") ? top.get("admins") : Map.of(), "admins");
    return new PolicyDocument(
        verbatim,
        users,
        groups,
        names(admins.get("users"), "admins['users']"),
        names(admins.get("groups"), "admins['groups']"));
  }

  private static Map<?, ?> dict(Object value, String what) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(what + " must be a dict.");
    }
    return map;
  }

  private static Set<String> names(Object value, String what) {
    if (value == null) {
      return Set.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException(what + " is not a list");
    }
    Set<String> names = new LinkedHashSet<>();
    list.forEach(v -> names.add(String.valueOf(v)));
    return names;
  }
}
