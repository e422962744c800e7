package org.odcsj.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * ODCS's authorization model (spec §5.3) as plain Java: the {@code allowed_clients} and {@code
 * admins} roles, and the per-attribute permissions of a request with the user-overrides-groups
 * rule, the server-wide fallbacks and {@code [""]} meaning anything.
 */
public final class AccessPolicy {

  /** The attributes a request is checked on, in ODCS's names. */
  public static final List<String> ATTRIBUTES =
      List.of(
          "source_types",
          "sources",
          "results",
          "flags",
          "arches",
          "compose_types",
          "target_dirs",
          "raw_config_keys");

  private final Map<String, Map<String, List<String>>> clientUsers;
  private final Map<String, Map<String, List<String>>> clientGroups;
  private final Set<String> adminUsers;
  private final Set<String> adminGroups;
  private final Map<String, List<String>> fallbacks;

  /**
   * @param clientUsers allowed_clients.users: user → attribute → allowed values
   * @param clientGroups allowed_clients.groups: group → attribute → allowed values
   * @param fallbacks attribute → values allowed when an entry does not name the attribute
   */
  public AccessPolicy(
      Map<String, Map<String, List<String>>> clientUsers,
      Map<String, Map<String, List<String>>> clientGroups,
      Set<String> adminUsers,
      Set<String> adminGroups,
      Map<String, List<String>> fallbacks) {
    this.clientUsers = Map.copyOf(clientUsers);
    this.clientGroups = Map.copyOf(clientGroups);
    this.adminUsers = Set.copyOf(adminUsers);
    this.adminGroups = Set.copyOf(adminGroups);
    this.fallbacks = Map.copyOf(fallbacks);
  }

  public boolean isAllowedClient(Caller caller) {
    return caller.noauth()
        || clientUsers.containsKey(caller.username())
        || caller.groups().stream().anyMatch(clientGroups::containsKey);
  }

  public boolean isAdmin(Caller caller) {
    return caller.noauth()
        || adminUsers.contains(caller.username())
        || caller.groups().stream().anyMatch(adminGroups::contains);
  }

  /** 403 {@code User <u> is not in role allowed_clients.} unless the caller is one. */
  public void requireAllowedClient(Caller caller) {
    if (!isAllowedClient(caller)) {
      throw new ForbiddenException(
          "User " + caller.username() + " is not in role allowed_clients.");
    }
  }

  /** 403 {@code User <u> is not in role admins.} unless the caller is one. */
  public void requireAdmin(Caller caller) {
    if (!isAdmin(caller)) {
      throw new ForbiddenException("User " + caller.username() + " is not in role admins.");
    }
  }

  /**
   * Checks the request's tokens per attribute. Under noauth only the source type is checked,
   * against the server-wide list: that is how a source type is disabled on a server.
   *
   * @param request attribute → the request's tokens (an attribute absent is not checked)
   */
  public void checkPermissions(Caller caller, Map<String, List<String>> request) {
    List<Map<String, List<String>>> candidates = new ArrayList<>();
    Map<String, List<String>> effectiveRequest = request;
    if (caller.noauth()) {
      candidates.add(Map.of());
      effectiveRequest = new LinkedHashMap<>();
      if (request.containsKey("source_types")) {
        effectiveRequest.put("source_types", request.get("source_types"));
      }
    } else if (clientUsers.containsKey(caller.username())) {
      candidates.add(clientUsers.get(caller.username()));
    } else {
      new TreeSet<>(caller.groups())
          .stream()
              .filter(clientGroups::containsKey)
              .forEach(g -> candidates.add(clientGroups.get(g)));
    }
    if (candidates.isEmpty()) {
      throw new ForbiddenException(
          "User " + caller.username() + " not allowed to operate with any compose.");
    }
    Set<String> sentences = new TreeSet<>();
    for (Map<String, List<String>> candidate : candidates) {
      List<String> denied = denials(caller.username(), candidate, effectiveRequest);
      if (denied.isEmpty()) {
        return;
      }
      sentences.addAll(denied);
    }
    throw new ForbiddenException(String.join(" ", sentences));
  }

  private List<String> denials(
      String username, Map<String, List<String>> entry, Map<String, List<String>> request) {
    List<String> denied = new ArrayList<>();
    for (String attribute : ATTRIBUTES) {
      List<String> tokens = request.get(attribute);
      if (tokens == null) {
        continue;
      }
      List<String> allowed =
          entry.getOrDefault(attribute, fallbacks.getOrDefault(attribute, List.of()));
      boolean wildcard = allowed.equals(List.of(""));
      tokens.stream()
          .filter(t -> !wildcard && !allowed.contains(t))
          .findFirst()
          .ifPresent(
              t ->
                  denied.add(
                      "User "
                          + username
                          + " not allowed to operate with compose with "
                          + attribute
                          + "="
                          + t
                          + "."));
    }
    return denied;
  }
}
