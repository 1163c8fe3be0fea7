package io.peakhub.bff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.bff.downstream.AccountSummary;
import io.peakhub.bff.downstream.BillingClient;
import io.peakhub.bff.summary.SummaryChanged;
import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.testing.StaticAccountAccess;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestJwts;
import io.peakhub.platform.testing.TestPostgres;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The header's read model: real PostgreSQL, real (embedded KRaft) Kafka; billing's API is mocked.
 */
@SpringBootTest(properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(
    partitions = 1,
    topics = {"billing.account", "billing.account-dlt"})
@AutoConfigureMockMvc
@Import({TestJwts.Decoder.class, TestAccess.class, HeaderReadModelTest.Pushes.class})
class HeaderReadModelTest {

  /** Every SummaryChanged the projection publishes (each one a push to the header's streams). */
  static class Pushes {
    final Map<UUID, AtomicInteger> byAccount = new ConcurrentHashMap<>();

    @EventListener
    void on(SummaryChanged changed) {
      byAccount.computeIfAbsent(changed.accountId(), a -> new AtomicInteger()).incrementAndGet();
    }

    int of(UUID account) {
      return byAccount.getOrDefault(account, new AtomicInteger()).get();
    }
  }

  static final String ALICE = UUID.randomUUID().toString();
  static final String BOB = UUID.randomUUID().toString();
  static final StaticAccountAccess GRANTS = TestAccess.GRANTS;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    var db = TestPostgres.newDatabase("bff");
    registry.add("spring.datasource.url", db::url);
    registry.add("spring.datasource.username", db::username);
  }

  @Autowired MockMvc mvc;
  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired JdbcClient jdbc;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired Pushes pushes;
  @MockitoBean BillingClient billing;

  static final String ALICE_TOKEN = "Bearer " + TestJwts.token(ALICE, "alice", "customer");
  static final String BOB_TOKEN = "Bearer " + TestJwts.token(BOB, "bob", "customer");

  private static AccountSummary summary(UUID account, String balance, Instant asOf) {
    return new AccountSummary(
        account,
        "A-000001",
        "Acme Corporation",
        "USD",
        "active",
        new BigDecimal(balance),
        BigDecimal.ZERO,
        null,
        null,
        null,
        asOf);
  }

  private EventEnvelope publish(AccountSummary s) throws Exception {
    EventEnvelope event =
        new EventEnvelope(
            UUID.randomUUID(),
            "BalanceChanged.v1",
            s.asOf(),
            s.accountId().toString(),
            EventJson.tree(s));
    kafka.send("billing.account", s.accountId().toString(), EventJson.write(event)).get();
    return event;
  }

  private BigDecimal storedBalance(UUID account) {
    return jdbc.sql("SELECT balance FROM account_summary WHERE account_id = :a")
        .param("a", account)
        .query(BigDecimal.class)
        .optional()
        .orElse(null);
  }

  @Test
  void headerComesFromBillingOnceThenFromTheReadModelKeptCurrentByEvents() throws Exception {
    UUID acme = UUID.randomUUID();
    GRANTS.grant(ALICE, acme.toString());
    Instant t0 = Instant.parse("2026-11-01T10:00:00Z");
    when(billing.summary(acme)).thenReturn(summary(acme, "1630.50", t0));

    mvc.perform(get("/api/accounts/" + acme + "/header").header("Authorization", ALICE_TOKEN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accountName").value("Acme Corporation"))
        .andExpect(jsonPath("$.balance").value(1630.50))
        .andExpect(jsonPath("$.canPay").value(true));

    publish(summary(acme, "430.50", t0.plusSeconds(60)));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> new BigDecimal("430.50").compareTo(storedBalance(acme)) == 0);

    mvc.perform(get("/api/accounts/" + acme + "/header").header("Authorization", ALICE_TOKEN))
        .andExpect(jsonPath("$.balance").value(430.50));
    verify(billing, times(1)).summary(any());
  }

  @Test
  void aSummaryReachingTheReadModelIsPushedAsAHeaderEventWithTheNewBalance() throws Exception {
    UUID acme = UUID.randomUUID();
    GRANTS.grant(ALICE, acme.toString());
    Instant t0 = Instant.parse("2026-11-01T10:00:00Z");
    when(billing.summary(acme)).thenReturn(summary(acme, "1630.50", t0));

    var stream =
        mvc.perform(
                get("/api/accounts/" + acme + "/header/events")
                    .header("Authorization", ALICE_TOKEN))
            .andExpect(
                org.springframework.test.web.servlet.result.MockMvcResultMatchers.request()
                    .asyncStarted())
            .andReturn()
            .getResponse();
    assertThat(stream.getContentType()).startsWith("text/event-stream");
    assertThat(stream.getContentAsString())
        .startsWith("event:header\n")
        .contains("\"balance\":1630.5")
        .contains("\"canPay\":true");

    publish(summary(acme, "0.00", t0.plusSeconds(60)));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> stream.getContentAsString().contains("\"balance\":0.0000"));
    String[] events = stream.getContentAsString().split("\n\n");
    assertThat(events).hasSize(2);
    assertThat(events[1])
        .startsWith("event:header\n")
        .contains("\"accountId\":\"" + acme + "\"")
        .contains("\"canPay\":false");
  }

  @Test
  void anotherCustomerGets404AndNothingIsFetched() throws Exception {
    UUID acme = UUID.randomUUID();
    GRANTS.grant(ALICE, acme.toString());
    GRANTS.grant(BOB, UUID.randomUUID().toString());
    mvc.perform(get("/api/accounts/" + acme + "/header").header("Authorization", BOB_TOKEN))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/not-found"));
    mvc.perform(
            post("/api/accounts/" + acme + "/payments")
                .header("Authorization", BOB_TOKEN)
                .header("Idempotency-Key", "k1")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"amount\":\"1.00\",\"currency\":\"USD\"}"))
        .andExpect(status().isNotFound());
    verify(billing, times(0)).summary(any());
    verify(billing, times(0)).pay(any(), any(), any());
  }

  @Test
  void aRedeliveredEventIsAppliedOnceAndAnOlderOneNeverOverwritesANewer() throws Exception {
    UUID account = UUID.randomUUID();
    Instant t0 = Instant.parse("2026-11-01T10:00:00Z");
    EventEnvelope newer = publish(summary(account, "100.00", t0.plusSeconds(120)));
    await().atMost(Duration.ofSeconds(15)).until(() -> storedBalance(account) != null);

    kafka.send("billing.account", account.toString(), EventJson.write(newer)).get();
    publish(summary(account, "999.00", t0));
    UUID marker = UUID.randomUUID();
    publish(summary(marker, "1.00", t0));
    await().atMost(Duration.ofSeconds(15)).until(() -> storedBalance(marker) != null);

    assertThat(storedBalance(account)).isEqualByComparingTo("100.00");
    // the redelivered copy is as new as the stored summary, so only the consumer's guard keeps it
    // from being applied (and pushed to the header) a second time
    assertThat(pushes.of(account)).as("header pushes for the account").isEqualTo(1);
    assertThat(
            jdbc.sql("SELECT count(*) FROM processed_event WHERE event_id = :id")
                .param("id", newer.id())
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void aPoisonMessageGoesToTheDeadLetterTopicAndLaterEventsStillApply() throws Exception {
    kafka.send("billing.account", "x", "this is not an event").get();
    UUID account = UUID.randomUUID();
    publish(summary(account, "5.00", Instant.parse("2026-11-01T10:00:00Z")));
    await().atMost(Duration.ofSeconds(20)).until(() -> storedBalance(account) != null);
    var props = KafkaTestUtils.consumerProps(broker, "dlt-check", false);
    props.put("auto.offset.reset", "earliest");
    try (var consumer =
        new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new StringDeserializer())
            .createConsumer()) {
      broker.consumeFromAnEmbeddedTopic(consumer, "billing.account-dlt");
      var dead =
          KafkaTestUtils.getSingleRecord(consumer, "billing.account-dlt", Duration.ofSeconds(20));
      assertThat(dead.value()).isEqualTo("this is not an event");
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "/invoices",
        "/invoices/%s",
        "/invoices/%s/pdf",
        "/payments",
        "/payment-methods",
        "/header"
      })
  void anotherCustomerIsRefusedOnEveryBillingScreenAndBillingIsNotAsked(String path)
      throws Exception {
    UUID acme = UUID.randomUUID();
    GRANTS.grant(ALICE, acme.toString());
    GRANTS.grant(BOB, UUID.randomUUID().toString());
    mvc.perform(
            get("/api/accounts/" + acme + path.formatted(UUID.randomUUID()))
                .header("Authorization", BOB_TOKEN))
        .andExpect(status().isNotFound());
    org.mockito.Mockito.verifyNoInteractions(billing);
  }

  @Test
  void paymentWithoutIdempotencyKeyIsRefused() throws Exception {
    UUID acme = UUID.randomUUID();
    GRANTS.grant(ALICE, acme.toString());
    mvc.perform(
            post("/api/accounts/" + acme + "/payments")
                .header("Authorization", ALICE_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"amount\":\"1.00\",\"currency\":\"USD\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("Idempotency-Key"));
  }
}
