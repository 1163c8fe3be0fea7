package io.peakhub.identity.impersonation;

import java.time.Instant;
import java.util.UUID;

/** One "Login as Customer", as the admin APIs show it. */
public record ImpersonationSession(
    UUID id,
    String adminId,
    String adminUsername,
    String userId,
    String username,
    String reason,
    String sourceAddress,
    Instant startedAt,
    Instant expiresAt,
    Instant endedAt,
    String endedHow,
    String endedBy) {

  public boolean active() {
    return endedAt == null;
  }
}
