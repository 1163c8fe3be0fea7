package io.peakhub.billing.payment;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * Pays with a saved method (paymentMethodId, else the default) or a new card used once (cardToken).
 */
record PayCommand(
    BigDecimal amount,
    String currency,
    UUID paymentMethodId,
    String cardToken,
    List<PaymentAllocator.Allocation> invoices,
    boolean overpayToCredit) {

  /** What a retry must repeat to be the same payment; its hash is stored with the payment. */
  String fingerprint() {
    // fields added later only appear when set, so keys of earlier payments still match
    StringBuilder sb =
        new StringBuilder(amount.stripTrailingZeros().toPlainString())
            .append('|')
            .append(currency)
            .append('|')
            .append(paymentMethodId)
            .append('|')
            .append(overpayToCredit);
    if (cardToken != null) {
      sb.append("|card=").append(cardToken);
    }
    if (invoices != null) {
      invoices.forEach(
          a ->
              sb.append('|')
                  .append(a.invoiceId())
                  .append('=')
                  .append(a.amount().stripTrailingZeros().toPlainString()));
    }
    return sb.toString();
  }
}
