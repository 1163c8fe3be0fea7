package io.peakhub.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Remembers the access tokens that passed verification, until they expire: every request of a
 * session carries the same token, and parsing it and checking its RSA signature was a fifth of
 * portal-bff's CPU per request (JFR, ./hub bench). Keyed by the whole token, so only the exact
 * token that was verified is answered from here; a token past its expiry is verified again (and
 * refused). At most {@code capacity} tokens are kept; when full, it starts over.
 */
final class VerifiedJwts implements JwtDecoder {

  private final JwtDecoder verifier;
  private final Clock clock;
  private final int capacity;
  private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

  VerifiedJwts(JwtDecoder verifier, Clock clock, int capacity) {
    this.verifier = verifier;
    this.clock = clock;
    this.capacity = capacity;
  }

  @Override
  public Jwt decode(String token) {
    Jwt known = verified.get(token);
    if (known != null && unexpired(known)) {
      return known;
    }
    if (known != null) {
      verified.remove(token);
    }
    Jwt jwt = verifier.decode(token);
    if (jwt.getExpiresAt() != null && unexpired(jwt)) {
      if (verified.size() >= capacity) {
        verified.clear();
      }
      verified.put(token, jwt);
    }
    return jwt;
  }

  private boolean unexpired(Jwt jwt) {
    Instant expires = jwt.getExpiresAt();
    return expires != null && clock.instant().isBefore(expires);
  }

  int size() {
    return verified.size();
  }
}
