package org.odcsj.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The authorization rules of spec §5.3 on the upstream test fixture, with the reference's
 * server-wide fallbacks (source types tag, module, build; arches x86_64; anything else).
 */
class AccessPolicyTest {

  private static final String FIXTURE =
      String.join(
          "\n",
          "allowed_clients:",
          "  groups:",
          "    composer: {}",
          "    dev2: {source_types: [module]}",
          "    dev3: {source_types: [raw_config]}",
          "  users:",
          "    dev: {arches: [ppc64, s390, x86_64]}",
          "    dev2: {source_types: [module, raw_config], compose_types: [test, nightly]}",
          "    dev3: {source_types: [tag], target_dirs: [releng-private]}",
          "    dev4: {source_types: [raw_config], raw_config_keys: [pungi_cfg2]}",
          "admins:",
          "  groups: [admin]",
          "  users: [root]");

  private final AccessPolicy policy = policy();

  private static AccessPolicy policy() {
    PolicyDocument doc = PolicyDocument.parse(new org.yaml.snakeyaml.Yaml().load(FIXTURE));
    Map<String, List<String>> fallbacks = new LinkedHashMap<>();
    fallbacks.put("source_types", List.of("tag", "module", "build"));
    fallbacks.put("sources", List.of(""));
    fallbacks.put("flags", List.of("no_deps", "check_deps"));
    fallbacks.put("results", List.of("repository", "iso", "boot.iso"));
    fallbacks.put("arches", List.of("x86_64"));
    fallbacks.put("compose_types", List.of(""));
    fallbacks.put("target_dirs", List.of());
    fallbacks.put("raw_config_keys", List.of("pungi_cfg", "pungi_cfg2"));
    return new AccessPolicy(
        doc.clientUsers(), doc.clientGroups(), doc.adminUsers(), doc.adminGroups(), fallbacks);
  }

  private static Caller user(String name, String... groups) {
    return new Caller(name, Set.of(groups), false);
  }

  private static Map<String, List<String>> request(String type, String... more) {
    Map<String, List<String>> r = new LinkedHashMap<>();
    r.put("source_types", List.of(type));
    r.put("sources", List.of("f26"));
    r.put("results", List.of("repository"));
    r.put("flags", List.of());
    r.put("arches", List.of("x86_64"));
    r.put("compose_types", List.of("test"));
    for (int i = 0; i < more.length; i += 2) {
      r.put(more[i], List.of(more[i + 1].split(" ")));
    }
    return r;
  }

  private String denial(Caller caller, Map<String, List<String>> request) {
    return assertThrows(ForbiddenException.class, () -> policy.checkPermissions(caller, request))
        .getMessage();
  }

  @Test
  void v53_repoIsNotInTheFallbackSourceTypes() {
    assertEquals(
        "User dev not allowed to operate with compose with source_types=repo.",
        denial(user("dev"), request("repo")));
  }

  @Test
  void v31_userEntryWidensArches() {
    policy.checkPermissions(user("dev"), request("tag", "arches", "ppc64 s390"));
    assertEquals(
        "User dev not allowed to operate with compose with arches=aarch64.",
        denial(user("dev"), request("tag", "arches", "aarch64")));
  }

  @Test
  void v37_targetDirsFallbackIsEmpty() {
    assertEquals(
        "User dev not allowed to operate with compose with target_dirs=releng-private.",
        denial(user("dev"), request("tag", "target_dirs", "releng-private")));
    policy.checkPermissions(user("dev3"), request("tag", "target_dirs", "releng-private"));
  }

  @Test
  void v54_v55_v56_composeTypesAndRawConfigKeys() {
    assertEquals(
        "User dev2 not allowed to operate with compose with compose_types=production.",
        denial(
            user("dev2"),
            request("raw_config", "compose_types", "production", "raw_config_keys", "pungi_cfg")));
    assertEquals(
        "User dev4 not allowed to operate with compose with raw_config_keys=pungi_cfg.",
        denial(user("dev4"), request("raw_config", "raw_config_keys", "pungi_cfg")));
    policy.checkPermissions(
        user("dev4"),
        request("raw_config", "compose_types", "production", "raw_config_keys", "pungi_cfg2"));
  }

