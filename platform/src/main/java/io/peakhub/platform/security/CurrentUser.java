package io.peakhub.platform.security;

import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, read from the validated access token: the user's id ({@code sub}), login name,
 * realm roles, and the admin acting for them when an admin is logged in as this user.
 */
public record CurrentUser(
    String id, String username, List<String> roles, String impersonatorId, String token) {

  public static CurrentUser get() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (!(auth instanceof JwtAuthenticationToken jwtAuth)) {
      throw new IllegalStateException("no authenticated user on this thread");
    }
    Jwt jwt = jwtAuth.getToken();
    String impersonator = null;
    if (jwt.getClaims().get("impersonator") instanceof Map<?, ?> m && m.get("id") != null) {
      impersonator = m.get("id").toString();
    }
    return new CurrentUser(
        jwt.getSubject(),
        jwt.getClaimAsString("preferred_username"),
        KeycloakRoles.roles(jwt),
        impersonator,
        jwt.getTokenValue());
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}
