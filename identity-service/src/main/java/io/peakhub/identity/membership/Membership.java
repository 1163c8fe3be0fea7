package io.peakhub.identity.membership;

import java.util.UUID;

public record Membership(String userId, UUID accountId, String relation) {}
