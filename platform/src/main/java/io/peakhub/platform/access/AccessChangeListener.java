package io.peakhub.platform.access;

import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Drops cached access decisions when identity-service announces a change, so a new profile or
 * membership takes effect on the user's next request. Every instance listens in its own consumer
 * group (a broadcast), from the latest offset: at start-up the cache is empty anyway.
 */
public class AccessChangeListener {

  private static final Logger log = LoggerFactory.getLogger(AccessChangeListener.class);

  private final IdentityAccountAccess access;

  public AccessChangeListener(IdentityAccountAccess access) {
    this.access = access;
  }

  @KafkaListener(topics = "identity.access", groupId = "${spring.application.name:service}-access-${random.uuid}",
      properties = "auto.offset.reset=latest")
  public void on(String message) {
    EventEnvelope event = EventJson.read(message);
    String userId = event.body().path("userId").asString("*");
    if ("*".equals(userId)) {
      access.forgetAll();
    } else {
      access.forget(userId);
    }
    log.info("access cache dropped for user={} event={}", userId, event.id());
  }
}
