package org.odcsj.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.odcsj.config.OdcsConfig;
import org.odcsj.security.kerberos.LdapGroups;
import org.odcsj.security.kerberos.SpnegoAuthenticator;

/**
 * The caller according to {@code odcs.auth.backend} (spec §6): {@code noauth}, {@code openidc}
 * (MicroProfile JWT bearer tokens), {@code kerberos} (SPNEGO), {@code ssl} (TLS client
 * certificates) or {@code kerberos_or_ssl}. The backend and its settings are checked once at start,
 * so a misconfigured server does not start rather than refusing (or admitting) everyone later.
 */
@ApplicationScoped
public class ConfiguredCallerResolver implements CallerResolver {

  private static final Logger LOG = Logger.getLogger(ConfiguredCallerResolver.class.getName());

  @Inject OdcsConfig config;
  @Inject org.eclipse.microprofile.config.Config mpConfig;

  private AuthBackend backend;
  private OpenIdcIdentity openIdc;
  private SslIdentity ssl;
  private KerberosIdentity kerberos;

  @PostConstruct
  void configure() {
    backend = AuthBackend.parse(config.authBackend());
    TrustedProxies proxies = new TrustedProxies(config.trustedProxies());
    switch (backend) {
      case NOAUTH -> {}
      case OPENIDC -> {
        requireJwtVerification();
        openIdc =
            new OpenIdcIdentity(
                config.openIdcUsernameClaim(),
                config.openIdcRequiredScopes(),
                config.openIdcEndpointScopes());
      }
      case SSL -> ssl = new SslIdentity(proxies);
      case KERBEROS -> kerberos = kerberos(proxies);
      case KERBEROS_OR_SSL -> {
        kerberos = kerberos(proxies);
        ssl = new SslIdentity(proxies);
      }
    }
    LOG.info(
        () ->
            "Authentication backend "
                + backend.wireName()
                + (proxies.isEmpty() ? "" : "; trusted proxies " + config.trustedProxies()));
  }

  /**
   * LDAP groups are optional, but half an LDAP setting is a mistake (ODCS: {@code Invalid
   * configuration for kerberos authentication.}); so is a Kerberos backend that can authenticate
   * nobody (no keytab and no trusted proxy).
   */
  private void requireKerberosSettings(TrustedProxies proxies) {
    LdapGroups.validate(config.ldapServer(), config.ldapGroupBase());
    boolean spnego = config.kerberosKeytab().isPresent() && config.kerberosPrincipal().isPresent();
    if (!spnego && proxies.isEmpty()) {
      throw new IllegalStateException(
          "Invalid configuration for kerberos authentication. Set odcs.auth.kerberos.keytab and"
              + " odcs.auth.kerberos.principal (SPNEGO), or odcs.auth.trusted-proxies.");
    }
  }

  private KerberosIdentity kerberos(TrustedProxies proxies) {
    requireKerberosSettings(proxies);
    KerberosIdentity.Negotiator negotiator;
    if (config.kerberosKeytab().isPresent() && config.kerberosPrincipal().isPresent()) {
      // Logs in to the keytab now: an unreadable keytab stops the start, not the first request.
      SpnegoAuthenticator spnego =
          new SpnegoAuthenticator(
              config.kerberosPrincipal().get(),
              config.kerberosKeytab().get(),
              config.kerberosKrb5Conf());
      negotiator =
          token -> {
            SpnegoAuthenticator.Result result = spnego.acceptToken(token);
            return new KerberosIdentity.Negotiated(result.principal(), result.wwwAuthenticate());
          };
    } else {
      negotiator =
          token -> {
            throw new AuthenticationException(
                "SPNEGO is not configured on this server (odcs.auth.kerberos.keytab).",
                KerberosIdentity.NEGOTIATE);
          };
    }
    Optional<LdapGroups> ldap = LdapGroups.configured(config.ldapServer(), config.ldapGroupBase());
    return new KerberosIdentity(
        negotiator, user -> ldap.map(l -> l.groupsOf(user)).orElse(Set.of()), proxies);
  }

  // Without these, MicroProfile JWT fails every token with a 500 ("No issuer found").
  private void requireJwtVerification() {
    boolean issuer = mpConfig.getOptionalValue("mp.jwt.verify.issuer", String.class).isPresent();
    boolean key =
        mpConfig.getOptionalValue("mp.jwt.verify.publickey.location", String.class).isPresent()
            || mpConfig.getOptionalValue("mp.jwt.verify.publickey", String.class).isPresent();
    if (!issuer || !key) {
      throw new IllegalStateException(
          "Invalid configuration for openidc authentication: set mp.jwt.verify.issuer"
              + " (MP_JWT_VERIFY_ISSUER) and mp.jwt.verify.publickey.location"
              + " (MP_JWT_VERIFY_PUBLICKEY_LOCATION: a PEM or JWKS file or URL).");
    }
  }

  public AuthBackend backend() {
    return backend;
  }

  @Override
  public Caller resolve(HttpServletRequest request) {
    return switch (backend) {
      case NOAUTH -> Caller.ANONYMOUS;
      case OPENIDC -> openIdc.load(request);
      case SSL -> ssl.load(request);
      case KERBEROS -> kerberos.load(request);
      case KERBEROS_OR_SSL ->
          kerberos.present(request) ? kerberos.load(request) : ssl.load(request);
    };
  }
}
