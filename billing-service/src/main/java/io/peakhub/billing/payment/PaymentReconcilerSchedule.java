package io.peakhub.billing.payment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the reconciler at start-up (a crash between charge and settlement heals on restart), then
 * every interval.
 */
@Component
@ConditionalOnProperty(
    name = "peakhub.payments.reconciler.enabled",
    havingValue = "true",
    matchIfMissing = true)
class PaymentReconcilerSchedule {

  private static final Logger log = LoggerFactory.getLogger(PaymentReconcilerSchedule.class);

  private final PaymentReconciler reconciler;

  PaymentReconcilerSchedule(PaymentReconciler reconciler) {
    this.reconciler = reconciler;
  }

  @Scheduled(
      initialDelayString = "${peakhub.payments.reconciler.initial-delay:PT0S}",
      fixedDelayString = "${peakhub.payments.reconciler.interval:PT30S}")
  void tick() {
    try {
      int finished = reconciler.reconcile();
      if (finished > 0) {
        log.info("payment reconciler: {} pending payment(s) settled or failed", finished);
      }
    } catch (RuntimeException e) {
      log.warn("payment reconciler: pass failed, next pass retries: {}", e.toString());
    }
  }
}
