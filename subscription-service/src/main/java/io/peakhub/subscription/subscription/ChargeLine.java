package io.peakhub.subscription.subscription;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of a proration, a renewal or a cancellation, as previewed, answered and published.
 * {@code kind}: credit (unused time of the old plan, negative), charge (due now), next_renewal
 * (what the next renewal will charge, not due now). {@code to} is exclusive; {@code days} of {@code
 * termDays} is the prorated share.
 */
public record ChargeLine(
    String kind,
    String description,
    String itemCode,
    int quantity,
    BigDecimal unitPrice,
    LocalDate from,
    LocalDate to,
    long days,
    long termDays,
    BigDecimal amount) {}
