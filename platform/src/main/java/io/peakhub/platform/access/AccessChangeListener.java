package io.peakhub.platform.access;

import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops cached access decisions when identity-service announces a change, so a new profile or
 * membership takes effect on the user's next request. Every instance must see every change, so
 * {@link AccessChangeSubscription} feeds it all partitions of {@value #TOPIC} itself.
 */
public class AccessChangeListener {

  public static final String TOPIC = "identity.access";

  private static final Logger log = LoggerFactory.getLogger(AccessChangeListener.class);

  private final IdentityAccountAccess access;

  public AccessChangeListener(IdentityAccountAccess access) {
    this.access = access;
  }

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
