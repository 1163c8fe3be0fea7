package io.peakhub.gateway.impersonation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * Keycloak's endpoints on WireMock, with tokens signed by a key of this JVM; also stands in for
 * identity-service and portal-bff (whose /api/me echoes the relayed Authorization header).
 */
final class FakeKeycloak {

  static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
  static final String TOKEN_PATH = "/realms/peak/protocol/openid-connect/token";
  static final String LOGOUT_PATH = "/realms/peak/protocol/openid-connect/logout";

  final WireMockServer server = new WireMockServer(options().dynamicPort().globalTemplating(true));
  private final RSAKey key;

  FakeKeycloak() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      var pair = generator.generateKeyPair();
      key =
          new RSAKey.Builder((RSAPublicKey) pair.getPublic())
              .privateKey((RSAPrivateKey) pair.getPrivate())
              .keyID("test-key")
              .algorithm(JWSAlgorithm.RS256)
              .build();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    server.start();
  }

  String url() {
    return server.baseUrl();
  }

  String issuer() {
    return url() + "/realms/peak";
  }

  ClientRegistration registration() {
    return ClientRegistration.withRegistrationId("keycloak")
        .clientId("peak-gateway")
        .clientSecret("secret")
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
        .scope("openid", "profile", "email")
        .authorizationUri(issuer() + "/protocol/openid-connect/auth")
        .tokenUri(url() + TOKEN_PATH)
        .jwkSetUri(issuer() + "/protocol/openid-connect/certs")
        .issuerUri(issuer())
        .userNameAttributeName("preferred_username")
        .providerConfigurationMetadata(Map.of("end_session_endpoint", url() + LOGOUT_PATH))
        .build();
  }

  /**
   * Resets every stub, then serves the realm's keys, the end-session endpoint and the echoing
   * /api/me.
   */
  void reset() {
    server.resetAll();
    server.stubFor(
        get("/realms/peak/protocol/openid-connect/certs")
            .willReturn(okJson(new JWKSet(key.toPublicJWK()).toString())));
    server.stubFor(post(LOGOUT_PATH).willReturn(aResponse().withStatus(204)));
    server.stubFor(
        get("/api/me")
            .willReturn(okJson("{\"authorization\":\"{{request.headers.Authorization}}\"}")));
  }

  String sign(Map<String, Object> claims) {
    var builder =
        new JWTClaimsSet.Builder()
            .issuer(issuer())
            .issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plusSeconds(7200)))
            .jwtID(UUID.randomUUID().toString());
    claims.forEach(builder::claim);
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test-key").build(), builder.build());
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  String accessToken(String id, String username, Map<String, Object> extra, String... roles) {
    var claims =
        new java.util.HashMap<String, Object>(
            Map.of(
                "sub",
                id,
                "preferred_username",
                username,
                "azp",
                "peak-gateway",
                "realm_access",
                Map.of("roles", List.of(roles))));
    claims.putAll(extra);
    return sign(claims);
  }

  String idToken(String id, String username, String nonce, Map<String, Object> extra) {
    var claims =
        new java.util.HashMap<String, Object>(
            Map.of(
                "sub",
                id,
                "preferred_username",
                username,
                "aud",
                List.of("peak-gateway"),
                "azp",
                "peak-gateway",
                "name",
                username.substring(0, 1).toUpperCase() + username.substring(1) + " Example"));
    if (nonce != null) {
      claims.put("nonce", nonce);
    }
    claims.putAll(extra);
    return sign(claims);
  }

  String tokenResponse(String accessToken, String refreshToken, String idToken) {
    return """
        {"access_token":"%s","token_type":"Bearer","expires_in":7200,"refresh_token":"%s","id_token":"%s",
         "scope":"openid profile email"}"""
        .formatted(accessToken, refreshToken, idToken);
  }

  /** The code grant of one login: the ID token must carry the nonce the gateway sent. */
  void answersLogin(String code, String id, String username, String nonce, String... roles) {
    server.stubFor(
        post(TOKEN_PATH)
            .withFormParam("grant_type", equalTo("authorization_code"))
            .withFormParam("code", equalTo(code))
            .willReturn(
                okJson(
                    tokenResponse(
                        accessToken(id, username, Map.of(), roles),
                        "rt-" + username,
                        idToken(id, username, nonce, Map.of())))));
  }
}
