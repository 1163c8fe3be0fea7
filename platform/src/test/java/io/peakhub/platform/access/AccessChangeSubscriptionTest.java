package io.peakhub.platform.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.testapp.PlatformTestApplication;
import io.peakhub.platform.testing.TestJwts;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * AccessChanged events drop the cached access decision of every instance, read from all partitions
 * without a consumer group: a restart must leave no group behind on the broker.
 */
@SpringBootTest(
    classes = PlatformTestApplication.class,
    properties = {
      PlatformTestApplication.WITHOUT_DATABASE,
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      // a service that names its own consumer group (portal-bff does) must not pull the access
      // listener into it
      "spring.kafka.consumer.group-id=some-service",
      "peakhub.access.cache-ttl=PT1H"
    })
@EmbeddedKafka(partitions = 2, topics = AccessChangeListener.TOPIC)
class AccessChangeSubscriptionTest {

  static final FakeIdentity IDENTITY = new FakeIdentity();

  @DynamicPropertySource
  static void identity(DynamicPropertyRegistry registry) {
    registry.add("peakhub.identity.url", IDENTITY::url);
  }

  @AfterAll
  static void stopIdentity() {
    IDENTITY.close();
  }

  @Autowired IdentityAccountAccess access;
  @Autowired AccessChangeSubscription subscription;
  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired EmbeddedKafkaBroker broker;

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  /** Checks the user's access and answers how often identity-service has been asked so far. */
  private int checkAs(String userId) {
    String token = TestJwts.token(userId, "user-" + userId, "customer");
    SecurityContextHolder.getContext()
        .setAuthentication(new JwtAuthenticationToken(TestJwts.decoder().decode(token)));
    access.currentUserScope();
    return IDENTITY.requests();
  }

  private void announce(int partition, String userId) throws Exception {
    EventEnvelope event =
        new EventEnvelope(
            UUID.randomUUID(),
            "AccessChanged.v1",
            Instant.now(),
            userId,
            EventJson.tree(Map.of("userId", userId, "reason", "profile assigned")));
    kafka.send(AccessChangeListener.TOPIC, partition, userId, EventJson.write(event)).get();
  }

  private Collection<ConsumerGroupListing> consumerGroups() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
      @SuppressWarnings("deprecation")
      Collection<ConsumerGroupListing> groups = admin.listConsumerGroups().all().get();
      return groups;
    }
  }

  @Test
  void anAccessChangeOnAnyPartitionDropsThatUsersCachedDecisionAndNoConsumerGroupExists()
      throws Exception {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> subscription.assignedPartitions().equals(List.of(0, 1)));
    String alice = UUID.randomUUID().toString();
    String bob = UUID.randomUUID().toString();
    checkAs(alice);
    int asked = checkAs(bob);
    assertThat(checkAs(alice)).as("both answers are cached").isEqualTo(asked);

    announce(0, alice);
    await().atMost(Duration.ofSeconds(10)).until(() -> checkAs(alice) == asked + 1);
    assertThat(checkAs(bob)).as("bob's answer stays cached").isEqualTo(asked + 1);

    announce(1, bob);
    await().atMost(Duration.ofSeconds(10)).until(() -> checkAs(bob) == asked + 2);

    assertThat(consumerGroups()).as("consumer groups on the broker").isEmpty();
    subscription.stop();
    assertThat(subscription.assignedPartitions()).isEmpty();
    assertThat(consumerGroups()).as("consumer groups after the listener stopped").isEmpty();
  }
}
