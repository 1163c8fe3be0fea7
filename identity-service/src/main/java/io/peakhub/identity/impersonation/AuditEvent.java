package io.peakhub.identity.impersonation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One line of the audit trail: who (the user acted as), the acting admin when it was an
 * impersonation.
 */
public record AuditEvent(
    UUID id,
    Instant at,
    String action,
    String userId,
    String username,
    String actingAdmin,
    List<UUID> accountIds,
    UUID sessionId,
    String detail,
    String sourceAddress) {}
