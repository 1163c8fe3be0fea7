package io.peakhub.billing.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

public record BillingAccount(
    UUID id,
    String number,
    String name,
    String currency,
    String status,
    BigDecimal creditBalance,
    Instant updatedAt,
    String locale) {

  public boolean active() {
    return "active".equals(status);
  }

  /** Inactive accounts allow no actions (payments, changes); views still work. */
  public BillingAccount requireActive(String what) {
    if (!active()) {
      throw new io.peakhub.platform.problem.ConflictException(
          "account-inactive", "Account " + number + " is inactive: " + what + ".");
    }
    return this;
  }
}
