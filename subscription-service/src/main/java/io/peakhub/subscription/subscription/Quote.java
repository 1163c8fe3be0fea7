package io.peakhub.subscription.subscription;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a plan or quantity change costs: the lines, the net amount due now (negative: a credit) and
 * what the next renewal will charge. {@code effectiveDate} is when the change takes effect.
 */
public record Quote(
    String when,
    LocalDate effectiveDate,
    String currency,
    List<ChargeLine> lines,
    BigDecimal amountDueNow,
    BigDecimal amountAtNextRenewal,
    LocalDate nextRenewalDate) {}
