package io.peakhub.billing.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.billing.BillingApi;
import io.peakhub.platform.testing.OutboxContractListener;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestJwts;
import io.peakhub.platform.testing.TestPostgres;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * subscription-service's events, as it serializes them (docs/examples/subscription-charges.json,
 * kept equal to its output by its SubscriptionChargesContractTest), sent through a real (embedded
 * KRaft) Kafka to billing's listener: the invoice carries the preview's lines and total, once, on
 * the event's account only; an event billing cannot bill is dead-lettered and the next one still
 * billed.
 */
@SpringBootTest(
    properties = {
      "peakhub.outbox.relay.enabled=false",
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {"subscription.subscription", "subscription.subscription-dlt", "identity.access"})
@AutoConfigureMockMvc
@Import({TestJwts.Decoder.class, TestAccess.class})
@TestExecutionListeners(
    listeners = OutboxContractListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class SubscriptionInvoicingTest {

  static final String TOPIC = "subscription.subscription";
  static final JsonMapper EXACT =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
  static final String ALICE = UUID.randomUUID().toString();
  static final String ALICE_TOKEN = "Bearer " + TestJwts.token(ALICE, "alice", "customer");

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    var db = TestPostgres.newDatabase("subinvoicing");
    registry.add("spring.datasource.url", db::url);
    registry.add("spring.datasource.username", db::username);
  }

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired EmbeddedKafkaBroker broker;

  BillingApi api;
  JsonNode example;
  UUID account;
  int setUpEvents;

  @BeforeEach
  void setUp() throws Exception {
    api = new BillingApi(mvc);
    example =
        EXACT.readTree(
            Files.readString(Path.of("..", "docs", "examples", "subscription-charges.json")));
    account = api.account("USD", "en-US");
    TestAccess.GRANTS.grant(ALICE, account.toString());
    setUpEvents = outboxTypes(account).size();
  }

  /** The account's events since it was set up. */
  private List<String> newEvents() {
    List<String> all = outboxTypes(account);
    return all.subList(setUpEvents, all.size());
  }

  /**
   * The example's event at {@code index}, for this account and subscription, with a fresh event id.
   */
  private ObjectNode event(int index, UUID accountId, UUID subscriptionId) {
    ObjectNode e = (ObjectNode) example.get("events").get(index).deepCopy();
    e.put("id", UUID.randomUUID().toString()).put("accountId", accountId.toString());
    ((ObjectNode) e.get("body").get("subscription"))
        .put("accountId", accountId.toString())
        .put("id", subscriptionId.toString());
    return e;
  }

  private void send(String key, Object message) throws Exception {
    kafka
        .send(
            TOPIC,
            key,
            message instanceof JsonNode n ? EXACT.writeValueAsString(n) : message.toString())
        .get();
  }

  private record Invoice(
      UUID id, String number, LocalDate invoiceDate, LocalDate dueDate, BigDecimal amount) {}

  private List<Invoice> invoices(UUID accountId) {
    return jdbc.sql(
            "SELECT id, number, invoice_date, due_date, amount FROM invoice WHERE account_id = :a ORDER BY invoice_date, number")
        .param("a", accountId)
        .query(Invoice.class)
        .list();
  }

  private int billed(UUID eventId) {
    return jdbc.sql("SELECT count(*) FROM subscription_charge WHERE event_id = :e")
        .param("e", eventId)
        .query(Integer.class)
        .single();
  }

  private List<String> outboxTypes(UUID accountId) {
    return jdbc.sql("SELECT type FROM outbox_event WHERE message_key = :k ORDER BY seq")
        .param("k", accountId.toString())
        .query(String.class)
        .list();
  }

  @Test
  void aQuantityChangeIsInvoicedWithExactlyThePreviewsLinesAndTotal() throws Exception {
    UUID subscription = UUID.randomUUID();
    send(account.toString(), event(0, account, subscription));
    send(account.toString(), event(1, account, subscription));
    await().atMost(Duration.ofSeconds(20)).until(() -> invoices(account).size() == 2);

    Invoice change = invoices(account).get(1);
    JsonNode preview = example.get("preview");
    assertThat(change.amount()).isEqualByComparingTo(preview.get("amountDueNow").decimalValue());
    assertThat(change.invoiceDate())
        .isEqualTo(LocalDate.parse(preview.get("effectiveDate").asString()));
    assertThat(change.dueDate()).isEqualTo(change.invoiceDate().plusDays(14));
    assertThat(change.number()).matches("INV-2026-[0-9]{6}");

    JsonNode shown =
        BillingApi.json(
            mvc.perform(
                    get("/accounts/" + account + "/invoices/" + change.id())
                        .header("Authorization", ALICE_TOKEN))
                .andExpect(status().isOk()));
    List<JsonNode> dueNow = new ArrayList<>();
    preview
        .get("lines")
        .forEach(
            l -> {
              if (!l.get("kind").asString().equals("next_renewal")) {
                dueNow.add(l);
              }
            });
    ArrayNode lines = (ArrayNode) shown.get("lines");
    assertThat(lines).hasSize(dueNow.size()).hasSize(2);
    for (int i = 0; i < dueNow.size(); i++) {
      JsonNode want = dueNow.get(i);
      JsonNode got = lines.get(i);
      assertThat(got.get("description").asString())
          .isEqualTo("SUB-001000: " + want.get("description").asString());
      assertThat(got.get("quantity").decimalValue())
          .isEqualByComparingTo(want.get("quantity").decimalValue());
      assertThat(got.get("unitPrice").decimalValue())
          .isEqualByComparingTo(want.get("unitPrice").decimalValue());
      assertThat(got.get("amount").decimalValue())
          .isEqualByComparingTo(want.get("amount").decimalValue());
      assertThat(got.get("tax").decimalValue()).isZero();
    }
    assertThat(shown.get("invoice").get("amount").decimalValue()).isEqualByComparingTo("14.51");
    assertThat(shown.get("invoice").get("balance").decimalValue()).isEqualByComparingTo("14.51");

    byte[] pdf =
        mvc.perform(
                get("/accounts/" + account + "/invoices/" + change.id() + "/pdf")
                    .header("Authorization", ALICE_TOKEN))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(new PDFTextStripper().getText(doc))
          .contains(change.number())
          .contains("-$9.68")
          .contains("$24.19")
          .contains("Total: $14.51");
    }
    // the first term (20.00) and the change (14.51), each announced with the account's new balance
    assertThat(newEvents())
        .containsExactly(
            "InvoiceIssued.v1", "BalanceChanged.v1", "InvoiceIssued.v1", "BalanceChanged.v1");
    mvc.perform(get("/accounts/" + account + "/summary").header("Authorization", ALICE_TOKEN))
        .andExpect(
            org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.balance")
                .value(34.51));
  }

  @Test
  void aRenewalIsInvoicedForItsNewTermAndACancellationNowCreditsTheUnusedDays() throws Exception {
    UUID subscription = UUID.randomUUID();
    List<ObjectNode> events = new ArrayList<>();
    for (int i = 0; i < example.get("events").size(); i++) {
      events.add(event(i, account, subscription));
      send(account.toString(), events.get(i));
    }
    UUID cancelled = UUID.fromString(events.get(3).get("id").asString());
    await().atMost(Duration.ofSeconds(20)).until(() -> billed(cancelled) == 1);

    JsonNode renewed = example.get("events").get(2).get("body");
    Invoice renewal = invoices(account).get(2);
    assertThat(renewal.invoiceDate())
        .isEqualTo(LocalDate.parse(renewed.get("termStart").asString()));
    assertThat(renewal.amount())
        .isEqualByComparingTo(renewed.get("amountDue").decimalValue())
        .isEqualByComparingTo("50.00");
    assertThat(invoices(account)).hasSize(3);
    // 50.00 x 20 of 30 days unused, as subscription-service credited it: account credit, not an
    // invoice
    assertThat(
            jdbc.sql("SELECT credit_balance FROM billing_account WHERE id = :a")
                .param("a", account)
                .query(BigDecimal.class)
                .single())
        .isEqualByComparingTo("33.33");
    assertThat(
            jdbc.sql(
                    "SELECT outcome FROM subscription_charge WHERE account_id = :a ORDER BY created_at, event_type")
                .param("a", account)
                .query(String.class)
                .list())
        .containsExactlyInAnyOrder("invoiced", "invoiced", "invoiced", "credited");
    assertThat(newEvents())
        .containsExactly(
            "InvoiceIssued.v1",
            "BalanceChanged.v1",
            "InvoiceIssued.v1",
            "BalanceChanged.v1",
            "InvoiceIssued.v1",
            "BalanceChanged.v1",
            "BalanceChanged.v1");
  }

  @Test
  void aTrialAndAChangeAtTermEndHaveNothingDueAndIssueNothing() throws Exception {
    ObjectNode trial = event(0, account, UUID.randomUUID());
    ((ObjectNode) trial.get("body")).putArray("lines");
    ((ObjectNode) trial.get("body")).put("amountDueNow", new BigDecimal("0.00"));
    ObjectNode atTermEnd = event(1, account, UUID.randomUUID());
    ObjectNode body = (ObjectNode) atTermEnd.get("body");
    body.put("when", "term_end").put("amountDueNow", new BigDecimal("0.00"));
    ArrayNode lines = (ArrayNode) body.get("lines");
    lines.remove(1);
    lines.remove(0); // only the next_renewal line (50.00) is left: information, not due now
    send(account.toString(), trial);
    send(account.toString(), atTermEnd);
    UUID last = UUID.fromString(atTermEnd.get("id").asString());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.sql(
                            "SELECT count(*) FROM processed_event WHERE consumer = 'billing.subscription-invoicing' AND event_id = :e")
                        .param("e", last)
                        .query(Integer.class)
                        .single()
                    == 1);

    assertThat(invoices(account)).isEmpty();
    assertThat(billed(last)).isZero();
    assertThat(newEvents()).isEmpty();
  }

  @Test
  void aYenChangeIsInvoicedInWholeYen() throws Exception {
    UUID yen = api.account("JPY", "ja-JP");
    ObjectNode change = event(1, yen, UUID.randomUUID());
    ObjectNode body = (ObjectNode) change.get("body");
    ((ObjectNode) body.get("subscription")).put("currency", "JPY");
    ArrayNode lines = (ArrayNode) body.get("lines");
    ((ObjectNode) lines.get(0))
        .put("unitPrice", new BigDecimal("1000"))
        .put("amount", new BigDecimal("-968"));
    ((ObjectNode) lines.get(1))
        .put("unitPrice", new BigDecimal("1000"))
        .put("amount", new BigDecimal("2419"));
    ((ObjectNode) lines.get(2))
        .put("unitPrice", new BigDecimal("1000"))
        .put("amount", new BigDecimal("5000"));
    body.put("amountDueNow", new BigDecimal("1451"));
    send(yen.toString(), change);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> billed(UUID.fromString(change.get("id").asString())) == 1);

    assertThat(invoices(yen))
        .singleElement()
        .satisfies(i -> assertThat(i.amount()).isEqualByComparingTo("1451"));
    assertThat(
            jdbc.sql("SELECT amount FROM invoice_line WHERE invoice_id = :i ORDER BY line_no")
                .param("i", invoices(yen).get(0).id())
                .query(BigDecimal.class)
                .list())
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("-968"), new BigDecimal("2419"));
  }

  @Test
  void theSameEventDeliveredTwiceIssuesOneInvoice() throws Exception {
    UUID subscription = UUID.randomUUID();
    ObjectNode created = event(0, account, subscription);
    send(account.toString(), created);
    send(account.toString(), created);
    ObjectNode changed = event(1, account, subscription);
    send(account.toString(), changed);
    send(account.toString(), changed);
    ObjectNode last = event(0, account, UUID.randomUUID());
    send(account.toString(), last);
    // one partition: once the last event is billed, both replays have been consumed before it
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> billed(UUID.fromString(last.get("id").asString())) == 1);

    assertThat(invoices(account))
        .extracting(Invoice::amount)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("20.00"), new BigDecimal("20.00"), new BigDecimal("14.51"));
    assertThat(billed(UUID.fromString(created.get("id").asString()))).isEqualTo(1);
    assertThat(outboxTypes(account).stream().filter("InvoiceIssued.v1"::equals)).hasSize(3);
  }

  @Test
  void anEventForOneAccountNeverTouchesAnother() throws Exception {
    UUID other = api.account("USD", "en-US");
    List<String> otherBefore = outboxTypes(other);
    send(account.toString(), event(0, account, UUID.randomUUID()));
    // keyed and enveloped for the other account, but the subscription is this one's: not billed
    // anywhere
    ObjectNode misdirected = event(1, account, UUID.randomUUID());
    misdirected.put("accountId", other.toString());
    send(other.toString(), misdirected);
    ObjectNode last = event(0, account, UUID.randomUUID());
    send(account.toString(), last);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> billed(UUID.fromString(last.get("id").asString())) == 1);

    assertThat(invoices(account)).hasSize(2);
    assertThat(invoices(other)).isEmpty();
    assertThat(outboxTypes(other)).isEqualTo(otherBefore);
    assertThat(
            jdbc.sql("SELECT credit_balance FROM billing_account WHERE id = :a")
                .param("a", other)
                .query(BigDecimal.class)
                .single())
        .isZero();
    assertThat(billed(UUID.fromString(misdirected.get("id").asString()))).isZero();
  }

  @Test
  void aDowngradeBilledNowBecomesAccountCreditNotAnInvoice() throws Exception {
    ObjectNode downgrade = event(1, account, UUID.randomUUID());
    ObjectNode body = (ObjectNode) downgrade.get("body");
    // the example change the other way round: 5 seats down to 2
    ArrayNode lines = (ArrayNode) body.get("lines");
    ((ObjectNode) lines.get(0)).put("quantity", 5).put("amount", new BigDecimal("-24.19"));
    ((ObjectNode) lines.get(1)).put("quantity", 2).put("amount", new BigDecimal("9.68"));
    body.put("amountDueNow", new BigDecimal("-14.51"));
    send(account.toString(), downgrade);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> billed(UUID.fromString(downgrade.get("id").asString())) == 1);

    assertThat(invoices(account)).isEmpty();
    assertThat(
            jdbc.sql("SELECT credit_balance FROM billing_account WHERE id = :a")
                .param("a", account)
                .query(BigDecimal.class)
                .single())
        .isEqualByComparingTo("14.51");
    assertThat(
            jdbc.sql("SELECT outcome FROM subscription_charge WHERE event_id = :e")
                .param("e", UUID.fromString(downgrade.get("id").asString()))
                .query(String.class)
                .single())
        .isEqualTo("credited");
    assertThat(newEvents()).containsExactly("BalanceChanged.v1");
  }

  @Test
  void badOrUnknownEventsAreSkippedOrDeadLetteredAndTheNextOneIsStillBilled() throws Exception {
    UUID euros = api.account("EUR", "de-DE");
    ObjectNode notAddingUp = event(1, account, UUID.randomUUID());
    ((ObjectNode) notAddingUp.get("body")).put("amountDueNow", new BigDecimal("99.99"));
    ObjectNode otherCurrency = event(0, euros, UUID.randomUUID());
    ObjectNode unknownAccount = event(0, UUID.randomUUID(), UUID.randomUUID());
    ObjectNode unknownType = event(0, account, UUID.randomUUID());
    unknownType.put("type", "SubscriptionTeleported.v1");
    ObjectNode tooManyDecimals = event(0, account, UUID.randomUUID());
    ((ObjectNode) tooManyDecimals.get("body").get("lines").get(0))
        .put("amount", new BigDecimal("20.001"));
    ((ObjectNode) tooManyDecimals.get("body")).put("amountDueNow", new BigDecimal("20.001"));

    send(account.toString(), "this is not an event");
    send(
        account.toString(),
        "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"SubscriptionCreated.v1\"}");
    send(account.toString(), notAddingUp);
    send(euros.toString(), otherCurrency);
    send(unknownAccount.get("accountId").asString(), unknownAccount);
    send(account.toString(), unknownType);
    send(account.toString(), tooManyDecimals);
    ObjectNode good = event(0, account, UUID.randomUUID());
    send(account.toString(), good);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> billed(UUID.fromString(good.get("id").asString())) == 1);
    assertThat(invoices(account)).hasSize(1);
    assertThat(invoices(euros)).isEmpty();
    String dlt = String.join("\n", deadLetters());
    assertThat(dlt).contains("this is not an event");
    for (ObjectNode bad : List.of(notAddingUp, otherCurrency, unknownAccount, tooManyDecimals)) {
      assertThat(dlt).contains(bad.get("id").asString());
    }
    assertThat(dlt)
        .doesNotContain(unknownType.get("id").asString())
        .doesNotContain(good.get("id").asString());
  }

  private List<String> deadLetters() {
    var props = KafkaTestUtils.consumerProps(broker, "dlt-check-" + UUID.randomUUID(), false);
    props.put("auto.offset.reset", "earliest");
    List<String> values = new ArrayList<>();
    try (var consumer =
        new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new StringDeserializer())
            .createConsumer()) {
      broker.consumeFromAnEmbeddedTopic(consumer, "subscription.subscription-dlt");
      KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(3))
          .forEach(r -> values.add(r.value()));
    }
    return values;
  }
}
