package io.peakhub.cases;

import static io.peakhub.cases.CaseApi.myCases;
import static io.peakhub.cases.CaseTestSupport.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.cases.supportcase.CaseEventPublisher;
import io.peakhub.cases.supportcase.EventSink;
import io.peakhub.cases.supportcase.SupportCaseRepository;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.UnreachableKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The case outbox against a real (embedded) Kafka broker through the production sink: the exact
 * events, in order, once each; none lost while Kafka is unreachable; internal notes never sent.
 */
@SpringBootTest(
    properties = {
      "peakhub.test.kafka=embedded",
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"
    })
@EmbeddedKafka(partitions = 1, topics = "case.case")
@AutoConfigureMockMvc
@Import(CaseTestSupport.Beans.class)
class CaseEventsTest {

  static final UUID ACME = UUID.randomUUID();
  static final UUID GLOBEX = UUID.randomUUID();
  static final String CARA = UUID.randomUUID().toString();
  static final String SAM = UUID.randomUUID().toString();

  static {
    TestAccess.GRANTS
        .grant(CARA, myCases(Level.create, Grant.Scope.all), ACME.toString())
        .grantAll(SAM);
  }

  @DynamicPropertySource
  static void mongo(DynamicPropertyRegistry registry) {
    CaseTestSupport.mongo(registry);
  }

  @Autowired MockMvc mvc;
  @Autowired SupportCaseRepository cases;
  @Autowired CaseEventPublisher publisher;
  @Autowired EventSink sink;
  @Autowired EmbeddedKafkaBroker broker;
  final String cara = bearer(CARA, "cara", "customer");
  final String sam = bearer(SAM, "sam", "success_agent");

  /** Everything on case.case since the test class started, read from the broker. */
  static final List<ConsumerRecord<String, String>> RECEIVED = new ArrayList<>();

  static Consumer<String, String> consumer;

  @BeforeAll
  static void noConsumerYet() {
    RECEIVED.clear();
  }

  @AfterAll
  static void closeConsumer() {
    if (consumer != null) {
      consumer.close();
      consumer = null;
    }
  }

  private synchronized List<ConsumerRecord<String, String>> received() {
    if (consumer == null) {
      var props =
          KafkaTestUtils.consumerProps(broker, "case-events-check-" + UUID.randomUUID(), false);
      props.put("auto.offset.reset", "earliest");
      consumer =
          new DefaultKafkaConsumerFactory<>(
                  props, new StringDeserializer(), new StringDeserializer())
              .createConsumer();
      broker.consumeFromAnEmbeddedTopic(consumer, "case.case");
    }
    // poll until the broker has nothing more for a moment
    for (int empty = 0; empty < 2; ) {
      var batch = consumer.poll(Duration.ofMillis(500));
      if (batch.isEmpty()) {
        empty++;
      } else {
        batch.forEach(RECEIVED::add);
      }
    }
    return RECEIVED;
  }

  private List<EventEnvelope> sentFor(String number) {
    return received().stream()
        .map(r -> EventJson.read(r.value()))
        .filter(e -> number.equals(e.body().path("number").asString()))
        .toList();
  }

  @Test
  void aCasesLifeIsAnnouncedByTheseEventsInOrderOnce() throws Exception {
    CaseApi api = new CaseApi(mvc);
    String number = api.opened(cara, ACME, "Events case");
    api.comment(cara, ACME, number, "public words").andExpect(status().isOk());
    api.note(sam, ACME, number, "secret words").andExpect(status().isOk());
    api.state(sam, ACME, number, "resolved").andExpect(status().isOk());
    api.post(cara, ACME, number, "resolution/accept", "").andExpect(status().isOk());
    publisher.publishPending();
    publisher.publishPending();

    List<EventEnvelope> events = sentFor(number);
    assertThat(events)
        .extracting(EventEnvelope::type)
        .containsExactly(
            "CaseOpened.v1",
            "CaseCommented.v1",
            "CaseStateChanged.v1",
            "CaseStateChanged.v1",
            "CaseClosed.v1");
    assertThat(events).extracting(EventEnvelope::accountId).containsOnly(ACME.toString());
    assertThat(events).extracting(e -> e.id()).doesNotHaveDuplicates();
    assertThat(received())
        .filteredOn(r -> r.value().contains(number))
        .hasSize(5)
        .allSatisfy(
            r -> {
              assertThat(r.topic()).isEqualTo("case.case");
              assertThat(r.key()).isEqualTo(ACME.toString());
              assertThat(r.value()).doesNotContain("secret words");
            });
    assertThat(events.get(2).body().path("toState").asString()).isEqualTo("resolved");
    assertThat(cases.findByNumber(number).orElseThrow().pendingEvents()).isEmpty();
    events.forEach(CaseEventsTest::matchesAsyncApi);
  }

