package io.peakhub.billing.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** An invoice as customers see it; status "overdue" is derived from the due date at read time. */
public record InvoiceView(
    UUID id,
    UUID accountId,
    String number,
    LocalDate invoiceDate,
    LocalDate dueDate,
    BigDecimal amount,
    BigDecimal balance,
    String status,
    String currency) {}
