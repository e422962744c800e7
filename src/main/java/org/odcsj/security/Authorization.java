package org.odcsj.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.odcsj.config.OdcsConfig;

/**
 * The server's access policy: the policy file ({@code odcs.auth.policy-file}) plus the server-wide
 * fallbacks ({@code odcs.allowed-*}), loaded once at start. An invalid file fails the start with
 * ODCS's message rather than running with a policy nobody meant.
 */
@ApplicationScoped
public class Authorization {

  private static final Logger LOG = Logger.getLogger(Authorization.class.getName());

  @Inject OdcsConfig config;

  private PolicyDocument document;
  private AccessPolicy policy;

  @PostConstruct
  void load() {
    document =
        config
            .authPolicyFile()
            .map(
                file -> {
                  try {
                    return PolicyDocument.read(file);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                })
            .orElse(PolicyDocument.EMPTY);
    Map<String, List<String>> fallbacks = new LinkedHashMap<>();
    fallbacks.put("source_types", config.allowedSourceTypes());
    fallbacks.put("sources", config.allowed("sources", List.of("")));
    fallbacks.put(
        "flags",
        config.allowed(
            "flags",
            Arrays.stream(org.odcsj.compose.ComposeFlag.values())
                .map(org.odcsj.compose.ComposeFlag::wireName)
                .toList()));
    fallbacks.put(
        "results",
        config.allowed(
            "results",
            Arrays.stream(org.odcsj.compose.ComposeResult.values())
                .map(org.odcsj.compose.ComposeResult::wireName)
                .toList()));
    fallbacks.put("arches", config.allowed("arches", List.of("x86_64")));
    fallbacks.put("compose_types", config.allowed("compose-types", List.of("")));
    fallbacks.put("target_dirs", config.allowed("target-dirs", List.of()));
    fallbacks.put(
        "raw_config_keys",
        List.copyOf(org.odcsj.config.RawConfigUrls.parse(config.rawConfigUrlsJson()).keySet()));
    policy =
        new AccessPolicy(
            document.clientUsers(),
            document.clientGroups(),
            document.adminUsers(),
            document.adminGroups(),
            fallbacks);
    LOG.info(
        () ->
            "Access policy: "
                + document.clientUsers().size()
                + " client users, "
                + document.clientGroups().size()
                + " client groups, "
                + (document.adminUsers().size() + document.adminGroups().size())
                + " admin entries; source types "
                + config.allowedSourceTypes());
  }

  /**
   * The OIDC scope check of a write endpoint (openidc only, spec §6.3): the token must carry {@code
   * <base namespace><scope>}.
   */
  public void requireScope(Caller caller, String scope) {
    if (caller.scopes() != null
        && config.openIdcEndpointScopes()
        && !caller.scopes().contains(config.openIdcBaseNamespace() + scope)) {
      throw new ForbiddenException("Request does not have required scope " + scope);
    }
  }

  public AccessPolicy policy() {
    return policy;
  }

  /** {@code allowed_clients} as configured, for {@code /api/1/about/}. */
  public Map<String, Object> allowedClients() {
    return document.allowedClients();
  }
}
