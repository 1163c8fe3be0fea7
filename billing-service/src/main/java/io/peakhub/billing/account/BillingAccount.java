package io.peakhub.billing.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

public record BillingAccount(UUID id, String number, String name, String currency, String status,
    BigDecimal creditBalance, Instant updatedAt, String locale) {

  public boolean active() {
    return "active".equals(status);
  }
}
