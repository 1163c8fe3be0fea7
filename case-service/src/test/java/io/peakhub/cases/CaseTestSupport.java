package io.peakhub.cases;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.peakhub.cases.supportcase.EventSink;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestJwts;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What case-service's integration tests share (one Spring context): the MongoDB stand-in
 * in-process, test tokens and access grants, a clock the tests move, and a Kafka stand-in that
 * records what it was sent and can be switched to "broker down" (CaseEventsTest uses a real,
 * embedded broker instead).
 */
public final class CaseTestSupport {

  static final MongoServer MONGO = new MongoServer(new MemoryBackend());
  private static InetSocketAddress address;

  private CaseTestSupport() {}

  static synchronized void mongo(DynamicPropertyRegistry registry) {
    if (address == null) {
      address = MONGO.bind();
    }
    registry.add("spring.mongodb.uri", () -> "mongodb://localhost:" + address.getPort() + "/cases");
  }

  static String bearer(String userId, String username, String... roles) {
    return "Bearer " + TestJwts.token(userId, username, roles);
  }

  static String impersonated(String userId, String username, String adminId) {
    return "Bearer "
        + TestJwts.token(
            userId, username, Map.of("impersonator", Map.of("id", adminId)), "customer");
  }

  @TestConfiguration(proxyBeanMethods = false)
  @org.springframework.context.annotation.Import({TestJwts.Decoder.class, TestAccess.class})
  public static class Beans {

    @Bean
    @Primary
    Clock movableClock() {
      return CLOCK;
    }

    /**
     * Every test but CaseEventsTest (which sends to an embedded Kafka broker through the production
     * sink).
     */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
        name = "peakhub.test.kafka",
        havingValue = "recording",
        matchIfMissing = true)
    EventSink recordingSink() {
      return KAFKA;
    }

    /** identity-service's settings and contacts, set by the tests. */
    @Bean
    @Primary
    io.peakhub.cases.identity.Identity stubIdentity() {
      return IDENTITY;
    }

    /** Flags the EICAR test string, as a real scanner would. */
    @Bean
    io.peakhub.cases.supportcase.AttachmentScanner eicarScanner() {
      return (fileName, contentType, content) ->
          new String(content, java.nio.charset.StandardCharsets.ISO_8859_1).contains(EICAR)
              ? io.peakhub.cases.supportcase.AttachmentScanner.Verdict.infected
              : io.peakhub.cases.supportcase.AttachmentScanner.Verdict.clean;
    }
  }

  static final String EICAR =
      "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

  static final MovableClock CLOCK = new MovableClock();
  static final RecordingKafka KAFKA = new RecordingKafka();
  static final StubIdentity IDENTITY = new StubIdentity();

  /**
   * identity-service as the tests set it: portal settings (defaults until set) and each account's
   * contacts.
   */
  static final class StubIdentity implements io.peakhub.cases.identity.Identity {
    volatile io.peakhub.cases.identity.PortalSettings settings =
        io.peakhub.cases.identity.PortalSettings.defaults();
    final Map<String, List<Contact>> contacts = new java.util.concurrent.ConcurrentHashMap<>();

    void allowManagersToCreateRequests(boolean allow) {
      settings =
          new io.peakhub.cases.identity.PortalSettings(
              allow,
              settings.caseSource(),
              settings.caseReopenWindowDays(),
              settings.caseArchiveAfterDays());
    }

    void caseSource(String source) {
      settings =
          new io.peakhub.cases.identity.PortalSettings(
              settings.allowManagersToCreateRequests(),
              source,
              settings.caseReopenWindowDays(),
              settings.caseArchiveAfterDays());
    }

    @Override
    public io.peakhub.cases.identity.PortalSettings settings() {
      return settings;
    }

    @Override
    public io.peakhub.cases.identity.PortalSettings lastKnown() {
      return settings;
    }

    @Override
    public List<Contact> contacts(String accountId) {
      return contacts.getOrDefault(accountId, List.of());
    }
  }

  static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-03-02T12:00:00Z");

    void advance(java.time.Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  record Sent(String topic, String key, String json) {}

  static final class RecordingKafka implements EventSink {
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    volatile boolean down;

    @Override
    public void send(String topic, String key, String json) {
      if (down) {
        throw new IllegalStateException("broker down (test)");
      }
      sent.add(new Sent(topic, key, json));
    }
  }
}
