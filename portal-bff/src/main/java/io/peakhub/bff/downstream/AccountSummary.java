package io.peakhub.bff.downstream;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * billing-service's account summary, as its API and its BalanceChanged.v1 event carry it (read
 * tolerantly); the summary feature keeps it as its read model.
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record AccountSummary(
    UUID accountId,
    String accountNumber,
    String name,
    String currency,
    String status,
    BigDecimal balance,
    BigDecimal creditBalance,
    BigDecimal lastPaymentAmount,
    Instant lastPaymentAt,
    LocalDate lastInvoiceDate,
    Instant asOf) {}
