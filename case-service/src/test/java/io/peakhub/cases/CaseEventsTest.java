package io.peakhub.cases;

import static io.peakhub.cases.CaseApi.myCases;
import static io.peakhub.cases.CaseTestSupport.KAFKA;
import static io.peakhub.cases.CaseTestSupport.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.cases.supportcase.CaseEventPublisher;
import io.peakhub.cases.supportcase.SupportCaseRepository;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.testing.TestAccess;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The case outbox: the exact events, in order, once each; none lost while Kafka is down; internal notes never sent. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(CaseTestSupport.Beans.class)
class CaseEventsTest {

  static final UUID ACME = UUID.randomUUID();
  static final String CARA = UUID.randomUUID().toString();
  static final String SAM = UUID.randomUUID().toString();

  static {
    TestAccess.GRANTS.grant(CARA, myCases(Level.create, Grant.Scope.all), ACME.toString()).grantAll(SAM);
  }

  @DynamicPropertySource
  static void mongo(DynamicPropertyRegistry registry) {
    CaseTestSupport.mongo(registry);
  }

  @Autowired MockMvc mvc;
  @Autowired SupportCaseRepository cases;
  @Autowired CaseEventPublisher publisher;
  final String cara = bearer(CARA, "cara", "customer");
  final String sam = bearer(SAM, "sam", "success_agent");

  @AfterEach
  void brokerBack() {
    KAFKA.down = false;
  }

  private static List<EventEnvelope> sentFor(String number) {
    return KAFKA.sent.stream().map(s -> EventJson.read(s.json()))
        .filter(e -> number.equals(e.body().path("number").asString())).toList();
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
    assertThat(events).extracting(EventEnvelope::type).containsExactly("CaseOpened.v1", "CaseCommented.v1",
        "CaseStateChanged.v1", "CaseStateChanged.v1", "CaseClosed.v1");
    assertThat(events).extracting(EventEnvelope::accountId).containsOnly(ACME.toString());
    assertThat(events).extracting(e -> e.id()).doesNotHaveDuplicates();
    assertThat(KAFKA.sent).filteredOn(s -> s.json().contains(number))
        .allSatisfy(s -> {
          assertThat(s.topic()).isEqualTo("case.case");
          assertThat(s.key()).isEqualTo(ACME.toString());
          assertThat(s.json()).doesNotContain("secret words");
        });
    assertThat(events.get(2).body().path("toState").asString()).isEqualTo("resolved");
    assertThat(cases.findByNumber(number).orElseThrow().pendingEvents()).isEmpty();
    events.forEach(CaseEventsTest::matchesAsyncApi);
  }

  /** The contract: docs/asyncapi.yaml lists the type on case.case and exactly the body's fields. */
  @SuppressWarnings("unchecked")
  static void matchesAsyncApi(EventEnvelope event) {
    Map<String, Object> doc;
    try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of("../docs/asyncapi.yaml"))) {
      doc = new org.yaml.snakeyaml.Yaml().load(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    var channel = (Map<String, Object>) ((Map<String, Object>) doc.get("channels")).get("case.case");
    assertThat((Map<String, Object>) channel.get("messages")).containsKey(event.type());
    var message = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) doc.get("components"))
        .get("messages")).get(event.type());
    var allOf = (List<Map<String, Object>>) ((Map<String, Object>) message.get("payload")).get("allOf");
    var body = (Map<String, Object>) ((Map<String, Object>) allOf.get(1).get("properties")).get("body");
    var declared = ((Map<String, Object>) body.get("properties")).keySet();
    java.util.Set<String> actual = new java.util.HashSet<>(event.body().propertyNames());
    assertThat(actual).as(event.type() + " body fields").isEqualTo(declared);
  }

  @Test
  void whileKafkaIsDownEventsStayPendingAndAreSentLaterExactlyOnce() throws Exception {
    CaseApi api = new CaseApi(mvc);
    KAFKA.down = true;
    String number = api.opened(cara, ACME, "Kafka down case");
    api.comment(cara, ACME, number, "still there?").andExpect(status().isOk());
    assertThatThrownBy(publisher::publishPending).hasMessageContaining("could not publish");
    publisher.tick();
    assertThat(sentFor(number)).isEmpty();
    var stored = cases.findByNumber(number).orElseThrow();
    assertThat(stored.pendingEvents()).extracting(e -> e.type()).containsExactly("CaseOpened.v1", "CaseCommented.v1");

    KAFKA.down = false;
    publisher.tick();
    publisher.tick();
    assertThat(sentFor(number)).extracting(EventEnvelope::type).containsExactly("CaseOpened.v1", "CaseCommented.v1");
    assertThat(sentFor(number)).extracting(e -> e.id().toString())
        .containsExactlyElementsOf(stored.pendingEvents().stream().map(e -> e.id()).toList());
    assertThat(cases.findByNumber(number).orElseThrow().pendingEvents()).isEmpty();
  }

  @Test
  void aChangeWrittenWhilePublishingKeepsItsEventAndTheOthersAreSentAgainNotLost() throws Exception {
    CaseApi api = new CaseApi(mvc);
    String number = api.opened(cara, ACME, "Race case");
    // the case changes between the publisher reading it and marking its events sent
    var current = cases.findByNumber(number).orElseThrow();
    CaseTestSupport.RecordingKafka original = KAFKA;
    String[] commentedDuringSend = {null};
    var racingSink = new io.peakhub.cases.supportcase.EventSink() {
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
    assertThat(cases.findByNumber(number).orElseThrow().pendingEvents()).extracting(e -> e.type())
        .containsExactly("CaseOpened.v1", "CaseCommented.v1");
    publisher.publishPending();
    assertThat(sentFor(number)).extracting(EventEnvelope::type)
        .containsExactly("CaseOpened.v1", "CaseOpened.v1", "CaseCommented.v1");
    assertThat(sentFor(number).get(0).id()).isEqualTo(sentFor(number).get(1).id());
    assertThat(cases.findByNumber(number).orElseThrow().pendingEvents()).isEmpty();
  }

  @Autowired org.springframework.data.mongodb.core.MongoTemplate mongoTemplate;

  private org.springframework.data.mongodb.core.MongoTemplate mongo() {
    return mongoTemplate;
  }
}
