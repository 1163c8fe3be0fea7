package io.peakhub.identity.membership;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A membership with who made it and when: what {@link Memberships#removeAll} hands back for a
 * restore.
 */
public record MembershipRecord(
    String userId, UUID accountId, String relation, OffsetDateTime createdAt, String createdBy) {}
