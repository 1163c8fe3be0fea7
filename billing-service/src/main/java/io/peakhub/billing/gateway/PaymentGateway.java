package io.peakhub.billing.gateway;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The port to a card/bank processor. The processor holds card data; we hold its tokens. A real
 * processor's adapter implements this; the sandbox behaves like one's test mode.
 *
 * <p>Every charge carries an idempotency key: the processor charges a key at most once and answers
 * a repeated key with the first charge. {@link #lookup} asks what happened to a key whose answer
 * never arrived (a timeout, or a crash of the caller).
 */
public interface PaymentGateway {

  /**
   * The processor's answer. TIMEOUT means no answer came: the charge may or may not have been made.
   */
  enum Outcome {
    SUCCEEDED,
    DECLINED,
    INSUFFICIENT_FUNDS,
    TIMEOUT
  }

  record Charge(Outcome outcome, String reference) {}

  record CardDetails(String brand, String last4, int expMonth, int expYear) {}

  /** What the token stands for, to display; empty when the processor does not know the token. */
  Optional<CardDetails> describe(String cardToken);

  Charge charge(String token, BigDecimal amount, String currency, String idempotencyKey);

  /** The charge made with this key (never TIMEOUT); empty when the processor never received it. */
  Optional<Charge> lookup(String idempotencyKey);
}
