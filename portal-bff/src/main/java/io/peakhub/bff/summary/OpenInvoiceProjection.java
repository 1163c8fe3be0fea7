package io.peakhub.bff.summary;

import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.outbox.ProcessedEvents;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Keeps each account's open invoices from billing's invoice and payment events (issued, paid down
 * by a payment's allocations, paid, voided), and from them the overdue amount Customer Accounts
 * shows and sorts by. Once a day, invoices that fell due since are counted as overdue too.
 */
@Component
class OpenInvoiceProjection {

  static final String CONSUMER = "portal-bff.open-invoices";
  private static final Logger log = LoggerFactory.getLogger(OpenInvoiceProjection.class);

  private final SummaryRepository summaries;
  private final ProcessedEvents processed;

  OpenInvoiceProjection(SummaryRepository summaries, ProcessedEvents processed) {
    this.summaries = summaries;
    this.processed = processed;
  }

  @KafkaListener(topics = {"billing.invoice", "billing.payment"})
  @Transactional
  public void on(String message) {
    EventEnvelope event = EventJson.read(message);
    if (!event.type().matches("(InvoiceIssued|InvoicePaid|InvoiceVoided|PaymentSucceeded)\\.v1")) {
      return;
    }
    if (!processed.firstDelivery(CONSUMER, event.id())) {
      log.info("event skipped, already applied id={} type={}", event.id(), event.type());
      return;
    }
    UUID account = UUID.fromString(event.accountId());
    JsonNode body = event.body();
    switch (event.type()) {
      case "InvoiceIssued.v1" -> {
        JsonNode invoice = body.path("invoice");
        summaries.invoiceIssued(
            UUID.fromString(invoice.path("id").asString()),
            account,
            LocalDate.parse(invoice.path("dueDate").asString()),
            money(invoice.path("balance")));
      }
      case "PaymentSucceeded.v1" ->
          body.path("allocations")
              .forEach(
                  a ->
                      summaries.invoicePaidDown(
                          UUID.fromString(a.path("invoiceId").asString()),
                          money(a.path("amount"))));
      default -> summaries.invoiceClosed(UUID.fromString(body.path("invoiceId").asString()));
    }
    summaries.refreshOverdue(account);
    log.info("event applied id={} type={} account={}", event.id(), event.type(), account);
  }

  @Scheduled(cron = "${peakhub.overdue.refresh-cron:0 5 0 * * *}", zone = "UTC")
  @Transactional
  public void invoicesFallDue() {
    log.info("overdue amounts refreshed for {} accounts", summaries.refreshAllOverdue());
  }

  private static BigDecimal money(JsonNode value) {
    return value.isNumber() ? value.decimalValue() : new BigDecimal(value.asString());
  }
}
