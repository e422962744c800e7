package org.odcsj.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * One typed view of every runtime setting. Each key is read through MicroProfile Config, so the
 * environment variable of the same name (ODCS_TARGET_DIR for odcs.target-dir, ...) overrides it.
 * Keys substituted into annotations at deploy time (datasource, connection factory, MDB) are not
 * here: see server-config/ and the README's configuration table.
 */
@ApplicationScoped
public class OdcsConfig {

  @Inject Config config;

  public Path targetDir() {
    return Path.of(string("odcs.target-dir", "/var/lib/odcs/composes")).toAbsolutePath();
  }

  /** The directory of a compose's target dir name ({@code default} or an extra dir's name). */
  public Path targetDirFor(String name) {
    if (name == null || name.equals("default")) {
      return targetDir();
    }
    Path extra = extraTargetDirs().get(name);
    if (extra == null) {
      throw new IllegalStateException("Unknown target dir " + name + " (odcs.extra-target-dirs)");
    }
    return extra.toAbsolutePath();
  }

  /** Base URL under which the target directory is served; always ends with "/". */
  public String targetDirUrl() {
    String url = string("odcs.target-dir-url", "http://localhost:8080/composes/");
    return url.endsWith("/") ? url : url + "/";
  }

  /**
   * The source types any client may ask for unless the policy says otherwise: {@code repo}, the
   * Koji ones ({@code tag}, {@code build}, {@code pungi_compose}) when a Koji hub is set, and
   * {@code module} when MBS is set too.
   */
  public List<String> allowedSourceTypes() {
    List<String> types = new java.util.ArrayList<>(List.of("repo"));
    if (kojiHubUrl().isPresent()) {
      types.addAll(List.of("tag", "build", "pungi_compose"));
      if (mbsUrl().isPresent()) {
        types.add("module");
      }
    }
    if (pulpUrl().isPresent()) {
      types.add("pulp");
    }
    return list("odcs.allowed-source-types", types);
  }

  /**
   * The Module Build Service ({@code odcs.mbs.url}, e.g.
   * https://mbs.fedoraproject.org/module-build-service); with a Koji hub it enables {@code module}
   * composes.
   */
  public Optional<java.net.URI> mbsUrl() {
    return optional("odcs.mbs.url").map(java.net.URI::create);
  }

  /**
   * Pulp 2's server ({@code odcs.pulp.url}, API under /pulp/api/v2/); without it, no pulp source.
   */
  public Optional<java.net.URI> pulpUrl() {
    return optional("odcs.pulp.url").map(java.net.URI::create);
  }

  /** The Basic auth user for Pulp ({@code odcs.pulp.username}). */
  public String pulpUsername() {
    return string("odcs.pulp.username", "");
  }

  /** The Basic auth password for Pulp ({@code odcs.pulp.password}): never logged nor answered. */
  public String pulpPassword() {
    return string("odcs.pulp.password", "");
  }

  /** The command that makes the {@code iso} result's images ({@code odcs.xorriso-command}). */
  public String xorrisoCommand() {
    return string("odcs.xorriso-command", "xorriso");
  }

  /**
   * URL prefixes a request's {@code module_defaults_url} (a git repository) may start with ({@code
   * odcs.module-defaults.allowed-prefixes}); local paths ({@code file://}) only when listed.
   */
  public List<String> moduleDefaultsAllowedPrefixes() {
    return list("odcs.module-defaults.allowed-prefixes", List.of("https://", "http://", "git://"));
  }

  /** Koji's XML-RPC hub ({@code odcs.koji.hub-url}); without it there are no Koji sources. */
  public Optional<java.net.URI> kojiHubUrl() {
    return optional("odcs.koji.hub-url").map(java.net.URI::create);
  }

  /** Time to connect to the Koji hub ({@code odcs.koji.connect-timeout-seconds}). */
  public Duration kojiConnectTimeout() {
    return Duration.ofSeconds(number("odcs.koji.connect-timeout-seconds", 10));
  }

