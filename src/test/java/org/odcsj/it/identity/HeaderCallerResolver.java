package org.odcsj.it.identity;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.odcsj.security.Caller;
import org.odcsj.security.CallerResolver;
import org.odcsj.security.ConfiguredCallerResolver;

/**
 * TEST ONLY — added to the WAR the integration tests deploy, never to the shipped one: takes the
 * caller from {@code X-Test-User} / {@code X-Test-Groups} (comma-separated), as an authenticated
 * user to whom the allowed_clients/admins policy applies. Without the header, the configured
 * backend decides (noauth in the tests).
 */
@Alternative
@Priority(1000)
@ApplicationScoped
public class HeaderCallerResolver implements CallerResolver {

  public static final String USER_HEADER = "X-Test-User";
  public static final String GROUPS_HEADER = "X-Test-Groups";

  @Inject ConfiguredCallerResolver configured;

  @Override
  public Caller resolve(HttpServletRequest request) {
    String user = request.getHeader(USER_HEADER);
    if (user == null || user.isBlank()) {
      return configured.resolve(request);
    }
    String groups = request.getHeader(GROUPS_HEADER);
    Set<String> groupSet =
        groups == null
            ? Set.of()
            : Arrays.stream(groups.split(","))
                .map(String::trim)
                .filter(g -> !g.isEmpty())
                .collect(Collectors.toSet());
    return new Caller(user, groupSet, false);
  }
}
