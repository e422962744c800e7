package org.odcsj.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The server configuration of the black-box tests: the allowed_clients/admins fixture of the
 * upstream ODCS view tests (spec §5.3), raw config URLs and an extra target directory.
 *
 * <p>One adaptation: the server-wide fallback {@code allowed-source-types} also includes {@code
 * repo} (the end-to-end tests compose local repositories), so user {@code dev} lists its source
 * types explicitly to keep the upstream behaviour that {@code dev} may not use {@code repo}.
 */
public final class TestPolicy {

  public static final String POLICY_YAML =
      String.join(
          "\n",
          "allowed_clients:",
          "  groups:",
          "    composer: {}",
          "    dev2: {source_types: [module]}",
          "    dev3: {source_types: [raw_config]}",
          "  users:",
          "    dev: {arches: [ppc64, s390, x86_64], source_types: [tag, module, build]}",
          "    dev2: {source_types: [module, raw_config], compose_types: [test, nightly]}",
          "    dev3: {source_types: [tag], target_dirs: [releng-private]}",
          "    dev4: {source_types: [raw_config], raw_config_keys: [pungi_cfg2]}",
          "    pulp-dev: {source_types: [pulp]}",
          "admins:",
          "  groups: [admin]",
          "  users: [root]",
          "");

  /**
   * The policy tests' raw configs. Their repositories are paths absent from every machine, so the
   * composes those tests leave behind fail at once: a URL off the machine would hold a generation
   * slot for the clone timeout wherever outgoing connections are dropped, and later tests would
   * wait.
   */
  public static final String RAW_CONFIG_URLS =
      "{\"pungi_cfg\": {\"url\": \"file:///nonexistent/odcs-it/pungi-cfg.git\", \"config_filename\":"
          + " \"pungi.conf\"}, \"pungi_cfg2\": {\"url\":"
          + " \"file:///nonexistent/odcs-it/pungi-cfg2.git\", \"config_filename\": \"pungi.conf\"}}";

  private TestPolicy() {}

  static void configure(Map<String, String> env, Path dir, boolean alt) throws IOException {
    Path policy = Files.writeString(dir.resolve("policy.yaml"), POLICY_YAML);
    Path extraDir = Files.createDirectories(dir.resolve("releng-private"));
    env.put("ODCS_AUTH_POLICY_FILE", policy.toString());
    env.put("ODCS_ALLOWED_SOURCE_TYPES", "tag,module,build,repo,pungi_compose");
    env.put("ODCS_EXTRA_TARGET_DIRS", "releng-private=" + extraDir);
    if (alt) {
      env.put("ODCS_SIGKEYS", "x,y");
    } else {
      env.put("ODCS_RAW_CONFIG_URLS", RAW_CONFIG_URLS);
    }
  }
}
