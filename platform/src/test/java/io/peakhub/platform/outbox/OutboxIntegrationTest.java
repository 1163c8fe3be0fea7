package io.peakhub.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.testapp.PlatformTestApplication;
import io.peakhub.platform.testing.TestPostgres;
import io.peakhub.platform.testing.UnreachableKafka;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox against a real PostgreSQL and a real (embedded KRaft) Kafka broker. */
@SpringBootTest(
    classes = PlatformTestApplication.class,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "peakhub.outbox.relay.enabled=false"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {"test.account", "test.down", "test.wake"})
class OutboxIntegrationTest {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    var db = TestPostgres.newDatabase("outbox");
    registry.add("spring.datasource.url", db::url);
    registry.add("spring.datasource.username", db::username);
  }

  @Autowired Outbox outbox;
  @Autowired ProcessedEvents processed;
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

  private int unpublished() {
    return jdbc.sql("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")
        .query(Integer.class)
        .single();
  }

  @Test
  void eventsWrittenInATransactionArePublishedInOrderKeyedByAccount() {
    var tx = new TransactionTemplate(txManager);
    String account = UUID.randomUUID().toString();
    List<EventEnvelope> written = new ArrayList<>();
    tx.executeWithoutResult(
        s -> {
          written.add(outbox.append("test.account", account, "InvoiceIssued.v1", Map.of("n", 1)));
          written.add(outbox.append("test.account", account, "BalanceChanged.v1", Map.of("n", 2)));
        });

    assertThat(relay(kafka).publishBatch()).isEqualTo(2);
    assertThat(relay(kafka).publishBatch()).isZero();

    try (Consumer<String, String> consumer = consumer("outbox-order")) {
      broker.consumeFromAnEmbeddedTopic(consumer, "test.account");
      var records = KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(10), 2);
      List<EventEnvelope> received = new ArrayList<>();
      for (ConsumerRecord<String, String> r : records) {
        assertThat(r.key()).isEqualTo(account);
        received.add(EventJson.read(r.value()));
      }
      assertThat(received)
          .extracting(EventEnvelope::id)
          .containsExactly(written.get(0).id(), written.get(1).id());
      assertThat(received)
          .extracting(EventEnvelope::type)
          .containsExactly("InvoiceIssued.v1", "BalanceChanged.v1");
    }
  }

  @Test
  void aCommittedEventIsPublishedAtOnceNotAtTheNextPoll() {
    // a relay that polls once an hour: only the commit's wake-up can publish the event in time
    OutboxRelay relay =
        new OutboxRelay(
            jdbc, new TransactionTemplate(txManager), kafka, clock, 100, 2000, Duration.ofHours(1));
    Outbox waking = new Outbox(jdbc, clock, relay::wake);
    relay.start();
    // its first pass (at start) is over: from here only a wake-up publishes before the hour is up
    await().atMost(Duration.ofSeconds(10)).until(() -> relay.passes() >= 1);
    try (Consumer<String, String> consumer = consumer("outbox-wake")) {
      broker.consumeFromAnEmbeddedTopic(consumer, "test.wake");
      String account = UUID.randomUUID().toString();
      EventEnvelope event =
          new TransactionTemplate(txManager)
              .execute(s -> waking.append("test.wake", account, "InvoiceIssued.v1", Map.of()));
      var record = KafkaTestUtils.getSingleRecord(consumer, "test.wake", Duration.ofSeconds(10));
      assertThat(EventJson.read(record.value()).id()).isEqualTo(event.id());
    } finally {
      relay.stop();
    }
    assertThat(relay.isRunning()).isFalse();
    assertThat(unpublished()).isZero();
  }

  @Test
  void aTransactionWakesTheRelayOnceAfterItsCommitAndARollbackNever() {
    var wakes = new java.util.concurrent.atomic.AtomicInteger();
    Outbox counting = new Outbox(jdbc, clock, wakes::incrementAndGet);
    var tx = new TransactionTemplate(txManager);
    tx.executeWithoutResult(
        s -> {
          counting.append("test.account", "w", "InvoiceIssued.v1", Map.of("n", 1));
          counting.append("test.account", "w", "BalanceChanged.v1", Map.of("n", 2));
          assertThat(wakes).hasValue(0);
        });
    assertThat(wakes).hasValue(1);
    tx.executeWithoutResult(
        s -> counting.append("test.account", "w", "InvoiceIssued.v1", Map.of("n", 3)));
    assertThat(wakes).hasValue(2);
    assertThatThrownBy(
            () ->
                tx.executeWithoutResult(
                    s -> {
                      counting.append("test.account", "w", "InvoiceIssued.v1", Map.of());
                      throw new IllegalStateException("the change failed");
                    }))
        .hasMessage("the change failed");
    assertThat(wakes).hasValue(2);
    // the other tests count and read what is pending: these rows were only for counting
    jdbc.sql("DELETE FROM outbox_event WHERE message_key = 'w'").update();
  }

  @Test
  void rolledBackChangeLeavesNoEvent() {
    int before = unpublished();
    var tx = new TransactionTemplate(txManager);
    assertThatThrownBy(
            () ->
                tx.executeWithoutResult(
                    s -> {
                      outbox.append("test.account", "a", "InvoiceIssued.v1", Map.of());
                      throw new IllegalStateException("the change failed");
                    }))
        .hasMessage("the change failed");
    assertThat(unpublished()).isEqualTo(before);
  }

  @Test
  void appendingOutsideATransactionIsRefused() {
    assertThatThrownBy(() -> outbox.append("test.account", "a", "InvoiceIssued.v1", Map.of()))
        .isInstanceOf(IllegalTransactionStateException.class);
  }

  @Test
  void whileKafkaIsDownEventsWaitAndArePublishedWhenItIsBack() {
    // a relay whose broker is unreachable: nothing may be marked published
    var unreachable = new UnreachableKafka();
    relay(kafka).publishBatch();
    var tx = new TransactionTemplate(txManager);
    String account = UUID.randomUUID().toString();
    EventEnvelope event =
        tx.execute(
            s ->
                outbox.append(
                    "test.down", account, "PaymentSucceeded.v1", Map.of("amount", "10.00")));

    OutboxRelay downRelay = relay(unreachable.template());
    assertThatThrownBy(downRelay::publishBatch).hasMessageContaining("could not publish event");
    assertThat(unpublished()).isEqualTo(1);
    unreachable.close();

    assertThat(relay(kafka).publishBatch()).isEqualTo(1);
    assertThat(unpublished()).isZero();
    try (Consumer<String, String> consumer = consumer("outbox-down")) {
      broker.consumeFromAnEmbeddedTopic(consumer, "test.down");
      var record = KafkaTestUtils.getSingleRecord(consumer, "test.down", Duration.ofSeconds(10));
      assertThat(EventJson.read(record.value()).id()).isEqualTo(event.id());
    }
  }

  @Test
  void aRedeliveredEventIsRecognisedAndARolledBackMarkIsForgotten() {
    var tx = new TransactionTemplate(txManager);
    UUID eventId = UUID.randomUUID();
    assertThatThrownBy(
            () ->
                tx.executeWithoutResult(
                    s -> {
                      assertThat(processed.firstDelivery("bff", eventId)).isTrue();
                      throw new IllegalStateException("handler failed");
                    }))
        .hasMessage("handler failed");

    assertThat(first(tx, "bff", eventId)).isTrue();
    assertThat(first(tx, "bff", eventId)).isFalse();
    assertThat(first(tx, "other-consumer", eventId)).isTrue();
  }

  private boolean first(TransactionTemplate tx, String consumer, UUID eventId) {
    return Boolean.TRUE.equals(tx.execute(s -> processed.firstDelivery(consumer, eventId)));
  }

  private Consumer<String, String> consumer(String group) {
    Map<String, Object> props = KafkaTestUtils.consumerProps(broker, group, false);
    props.put("auto.offset.reset", "earliest");
    return new DefaultKafkaConsumerFactory<>(
            props,
            new org.apache.kafka.common.serialization.StringDeserializer(),
            new org.apache.kafka.common.serialization.StringDeserializer())
        .createConsumer();
  }
}
