package io.peakhub.platform.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Signs Keycloak-shaped access tokens with a key of the test JVM, for services' integration tests
 * (the end-to-end tests use the real Keycloak). Import {@link Decoder} to make a service accept
 * them.
 */
public final class TestJwts {

  public static final String ISSUER = "http://localhost:8180/realms/peak";
  private static final KeyPair KEYS = keyPair();

  private TestJwts() {}

  public static String token(String userId, String username, String... roles) {
    return token(userId, username, Map.of(), roles);
  }

  public static String token(
      String userId, String username, Map<String, Object> extraClaims, String... roles) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(userId)
            .jwtID(UUID.randomUUID().toString())
            .issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plusSeconds(300)))
            .claim("preferred_username", username)
            .claim("realm_access", Map.of("roles", List.of(roles)));
    extraClaims.forEach(claims::claim);
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
      jwt.sign(new RSASSASigner(KEYS.getPrivate()));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token signed by a key nobody trusts: must be refused. */
  public static String forgedToken(String userId, String username, String... roles) {
    KeyPair other = keyPair();
    try {
      JWTClaimsSet claims =
          new JWTClaimsSet.Builder()
              .issuer(ISSUER)
              .subject(userId)
              .expirationTime(Date.from(Instant.now().plusSeconds(300)))
              .claim("preferred_username", username)
              .claim("realm_access", Map.of("roles", List.of(roles)))
              .build();
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
      jwt.sign(new RSASSASigner(other.getPrivate()));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static JwtDecoder decoder() {
    NimbusJwtDecoder decoder =
        NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            new JwtTimestampValidator(), new JwtIssuerValidator(ISSUER)));
    return decoder;
  }

  @TestConfiguration(proxyBeanMethods = false)
  public static class Decoder {
    @Bean
    @Primary
    JwtDecoder testJwtDecoder() {
      return TestJwts.decoder();
    }
  }

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
