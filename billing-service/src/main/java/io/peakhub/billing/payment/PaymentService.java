package io.peakhub.billing.payment;

import io.peakhub.billing.gateway.PaymentGateway;
import io.peakhub.platform.problem.ProblemException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Pays the way card processors expect: record the payment as pending and commit ({@link
 * PaymentRequests}), charge it with the payment's own idempotency key outside any transaction
 * ({@link ProcessorCharges}), then settle or fail it in a second transaction ({@link
 * PaymentSettlement}). When the processor gives no answer the payment stays pending and {@link
 * PaymentReconciler} finishes it; a retry with the same Idempotency-Key never charges again: it
 * answers the payment, asking the processor first when it is still pending.
 */
@Service
class PaymentService {

  private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

  /**
   * The payment (pending, succeeded or failed), whether this call replayed an earlier one, and the
   * problem to answer if it failed.
   */
  record Outcome(PaymentView payment, boolean replayed, ProblemException failure) {

    boolean pending() {
      return "pending".equals(payment.status());
    }
  }

  private final PaymentRequests requests;
  private final ProcessorCharges charges;
  private final PaymentSettlement settlement;
  private final PaymentReconciler reconciler;
  private final PaymentRepository payments;
  private final PaymentViews views;

  PaymentService(
      PaymentRequests requests,
      ProcessorCharges charges,
      PaymentSettlement settlement,
      PaymentReconciler reconciler,
      PaymentRepository payments,
      PaymentViews views) {
    this.requests = requests;
    this.charges = charges;
    this.settlement = settlement;
    this.reconciler = reconciler;
    this.payments = payments;
    this.views = views;
  }

  public Outcome pay(UUID accountId, String idempotencyKey, PayCommand command) {
    PaymentRequests.Recorded recorded = requests.record(accountId, idempotencyKey, command);
    UUID id = recorded.payment().id();
    if (!recorded.created()) {
      return replay(id);
    }
    try {
      var p = recorded.payment();
      PaymentGateway.Charge charge = charges.charge(id, recorded.token(), p.amount(), p.currency());
      finish(id, charge);
    } finally {
      charges.done(id);
    }
    return outcome(id, false);
  }

  /**
   * Applies the processor's answer; on no answer (or a settlement that could not run) the payment
   * stays pending.
   */
  private void finish(UUID id, PaymentGateway.Charge charge) {
    try {
      switch (charge.outcome()) {
        case SUCCEEDED -> settlement.settle(id, charge.reference());
        case DECLINED -> settlement.fail(id, "card_declined", charge.reference());
        case INSUFFICIENT_FUNDS -> settlement.fail(id, "insufficient_funds", charge.reference());
        case TIMEOUT ->
            log.info("payment {}: no answer from the processor, pending until reconciled", id);
      }
    } catch (RuntimeException e) {
      log.error(
          "payment {}: the processor answered {} but settling failed; pending until reconciled",
          id,
          charge.outcome(),
          e);
    }
  }

  /**
   * A retry: the payment as it is, after waiting for a charge still running here, or asking the
   * processor.
   */
  private Outcome replay(UUID id) {
    charges.awaitInFlight(id);
    var payment = payments.find(id).orElseThrow();
    if (payment.pending()) {
      try {
        reconciler.resolve(payment);
      } catch (RuntimeException e) {
        log.warn("payment {}: could not be resolved on retry, still pending: {}", id, e.toString());
      }
    }
    return outcome(id, true);
  }

  private Outcome outcome(UUID id, boolean replayed) {
    var payment = payments.find(id).orElseThrow();
    return new Outcome(
        views.of(payment),
        replayed,
        payment.failureReason() == null ? null : failure(payment.failureReason()));
  }

  private static ProblemException failure(String reason) {
    return switch (reason) {
      case "card_declined" ->
          new ProblemException(
              HttpStatus.PAYMENT_REQUIRED,
              "card-declined",
              "The card was declined. Use another payment method.");
      case "insufficient_funds" ->
          new ProblemException(
              HttpStatus.PAYMENT_REQUIRED,
              "insufficient-funds",
              "The card has insufficient funds. Use another payment method or a smaller amount.");
      case "not_charged" ->
          new ProblemException(
              HttpStatus.BAD_GATEWAY,
              "payment-not-charged",
              "The payment processor never received this payment; nothing was charged. Try again with a new Idempotency-Key.");
      // payments failed before pending payments existed (a timeout was then taken as no charge)
      default ->
          new ProblemException(
              HttpStatus.GATEWAY_TIMEOUT,
              "gateway-timeout",
              "The payment processor did not answer in time; nothing was charged. Try again with a new Idempotency-Key.");
    };
  }
}
