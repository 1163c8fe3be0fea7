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

  /**
   * Published in the service after a change was applied, for caches of other identity answers
   * (portal settings).
   */
  public record AccessChanged(String userId) {

    public boolean everyone() {
      return "*".equals(userId);
    }
  }

  private final IdentityAccountAccess access;
  private final java.util.function.Consumer<AccessChanged> then;

  public AccessChangeListener(IdentityAccountAccess access) {
    this(access, changed -> {});
  }

  public AccessChangeListener(
      IdentityAccountAccess access, java.util.function.Consumer<AccessChanged> then) {
    this.access = access;
    this.then = then;
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
    then.accept(new AccessChanged(userId));
  }
}
