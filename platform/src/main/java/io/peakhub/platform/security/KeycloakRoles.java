package io.peakhub.platform.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Maps Keycloak's {@code realm_access.roles} claim to {@code ROLE_*} authorities; nothing else. */
public final class KeycloakRoles implements Converter<Jwt, AbstractAuthenticationToken> {

  public static final String CUSTOMER = "customer";
  public static final String ACCOUNT_EXECUTIVE = "account_executive";
  public static final String SUCCESS_AGENT = "success_agent";
  public static final String ADMIN = "admin";

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    return new JwtAuthenticationToken(
        jwt, authorities(jwt), jwt.getClaimAsString("preferred_username"));
  }

  public static Collection<GrantedAuthority> authorities(Jwt jwt) {
    return roles(jwt).stream()
        .<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r))
        .toList();
  }

  public static List<String> roles(Jwt jwt) {
    Object realmAccess = jwt.getClaims().get("realm_access");
    if (!(realmAccess instanceof Map<?, ?> map)
        || !(map.get("roles") instanceof Collection<?> roles)) {
      return List.of();
    }
    return roles.stream().filter(String.class::isInstance).map(String.class::cast).toList();
  }
}
