package io.peakhub.subscription.subscription;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs renewals every minute (peakhub.subscription.renewal.interval); off in tests, which call
 * Renewals directly.
 */
@Component
@ConditionalOnProperty(
    name = "peakhub.subscription.renewal.enabled",
    havingValue = "true",
    matchIfMissing = true)
class RenewalSchedule {

  private final Renewals renewals;

  RenewalSchedule(Renewals renewals) {
    this.renewals = renewals;
  }

  @Scheduled(
      fixedDelayString = "${peakhub.subscription.renewal.interval:PT1M}",
      initialDelayString = "PT30S")
  void run() {
    renewals.runDue();
  }
}
