package io.peakhub.billing.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The header's numbers: account balance (sum of open invoice balances), credit balance, last
 * payment and last invoice. {@code asOf} is when any of them last changed; readers keep the newest.
 * Also the body of the BalanceChanged.v1 event.
 */
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