  /** Time for a hub call's answer to start ({@code odcs.koji.read-timeout-seconds}). */
  public Duration kojiReadTimeout() {
    return Duration.ofSeconds(number("odcs.koji.read-timeout-seconds", 120));
  }

  /**
   * Attempts of a hub call while the hub is unreachable or answers 5xx ({@code
   * odcs.koji.attempts}).
   */
  public int kojiAttempts() {
    return (int) Math.max(1, number("odcs.koji.attempts", 4));
  }

  /** Koji's volume, mounted read-only ({@code odcs.koji.topdir}, e.g. /mnt/koji). */
  public Optional<Path> kojiTopdir() {
    return optional("odcs.koji.topdir").map(p -> Path.of(p).toAbsolutePath().normalize());
  }

  /** Koji's volume over HTTP ({@code odcs.koji.topurl}), when it is not mounted. */
  public Optional<java.net.URI> kojiTopurl() {
    return optional("odcs.koji.topurl").map(java.net.URI::create);
  }

  /**
   * Where the metadata read from Koji's immutable RPMs is kept ({@code odcs.rpm-cache.dir}): by
   * default a hidden directory of the target directory, on its filesystem, never served.
   */
  public Path rpmCacheDir() {
    return optional("odcs.rpm-cache.dir")
        .map(Path::of)
        .orElse(targetDir().resolve(".rpm-metadata-cache"))
        .toAbsolutePath();
  }

  /** Entries of the RPM metadata cache unused for this long are removed. */
  public Duration rpmCacheMaxAge() {
    return Duration.ofDays(number("odcs.rpm-cache.max-age-days", 30));
  }

  /**
   * URL prefixes a pungi_compose source may be read from ({@code
   * odcs.pungi-compose.allowed-roots}).
   */
  public List<String> pungiComposeAllowedRoots() {
    return list("odcs.pungi-compose.allowed-roots", List.of());
  }

  private Optional<String> optional(String key) {
    return config.getOptionalValue(key, String.class).filter(s -> !s.isBlank());
  }

  /** Directories a repo source may be under; empty means no local repository is allowed. */
  public List<Path> repoAllowedRoots() {
    return list("odcs.repo.allowed-roots", List.of()).stream()
        .filter(p -> !isUrl(p))
        .map(p -> Path.of(p).toAbsolutePath().normalize())
        .toList();
  }

  /** URL prefixes ({@code http(s)://…}) in {@code odcs.repo.allowed-roots}: remote repo sources. */
  public List<String> repoAllowedUrlPrefixes() {
    return list("odcs.repo.allowed-roots", List.of()).stream().filter(OdcsConfig::isUrl).toList();
  }

  private static boolean isUrl(String root) {
    return root.startsWith("http://") || root.startsWith("https://");
  }

  public long secondsToLive() {
    return number("odcs.seconds-to-live", 86_400);
  }

  public long maxSecondsToLive() {
    return number("odcs.max-seconds-to-live", 259_200);
  }

  public List<String> arches() {
    return list("odcs.arches", List.of("x86_64"));
  }

  public Duration expiryPeriod() {
    return Duration.ofSeconds(Math.max(1, number("odcs.expiry.period-seconds", 60)));
  }

  /**
   * How often each instance records its heartbeat (and looks for composes left generating by a
   * crashed instance). Shorter than the expiry period: an instance is taken for dead after {@link
   * #instanceDeadAfter()}, and its composes wait that long before they are generated again.
   */
  public Duration heartbeatPeriod() {
    return Duration.ofSeconds(Math.max(1, number("odcs.instance.heartbeat-seconds", 10)));
  }

  /** An instance whose last heartbeat is older than this (3 periods) is dead. */
  public Duration instanceDeadAfter() {
    return heartbeatPeriod().multipliedBy(3);
  }

  /**
   * This instance's configured name ({@code odcs.instance.name}); must differ between instances
   * running at the same time, and should stay the same across restarts of one instance.
   */
  public Optional<String> instanceName() {
    return config.getOptionalValue("odcs.instance.name", String.class).filter(s -> !s.isBlank());
  }

