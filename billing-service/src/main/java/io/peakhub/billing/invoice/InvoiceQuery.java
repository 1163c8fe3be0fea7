package io.peakhub.billing.invoice;

import io.peakhub.platform.problem.InvalidInputException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Locale;

/**
 * A page request for invoice history: filter by status and invoice date range, sort by one of the
 * indexed columns, and keyset paging with an opaque cursor (the last row's sort value and number).
 */
record InvoiceQuery(
    Status status,
    LocalDate from,
    LocalDate to,
    Sort sort,
    boolean descending,
    Cursor after,
    int limit) {

  enum Status {
    all,
    open,
    overdue,
    paid,
    partially_paid,
    posted,
    void_
  }

  enum Sort {
    invoiceDate("invoice_date"),
    dueDate("due_date"),
    amount("amount"),
    number("number");

    final String column;

    Sort(String column) {
      this.column = column;
    }
  }

  record Cursor(String value, String number) {
    String encode() {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString((value + "|" + number).getBytes(StandardCharsets.UTF_8));
    }

    Object typedValue(Sort sort) {
      try {
        return switch (sort) {
          case invoiceDate, dueDate -> LocalDate.parse(value);
          case amount -> new BigDecimal(value);
          case number -> number;
        };
      } catch (RuntimeException e) {
        throw new InvalidInputException(
            "after", "'after' is not a cursor of this list; start again without it.");
      }
    }
  }

  static InvoiceQuery parse(
      String status, LocalDate from, LocalDate to, String sort, String after, int limit) {
    Status s = parseStatus(status);
    String sortSpec = sort == null || sort.isBlank() ? "invoiceDate,desc" : sort;
    String[] parts = sortSpec.split(",");
    Sort field;
    try {
      field = Sort.valueOf(parts[0]);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "sort",
          "'sort' must be one of invoiceDate, dueDate, amount, number (optionally ',asc' or ',desc').");
    }
    boolean desc = parts.length < 2 || !parts[1].toLowerCase(Locale.ROOT).equals("asc");
    if (parts.length > 2 || (parts.length == 2 && !parts[1].matches("(?i)asc|desc"))) {
      throw new InvalidInputException("sort", "'sort' direction must be asc or desc.");
    }
    if (from != null && to != null && to.isBefore(from)) {
      throw new InvalidInputException("to", "'to' cannot be before 'from'.");
    }
    return new InvoiceQuery(s, from, to, field, desc, decode(after), limit);
  }

  private static Status parseStatus(String status) {
    if (status == null || status.isBlank()) {
      return Status.all;
    }
    try {
      return "void".equals(status) ? Status.void_ : Status.valueOf(status);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "status",
          "'status' must be one of all, open, overdue, paid, partially_paid, posted, void.");
    }
  }

  private static Cursor decode(String after) {
    if (after == null || after.isBlank()) {
      return null;
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
      int bar = raw.lastIndexOf('|');
      if (bar < 0) {
        throw new IllegalArgumentException();
      }
      return new Cursor(raw.substring(0, bar), raw.substring(bar + 1));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "after", "'after' is not a cursor of this list; start again without it.");
    }
  }
}
