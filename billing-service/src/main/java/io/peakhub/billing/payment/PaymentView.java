package io.peakhub.billing.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record PaymentView(
    UUID id,
    UUID accountId,
    BigDecimal amount,
    String currency,
    String status,
    Instant createdAt,
    List<PaymentAllocator.Allocation> allocations,
    BigDecimal toCredit) {}
