package io.peakhub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedJwtsTest {

  static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

  /** Verifies "good-*" tokens (expiring at NOW + 5 min), refuses the rest; counts its calls. */
  static final class Verifier implements JwtDecoder {
    final List<String> asked = new ArrayList<>();

    @Override
    public Jwt decode(String token) {
      asked.add(token);
      if (!token.startsWith("good-")) {
        throw new BadJwtException("bad signature");
      }
      return Jwt.withTokenValue(token)
          .header("alg", "RS256")
          .subject(token)
          .issuedAt(NOW)
          .expiresAt(NOW.plusSeconds(300))
          .build();
    }
  }

  Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  @Test
  void aTokenVerifiedOnceIsAnsweredFromMemoryUntilItExpires() {
    Verifier verifier = new Verifier();
    VerifiedJwts jwts = new VerifiedJwts(verifier, at(NOW.plusSeconds(10)), 100);

    assertThat(jwts.decode("good-a").getSubject()).isEqualTo("good-a");
    assertThat(jwts.decode("good-a").getSubject()).isEqualTo("good-a");
    assertThat(jwts.decode("good-b").getSubject()).isEqualTo("good-b");
    assertThat(verifier.asked).containsExactly("good-a", "good-b");

    // after its expiry the token goes to the verifier again
    VerifiedJwts later = new VerifiedJwts(verifier, at(NOW.plusSeconds(301)), 100);
    later.decode("good-a");
    assertThat(verifier.asked).containsExactly("good-a", "good-b", "good-a");
  }

  @Test
  void aRefusedTokenIsNeverRememberedAndRefusedEveryTime() {
    Verifier verifier = new Verifier();
    VerifiedJwts jwts = new VerifiedJwts(verifier, at(NOW), 100);
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> jwts.decode("forged")).isInstanceOf(BadJwtException.class);
    }
    assertThat(verifier.asked).containsExactly("forged", "forged");
    assertThat(jwts.size()).isZero();
  }

  @Test
  void itHoldsAtMostItsCapacity() {
    VerifiedJwts jwts = new VerifiedJwts(new Verifier(), at(NOW), 3);
    for (int i = 0; i < 10; i++) {
      jwts.decode("good-" + i);
      assertThat(jwts.size()).isLessThanOrEqualTo(3);
    }
  }
}