  @Test
  void v62_v63_groupsApplyWhenTheUserHasNoEntry() {
    policy.checkPermissions(user("unknown", "dev2", "x"), request("module"));
    assertEquals(
        "User unknown not allowed to operate with compose with source_types=tag.",
        denial(user("unknown", "dev2", "x"), request("tag")));
  }

  @Test
  void v85_notAnAllowedClient() {
    assertFalse(policy.isAllowedClient(user("qa")));
    assertEquals(
        "User qa is not in role allowed_clients.",
        assertThrows(ForbiddenException.class, () -> policy.requireAllowedClient(user("qa")))
            .getMessage());
  }

  @Test
  void v86_v87_v88_anyPermittingGroupSuffices_duplicateSentencesCollapse() {
    policy.checkPermissions(user("another_user", "composer"), request("module"));
    policy.checkPermissions(user("another_user", "dev3", "dev2"), request("module"));
    assertEquals(
        "User another_user not allowed to operate with compose with source_types=tag.",
        denial(user("another_user", "dev3", "dev2"), request("tag")));
  }

  @Test
  void v90_userEntryOverridesGroups() {
    assertTrue(policy.isAllowedClient(user("dev3", "dev2")));
    assertEquals(
        "User dev3 not allowed to operate with compose with source_types=module.",
        denial(user("dev3", "dev2"), request("module")));
  }

  @Test
  void severalDeniedAttributesAreAllNamed() {
    assertEquals(
        "User dev3 not allowed to operate with compose with arches=ppc64."
            + " User dev3 not allowed to operate with compose with source_types=module.",
        denial(user("dev3"), request("module", "arches", "ppc64")));
  }

  @Test
  void flagRestrictionNeedNotListNoFlags() {
    policy.checkPermissions(user("dev"), request("tag", "flags", "no_deps"));
    assertEquals(
        "User dev not allowed to operate with compose with flags=no_reuse.",
        denial(user("dev"), request("tag", "flags", "no_reuse")));
  }

  @Test
  void adminsByUserOrGroup() {
    assertTrue(policy.isAdmin(user("root")));
    assertTrue(policy.isAdmin(user("another_admin", "admin")));
    assertFalse(policy.isAdmin(user("dev")));
    assertEquals(
        "User dev is not in role admins.",
        assertThrows(ForbiddenException.class, () -> policy.requireAdmin(user("dev")))
            .getMessage());
  }

  @Test
  void noauthSkipsEverythingButTheServerWideSourceTypes() {
    assertTrue(policy.isAllowedClient(Caller.ANONYMOUS));
    assertTrue(policy.isAdmin(Caller.ANONYMOUS));
    policy.checkPermissions(Caller.ANONYMOUS, request("tag", "arches", "s390x ppc64"));
    assertEquals(
        "User unknown not allowed to operate with compose with source_types=pulp.",
        denial(Caller.ANONYMOUS, request("pulp")));
  }

  @Test
  void invalidPolicyFilesAreRefusedWithOdcsMessages() {
    var yaml = new org.yaml.snakeyaml.Yaml();
    assertEquals(
        "allowed_clients must be a dict.",
        assertThrows(
                IllegalArgumentException.class,
                () -> PolicyDocument.parse(yaml.load("allowed_clients: [a]")))
            .getMessage());
    assertEquals(
        "Unknown role admins in allowed_clients.",
        assertThrows(
                IllegalArgumentException.class,
                () -> PolicyDocument.parse(yaml.load("allowed_clients: {admins: {}}")))
            .getMessage());
    assertEquals(
        "allowed_clients['users']['dev']['arches'] is not a list",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    PolicyDocument.parse(
                        yaml.load("allowed_clients: {users: {dev: {arches: x86_64}}}")))
            .getMessage());
  }
}
