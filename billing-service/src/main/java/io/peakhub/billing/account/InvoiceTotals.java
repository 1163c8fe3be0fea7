package io.peakhub.billing.account;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * What an account's summary needs from its invoices. The invoice feature owns that table and
 * answers this; the account feature names what it needs here, so the arrow runs from invoice to
 * account.
 */
public interface InvoiceTotals {

  /** The sum of the balances of the account's invoices that are not void (zero when none). */
  BigDecimal openBalance(UUID accountId);

  /** The newest invoice date of the account's invoices, void ones too; empty when it has none. */
  Optional<LocalDate> lastInvoiceDate(UUID accountId);
}
