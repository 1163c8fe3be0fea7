package io.peakhub.billing.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.billing.BillingApi;
import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.outbox.OutboxRelay;
import io.peakhub.platform.testing.OutboxContractListener;
import io.peakhub.platform.testing.StaticAccountAccess;
import io.peakhub.platform.testing.TestJwts;
import io.peakhub.platform.testing.TestPostgres;
import io.peakhub.platform.testing.UnreachableKafka;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A payment emits exactly its documented events, each once, on the documented topics; while Kafka
 * is unreachable they wait in the outbox and are published when it is back.
 */
@SpringBootTest(
    properties = {
      "peakhub.outbox.relay.enabled=false",
      "spring.kafka.listener.auto-startup=false",
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {"billing.account", "billing.invoice", "billing.payment", "billing.paymentmethod"})
@AutoConfigureMockMvc
@Import({TestJwts.Decoder.class, BillingEventsTest.Grants.class})
@TestExecutionListeners(
    listeners = OutboxContractListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class BillingEventsTest {

  static final String ALICE = UUID.randomUUID().toString();
  static final StaticAccountAccess GRANTS = new StaticAccountAccess();
  static final String ALICE_TOKEN = "Bearer " + TestJwts.token(ALICE, "alice", "customer");

  @TestConfiguration
  static class Grants {
    @Bean
    AccountAccess accountAccess() {
      return GRANTS;
    }
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    var db = TestPostgres.newDatabase("billingevents");
    registry.add("spring.datasource.url", db::url);
    registry.add("spring.datasource.username", db::username);
  }

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager txManager;
  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired Clock clock;

  private OutboxRelay relay(KafkaTemplate<String, String> template) {
    return new OutboxRelay(
        jdbc,
        new TransactionTemplate(txManager),
        template,
        clock,
        100,
        2000,
        Duration.ofMillis(200));
  }

  @Test
  void aPaymentPublishesExactlyItsDocumentedEventsOnceEvenAfterKafkaWasDown() throws Exception {
    BillingApi api = new BillingApi(mvc);
    UUID account = api.account("USD", "en-US");
    GRANTS.grant(ALICE, account.toString());
    UUID invoice = api.invoice(account, "2026-01-10", "40.00");
    api.savedCard(ALICE_TOKEN, account, BillingApi.VISA_OK);
    relay(kafka).publishBatch(); // the set-up's own events go out first

    api.pay(
            ALICE_TOKEN,
            account,
            "events-1",
            "{\"amount\":\"40.00\",\"currency\":\"USD\",\"invoices\":[{\"invoiceId\":\""
                + invoice
                + "\",\"amount\":\"40.00\"}]}")
        .andExpect(status().isCreated());

    var unreachable = new UnreachableKafka();
    assertThatThrownBy(() -> relay(unreachable.template()).publishBatch())
        .hasMessageContaining("could not publish");
    unreachable.close();
    assertThat(
            jdbc.sql("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")
                .query(Integer.class)
                .single())
        .isEqualTo(3);

    assertThat(relay(kafka).publishBatch()).isEqualTo(3);
    assertThat(relay(kafka).publishBatch()).isZero();

    Map<String, List<String>> byTopic = consume(account.toString());
    assertThat(byTopic.get("billing.invoice"))
        .containsExactly("InvoiceIssued.v1", "InvoicePaid.v1");
    assertThat(byTopic.get("billing.payment")).containsExactly("PaymentSucceeded.v1");
    assertThat(byTopic.get("billing.account"))
        .containsExactly(
            "AccountUpdated.v1", "BalanceChanged.v1", "BalanceChanged.v1", "BalanceChanged.v1");
    assertThat(byTopic.get("billing.paymentmethod")).containsExactly("PaymentMethodChanged.v1");
  }

  private Map<String, List<String>> consume(String key) {
    var props = KafkaTestUtils.consumerProps(broker, "events-check-" + UUID.randomUUID(), false);
    props.put("auto.offset.reset", "earliest");
    Map<String, List<String>> byTopic = new HashMap<>();
    try (var consumer =
        new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new StringDeserializer())
            .createConsumer()) {
      broker.consumeFromAllEmbeddedTopics(consumer);
      var records = KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(5), 9);
      List<UUID> ids = new ArrayList<>();
      for (ConsumerRecord<String, String> r : records) {
        if (!r.key().equals(key)) {
          continue;
        }
        EventEnvelope e = EventJson.read(r.value());
        ids.add(e.id());
        byTopic.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(e.type());
      }
      assertThat(ids).doesNotHaveDuplicates();
    }
    return byTopic;
  }
}
