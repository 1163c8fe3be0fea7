package io.peakhub.bff.summary;

import java.util.UUID;

/**
 * The read model holds a newer summary of this account (published in the transaction that stored
 * it).
 */
public record SummaryChanged(UUID accountId) {}
