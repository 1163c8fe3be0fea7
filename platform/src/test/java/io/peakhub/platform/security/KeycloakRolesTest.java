package io.peakhub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class KeycloakRolesTest {

  private static Jwt jwt(Map<String, Object> claims) {
    Jwt.Builder b =
        Jwt.withTokenValue("t")
            .header("alg", "RS256")
            .subject("u1")
            .issuedAt(Instant.now())
            .expiresAt(Instant.now().plusSeconds(60))
            .claim("preferred_username", "alice");
    claims.forEach(b::claim);
    return b.build();
  }

  @Test
  void realmRolesBecomeRoleAuthorities() {
    var auth =
        new KeycloakRoles()
            .convert(jwt(Map.of("realm_access", Map.of("roles", List.of("customer", "admin")))));
    assertThat(auth.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactlyInAnyOrder("ROLE_customer", "ROLE_admin");
    assertThat(auth.getName()).isEqualTo("alice");
  }

  @Test
  void tokenWithoutRealmAccessHasNoAuthorities() {
    assertThat(new KeycloakRoles().convert(jwt(Map.of("scope", "openid"))).getAuthorities())
        .isEmpty();
  }

  @Test
  void clientRolesAreNotRealmRoles() {
    var auth =
        new KeycloakRoles()
            .convert(
                jwt(
                    Map.of(
                        "resource_access",
                            Map.of("realm-management", Map.of("roles", List.of("admin"))),
                        "realm_access", Map.of("roles", List.of("customer")))));
    assertThat(auth.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactly("ROLE_customer");
  }
}
