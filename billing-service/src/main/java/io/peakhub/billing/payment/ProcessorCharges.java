package io.peakhub.billing.payment;

import io.peakhub.billing.gateway.PaymentGateway;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Calls the processor, never inside a database transaction (no locks held while a remote system
 * thinks), with an idempotency key derived from the payment: every attempt for one payment, and
 * every question about it, uses the same key, so the processor charges it at most once.
 *
 * <p>It also remembers which payments this instance is charging right now, so a retry that arrives
 * meanwhile waits for that answer instead of answering "pending" a moment too early.
 */
@Component
class ProcessorCharges {

  private static final Logger log = LoggerFactory.getLogger(ProcessorCharges.class);

  private final PaymentGateway gateway;
  private final Duration retryWait;
  private final Map<UUID, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

  ProcessorCharges(
      PaymentGateway gateway, @Value("${peakhub.payments.retry-wait:PT10S}") Duration retryWait) {
    this.gateway = gateway;
    this.retryWait = retryWait;
  }

  /** The processor's idempotency key of a payment: the same for its whole life. */
  static String processorKey(UUID paymentId) {
    return "peakhub-pay-" + paymentId;
  }

  /**
   * In the transaction that records the payment: from its commit on, retries here wait for {@link
   * #charge}.
   */
  void expect(UUID paymentId) {
    inFlight.put(paymentId, new CompletableFuture<>());
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            if (status != STATUS_COMMITTED) {
              done(paymentId);
            }
          }
        });
  }

  /**
   * The processor's answer; TIMEOUT when it gave none (also when the call itself failed: the
   * outcome is unknown).
   */
  PaymentGateway.Charge charge(UUID paymentId, String token, BigDecimal amount, String currency) {
    requireNoTransaction();
    try {
      return gateway.charge(token, amount, currency, processorKey(paymentId));
    } catch (RuntimeException e) {
      log.warn(
          "processor call for payment {} failed, outcome unknown until reconciled: {}",
          paymentId,
          e.toString());
      return new PaymentGateway.Charge(PaymentGateway.Outcome.TIMEOUT, null);
    }
  }

  /**
   * What the processor did with this payment's key; empty when it never received it. Throws when it
   * cannot be asked.
   */
  Optional<PaymentGateway.Charge> lookup(UUID paymentId) {
    requireNoTransaction();
    return gateway.lookup(processorKey(paymentId));
  }

  /** The charge of this payment has been answered (or not) and settled (or left pending). */
  void done(UUID paymentId) {
    CompletableFuture<Void> waiting = inFlight.remove(paymentId);
    if (waiting != null) {
      waiting.complete(null);
    }
  }

  /** Whether this instance is charging the payment right now: its request will settle it. */
  boolean charging(UUID paymentId) {
    return inFlight.containsKey(paymentId);
  }

  /** Waits, up to the configured time, while this instance is still charging the payment. */
  void awaitInFlight(UUID paymentId) {
    CompletableFuture<Void> waiting = inFlight.get(paymentId);
    if (waiting == null) {
      return;
    }
    try {
      waiting.get(retryWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // still charging: the caller answers pending
    }
  }

  private static void requireNoTransaction() {
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException(
          "the processor is never called inside a database transaction");
    }
  }
}