  /** Instances the operator runs ({@code celery_workers_expected}). */
  public long expectedInstances() {
    return number("odcs.expected-instances", 1);
  }

  /** The broker queue of generation requests (the MDB's destination). */
  public String generationQueue() {
    return string("odcs.generation.queue", "odcs.compose.generate");
  }

  public Duration generatingMax() {
    return Duration.ofSeconds(number("odcs.generating.max-seconds", 7_200));
  }

  public boolean brokerEmbedded() {
    return config.getOptionalValue("odcs.broker.embedded", Boolean.class).orElse(false);
  }

  /** Artemis connector parameters, e.g. {@code host=127.0.0.1;port=61616}. */
  public String brokerUrl() {
    return string("odcs.broker.url", "host=127.0.0.1;port=61616");
  }

  /** The {@code host=…;port=…} pairs of {@link #brokerUrl()}. */
  public java.util.Map<String, String> brokerParameters() {
    java.util.Map<String, String> map = new java.util.HashMap<>();
    for (String pair : brokerUrl().split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return map;
  }

  public Optional<Path> brokerDataDir() {
    return config.getOptionalValue("odcs.broker.data-dir", String.class).map(Path::of);
  }

  public String authBackend() {
    return string("odcs.auth.backend", "noauth");
  }

  /** OIDC token claim holding the user name ({@code sub} when the token lacks it). */
  public String openIdcUsernameClaim() {
    return string("odcs.auth.openidc.username-claim", "preferred_username");
  }

  /** Scopes every OIDC write request must carry ({@code auth_openidc_required_scopes}). */
  public List<String> openIdcRequiredScopes() {
    return list("odcs.auth.openidc.required-scopes", List.of());
  }

  /** Prefix of the per-endpoint scopes {@code new-compose}, {@code renew-compose}, ... */
  public String openIdcBaseNamespace() {
    return string("odcs.auth.openidc.base-namespace", "https://pagure.io/odcs/");
  }

  /** Whether POST/PATCH/DELETE need their ODCS scope in the token (ODCS always checks). */
  public boolean openIdcEndpointScopes() {
    return config.getOptionalValue("odcs.auth.openidc.endpoint-scopes", Boolean.class).orElse(true);
  }

  /** Addresses of front proxies whose identity headers are believed. */
  public List<String> trustedProxies() {
    return list("odcs.auth.trusted-proxies", List.of());
  }

  /** Service principal of the SPNEGO acceptor, e.g. {@code HTTP/odcs.example.com@EXAMPLE.COM}. */
  public Optional<String> kerberosPrincipal() {
    return config.getOptionalValue("odcs.auth.kerberos.principal", String.class);
  }

  public Optional<Path> kerberosKeytab() {
    return config.getOptionalValue("odcs.auth.kerberos.keytab", String.class).map(Path::of);
  }

  /** krb5.conf for the JVM's Kerberos (else the JDK's default lookup, /etc/krb5.conf). */
  public Optional<Path> kerberosKrb5Conf() {
    return config.getOptionalValue("odcs.auth.kerberos.krb5-conf", String.class).map(Path::of);
  }

  /** LDAP URL for the groups of Kerberos users ({@code auth_ldap_server}). */
  public Optional<String> ldapServer() {
    return config.getOptionalValue("odcs.auth.ldap.server", String.class);
  }

  /** Base of the group search ({@code auth_ldap_group_base}). */
  public Optional<String> ldapGroupBase() {
    return config.getOptionalValue("odcs.auth.ldap.group-base", String.class);
  }

  /** YAML or JSON file with {@code allowed_clients} and {@code admins} (ODCS structure). */
  public Optional<Path> authPolicyFile() {
    return config.getOptionalValue("odcs.auth.policy-file", String.class).map(Path::of);
  }

  /** Default sigkeys of new composes. */
  public List<String> sigkeys() {
    return list("odcs.sigkeys", List.of());
  }

  /**
   * Server-wide fallback of a permission attribute ({@code sources}, {@code flags}, ...): the
   * values a user or group without its own entry may use; {@code *} means anything.
   */
  public List<String> allowed(String attribute, List<String> fallback) {
    List<String> values = list("odcs.allowed-" + attribute, fallback);
    return values.equals(List.of("*")) ? List.of("") : values;
  }

  /** {@code raw_config_urls} as the JSON object ODCS uses (empty object when unset). */
  public String rawConfigUrlsJson() {
    return string("odcs.raw-config-urls", "{}");
  }

  /** The Pungi command a {@code raw_config} compose runs ({@code odcs.pungi.koji-command}). */
  public String pungiKojiCommand() {
    return string("odcs.pungi.koji-command", "pungi-koji");
  }

  /** Arguments added to every Pungi command ({@code odcs.pungi.koji-args}, space separated). */
  public List<String> pungiKojiArgs() {
    return words("odcs.pungi.koji-args");
  }

  /**
   * Per raw config arguments replacing {@link #pungiKojiArgs()} ({@code
   * odcs.raw-config.pungi-koji-args}, a JSON object name → list of arguments).
   */
  public String rawConfigPungiKojiArgsJson() {
    return string("odcs.raw-config.pungi-koji-args", "{}");
  }

  /** Seconds a Pungi run may take unless its raw config says ({@code odcs.pungi.timeout}). */
  public long pungiTimeoutSeconds() {
    return number("odcs.pungi.timeout", 3_600);
  }

  /** {@code pungi-config-validate}, run before Pungi when set. */
  public Optional<String> pungiConfigValidateCommand() {
    return optional("odcs.pungi.config-validate-command");
  }

  /** A schema override every raw config is validated with ({@code raw_config_schema_override}). */
  public Optional<String> rawConfigSchemaOverride() {
    return optional("odcs.raw-config.schema-override");
  }

  /** The wrapper template every raw config gets unless its entry names one. */
  public Optional<Path> rawConfigWrapper() {
    return optional("odcs.raw-config.wrapper").map(Path::of);
  }

  /**
   * The command that makes the {@code boot.iso} result ({@code odcs.lorax-command}); without it a
   * request for {@code boot.iso} is refused.
   */
  public Optional<String> loraxCommand() {
    return optional("odcs.lorax-command");
  }

  /** {@code extra_target_dirs}: name → directory, from {@code name=path,name2=path2}. */
  public java.util.Map<String, Path> extraTargetDirs() {
    java.util.Map<String, Path> dirs = new java.util.LinkedHashMap<>();
    for (String entry : list("odcs.extra-target-dirs", List.of())) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        dirs.put(entry.substring(0, eq), Path.of(entry.substring(eq + 1)));
      }
    }
    return dirs;
  }

  public List<String> baseModuleNames() {
    return list("odcs.base-module-names", List.of("platform", "bootstrap"));
  }

  /** The topic (Artemis multicast address) of state-changed events. */
  public String stateChangedTopic() {
    return string("odcs.messaging.topic", "odcs.compose.state-changed");
  }

  public int maxPerPage() {
    return (int) number("odcs.max-per-page", 100);
  }

  /** Largest request body the API reads; a larger one is answered 413 without being read. */
  public long maxBodyBytes() {
    return number("odcs.api.max-body-bytes", 1 << 20);
  }

  private String string(String key, String fallback) {
    return config.getOptionalValue(key, String.class).orElse(fallback);
  }

  private long number(String key, long fallback) {
    return config.getOptionalValue(key, Long.class).orElse(fallback);
  }

  private List<String> words(String key) {
    return config
        .getOptionalValue(key, String.class)
        .map(
            v -> java.util.Arrays.stream(v.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList())
        .orElse(List.of());
  }

  private List<String> list(String key, List<String> fallback) {
    return config
        .getOptionalValue(key, String.class)
        .map(
            v ->
                java.util.Arrays.stream(v.split("[,\\s]+"))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList())
        .orElse(fallback);
  }
}