  @Test
  void aCaseMovedToAnotherAccountIsAnnouncedUnderTheNewAccountAfterItsEarlierEvents()
      throws Exception {
    CaseApi api = new CaseApi(mvc);
    String number = api.opened(cara, ACME, "Wrong account case");
    api.post(
            sam,
            ACME,
            number,
            "account",
            "{\"accountId\":\"" + GLOBEX + "\",\"reason\":\"wrong account\"}")
        .andExpect(status().isOk());
    publisher.publishPending();

    List<EventEnvelope> events = sentFor(number);
    assertThat(events)
        .extracting(EventEnvelope::type)
        .containsExactly("CaseOpened.v1", "CaseAccountChanged.v1");
    assertThat(received())
        .filteredOn(r -> r.value().contains(number))
        .extracting(r -> r.key())
        .containsExactly(ACME.toString(), GLOBEX.toString());
    assertThat(events.get(1).body().path("fromAccountId").asString()).isEqualTo(ACME.toString());
    events.forEach(CaseEventsTest::matchesAsyncApi);
  }

  /** The contract: docs/asyncapi.yaml lists the type on case.case and exactly the body's fields. */
  @SuppressWarnings("unchecked")
  static void matchesAsyncApi(EventEnvelope event) {
    Map<String, Object> doc;
    try (var in =
        java.nio.file.Files.newInputStream(java.nio.file.Path.of("../docs/asyncapi.yaml"))) {
      doc = new org.yaml.snakeyaml.Yaml().load(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    var channel =
        (Map<String, Object>) ((Map<String, Object>) doc.get("channels")).get("case.case");
    assertThat((Map<String, Object>) channel.get("messages")).containsKey(event.type());
    var message =
        (Map<String, Object>)
            ((Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("messages"))
                .get(event.type());
    var allOf =
        (List<Map<String, Object>>) ((Map<String, Object>) message.get("payload")).get("allOf");
    var body =
        (Map<String, Object>) ((Map<String, Object>) allOf.get(1).get("properties")).get("body");
    var declared = ((Map<String, Object>) body.get("properties")).keySet();
    java.util.Set<String> actual = new java.util.HashSet<>(event.body().propertyNames());
    assertThat(actual).as(event.type() + " body fields").isEqualTo(declared);
  }

  @Test
  void whileKafkaIsDownEventsStayPendingAndAreSentLaterExactlyOnce() throws Exception {
    CaseApi api = new CaseApi(mvc);
    String number = api.opened(cara, ACME, "Kafka down case");
    api.comment(cara, ACME, number, "still there?").andExpect(status().isOk());
    try (var unreachable = new UnreachableKafka()) {
      // the production sink's way of sending (wait for the acknowledgement), to a broker that is
      // not there
      KafkaTemplate<String, String> down = unreachable.template();
      var whileDown =
          new CaseEventPublisher(
              mongoTemplate,
              (topic, key, json) -> down.send(topic, key, json).get(2, TimeUnit.SECONDS));
      assertThatThrownBy(whileDown::publishPending).hasMessageContaining("could not publish");
      whileDown.tick();
    }
    assertThat(sentFor(number)).isEmpty();
    var stored = cases.findByNumber(number).orElseThrow();
    assertThat(stored.pendingEvents())
        .extracting(e -> e.type())
        .containsExactly("CaseOpened.v1", "CaseCommented.v1");

    // Kafka reachable again: the service's own publisher sends them, once
    publisher.tick();
    publisher.tick();
    assertThat(sentFor(number))
        .extracting(EventEnvelope::type)
        .containsExactly("CaseOpened.v1", "CaseCommented.v1");
    assertThat(sentFor(number))
        .extracting(e -> e.id().toString())
        .containsExactlyElementsOf(stored.pendingEvents().stream().map(e -> e.id()).toList());
    assertThat(cases.findByNumber(number).orElseThrow().pendingEvents()).isEmpty();
  }

  @Test
  void aChangeWrittenWhilePublishingKeepsItsEventAndTheOthersAreSentAgainNotLost()
      throws Exception {
    CaseApi api = new CaseApi(mvc);
    String number = api.opened(cara, ACME, "Race case");
    // the case changes between the publisher reading it and marking its events sent
    var current = cases.findByNumber(number).orElseThrow();
    EventSink original = sink;
    String[] commentedDuringSend = {null};
    var racingSink =
        new io.peakhub.cases.supportcase.EventSink() {
          @Override
          public void send(String topic, String key, String json) throws Exception {
            original.send(topic, key, json);
            if (commentedDuringSend[0] == null && json.contains(number)) {
              commentedDuringSend[0] = "yes";
              api.comment(cara, ACME, number, "during send").andExpect(status().isOk());
            }
          }
        };
    var racing = new CaseEventPublisher(mongo(), racingSink);
    racing.publishPending();
    assertThat(current.pendingEvents()).hasSize(1);
    // the opened event was sent but could not be marked; the comment's event is pending with it
    assertThat(cases.findByNumber(number).orElseThrow().pendingEvents())
        .extracting(e -> e.type())
        .containsExactly("CaseOpened.v1", "CaseCommented.v1");
    publisher.publishPending();
    assertThat(sentFor(number))
        .extracting(EventEnvelope::type)
        .containsExactly("CaseOpened.v1", "CaseOpened.v1", "CaseCommented.v1");
    assertThat(sentFor(number).get(0).id()).isEqualTo(sentFor(number).get(1).id());
    assertThat(cases.findByNumber(number).orElseThrow().pendingEvents()).isEmpty();
  }

  @Autowired org.springframework.data.mongodb.core.MongoTemplate mongoTemplate;

  private org.springframework.data.mongodb.core.MongoTemplate mongo() {
    return mongoTemplate;
  }
}
