package io.peakhub.billing.gateway;

import java.math.BigDecimal;

/**
 * The port to a card/bank processor. The processor holds card data; we hold its tokens. A real
 * processor's adapter implements this; the sandbox behaves like one's test mode.
 */
public interface PaymentGateway {

  enum Outcome { SUCCEEDED, DECLINED, INSUFFICIENT_FUNDS, TIMEOUT }

  record Charge(Outcome outcome, String reference) {}

  record CardDetails(String brand, String last4, int expMonth, int expYear) {}

  /** What the token stands for, to display; empty when the processor does not know the token. */
  java.util.Optional<CardDetails> describe(String cardToken);

  Charge charge(String token, BigDecimal amount, String currency, String idempotencyKey);
}
