package io.peakhub.bff.header;

import io.peakhub.bff.downstream.AccountSummary;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The header every screen shows: account name, account balance, and whether Pay Invoice is offered.
 */
record HeaderView(
    UUID accountId,
    String accountNumber,
    String accountName,
    String currency,
    BigDecimal balance,
    BigDecimal creditBalance,
    BigDecimal lastPaymentAmount,
    Instant lastPaymentAt,
    boolean canPay,
    Instant asOf) {

  /** {@code mayPay}: the profile grants create in Pay Invoice. */
  static HeaderView of(AccountSummary s, boolean mayPay) {
    return new HeaderView(
        s.accountId(),
        s.accountNumber(),
        s.name(),
        s.currency(),
        s.balance(),
        s.creditBalance(),
        s.lastPaymentAmount(),
        s.lastPaymentAt(),
        mayPay && "active".equals(s.status()) && s.balance().signum() > 0,
        s.asOf());
  }
}
