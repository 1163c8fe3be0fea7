package io.peakhub.identity.events;

import io.peakhub.platform.outbox.Outbox;
import java.util.Collection;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Announces on identity.access that some users' access changed, in the transaction of the change,
 * so every service's cached decision for them is dropped and the next request asks again. The
 * event's account id field carries the user id, or "*" when every user may be affected.
 */
@Component
public class AccessEvents {

  public static final String TOPIC = "identity.access";
  public static final String EVERYONE = "*";

  /**
   * AccessChanged.v1: the user (or {@link #EVERYONE}) whose cached access decisions are stale, and
   * why.
   */
  public record AccessChanged(String userId, String reason) {

    static final String TYPE = "AccessChanged.v1";
  }

  private final Outbox outbox;

  AccessEvents(Outbox outbox) {
    this.outbox = outbox;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void changed(Collection<String> userIds, String why) {
    for (String userId : userIds) {
      outbox.append(TOPIC, userId, AccessChanged.TYPE, new AccessChanged(userId, why));
    }
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void changedForEveryone(String why) {
    outbox.append(TOPIC, EVERYONE, AccessChanged.TYPE, new AccessChanged(EVERYONE, why));
  }
}
