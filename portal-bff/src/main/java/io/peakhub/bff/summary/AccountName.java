package io.peakhub.bff.summary;

import java.util.UUID;

/** An account's number and name as the read model holds them (for lists naming accounts). */
public record AccountName(UUID accountId, String accountNumber, String name) {}
