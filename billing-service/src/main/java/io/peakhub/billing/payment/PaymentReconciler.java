package io.peakhub.billing.payment;

import io.peakhub.billing.gateway.PaymentGateway;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Finishes payments left pending: the processor did not answer in time, or billing stopped between
 * the charge and its settlement. It asks the processor what it did with the payment's key and
 * settles or fails the payment. A key the processor never received is failed only once the payment
 * is older than {@code unknown-after} (longer than any processor call takes), so a charge still on
 * its way is not mistaken for none. A payment this instance is charging right now is left to the
 * request that charges it. Running it again, or on several instances at once, changes nothing more.
 */
@Service
public class PaymentReconciler {

  private static final Logger log = LoggerFactory.getLogger(PaymentReconciler.class);

  private final PaymentRepository payments;
  private final ProcessorCharges charges;
  private final PaymentSettlement settlement;
  private final Clock clock;
  private final Duration unknownAfter;
  private final int batchSize;

  PaymentReconciler(
      PaymentRepository payments,
      ProcessorCharges charges,
      PaymentSettlement settlement,
      Clock clock,
      @Value("${peakhub.payments.reconciler.unknown-after:PT2M}") Duration unknownAfter,
      @Value("${peakhub.payments.reconciler.batch-size:100}") int batchSize) {
    this.payments = payments;
    this.charges = charges;
    this.settlement = settlement;
    this.clock = clock;
    this.unknownAfter = unknownAfter;
    this.batchSize = batchSize;
  }

  /** One pass over the pending payments, oldest first; answers how many it settled or failed. */
  public int reconcile() {
    int finished = 0;
    for (PaymentRepository.StoredPayment payment : payments.pending(batchSize)) {
      if (resolve(payment)) {
        finished++;
      }
    }
    return finished;
  }

  /**
   * Settles or fails one pending payment from the processor's record of it; false when it stays
   * pending.
   */
  boolean resolve(PaymentRepository.StoredPayment payment) {
    if (charges.charging(payment.id())) {
      return false;
    }
    Optional<PaymentGateway.Charge> charge;
    try {
      charge = charges.lookup(payment.id());
    } catch (RuntimeException e) {
      log.warn(
          "payment {} stays pending: the processor could not be asked ({})",
          payment.id(),
          e.toString());
      return false;
    }
    if (charge.isEmpty()) {
      if (payment.createdAt().plus(unknownAfter).isAfter(clock.instant())) {
        return false;
      }
      log.info("payment {}: the processor never received it, failed as not charged", payment.id());
      return settlement.fail(payment.id(), "not_charged", null);
    }
    boolean finished =
        switch (charge.get().outcome()) {
          case SUCCEEDED -> settlement.settle(payment.id(), charge.get().reference());
          case DECLINED -> settlement.fail(payment.id(), "card_declined", charge.get().reference());
          case INSUFFICIENT_FUNDS ->
              settlement.fail(payment.id(), "insufficient_funds", charge.get().reference());
          case TIMEOUT -> false;
        };
    if (finished) {
      log.info(
          "payment {} reconciled from the processor's record: {}",
          payment.id(),
          charge.get().outcome());
    }
    return finished;
  }
}
