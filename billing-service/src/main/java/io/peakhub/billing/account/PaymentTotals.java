package io.peakhub.billing.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What an account's summary needs from its payments. The payment feature owns those tables and
 * answers this; the account feature names what it needs here, so the arrow runs from payment to
 * account.
 */
public interface PaymentTotals {

  record LastPayment(BigDecimal amount, Instant at) {}

  /** The account's newest succeeded payment; empty when it has none. */
  Optional<LastPayment> lastSucceeded(UUID accountId);
}
