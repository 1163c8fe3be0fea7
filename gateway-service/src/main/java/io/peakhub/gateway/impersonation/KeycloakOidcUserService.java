package io.peakhub.gateway.impersonation;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The OIDC user of a browser session, at login and when an admin logs in as a customer: the
 * standard OIDC user plus {@code ROLE_*} for the realm roles, which Keycloak puts only in the
 * access token . The access token is validated against the realm's keys before it is read.
 */
@Component
public class KeycloakOidcUserService
    implements ReactiveOAuth2UserService<OidcUserRequest, OidcUser> {

  private final OidcReactiveOAuth2UserService delegate = new OidcReactiveOAuth2UserService();
  private final Map<String, ReactiveJwtDecoder> decoders = new ConcurrentHashMap<>();

  @Override
  public Mono<OidcUser> loadUser(OidcUserRequest request) {
    ClientRegistration registration = request.getClientRegistration();
    return delegate
        .loadUser(request)
        .zipWith(decoder(registration).decode(request.getAccessToken().getTokenValue()))
        .map(
            userAndToken -> {
              OidcUser user = userAndToken.getT1();
              Set<GrantedAuthority> authorities = new LinkedHashSet<>(user.getAuthorities());
              realmRoles(userAndToken.getT2())
                  .forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r)));
              return new DefaultOidcUser(
                  authorities,
                  user.getIdToken(),
                  user.getUserInfo(),
                  registration
                      .getProviderDetails()
                      .getUserInfoEndpoint()
                      .getUserNameAttributeName());
            });
  }

  static Collection<String> realmRoles(Jwt jwt) {
    if (jwt.getClaims().get("realm_access") instanceof Map<?, ?> access
        && access.get("roles") instanceof Collection<?> roles) {
      return roles.stream().map(Object::toString).toList();
    }
    return Set.of();
  }

  private ReactiveJwtDecoder decoder(ClientRegistration registration) {
    return decoders.computeIfAbsent(
        registration.getRegistrationId(),
        id -> {
          NimbusReactiveJwtDecoder decoder =
              NimbusReactiveJwtDecoder.withJwkSetUri(
                      registration.getProviderDetails().getJwkSetUri())
                  .build();
          decoder.setJwtValidator(
              JwtValidators.createDefaultWithIssuer(
                  registration.getProviderDetails().getIssuerUri()));
          return decoder;
        });
  }
}
