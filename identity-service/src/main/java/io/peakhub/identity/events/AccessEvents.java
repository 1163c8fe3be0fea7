package io.peakhub.identity.events;

import io.peakhub.platform.outbox.Outbox;
import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Announces on identity.access that some users' access changed, in the transaction of the change, so
 * every service's cached decision for them is dropped and the next request asks again. The event's
 * account id field carries the user id, or "*" when every user may be affected.
 */
@Component
public class AccessEvents {

  public static final String TOPIC = "identity.access";
  public static final String EVERYONE = "*";

  private final Outbox outbox;

  AccessEvents(Outbox outbox) {
    this.outbox = outbox;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void changed(Collection<String> userIds, String why) {
    for (String userId : userIds) {
      outbox.append(TOPIC, userId, "AccessChanged.v1", Map.of("userId", userId, "reason", why));
    }
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void changedForEveryone(String why) {
    outbox.append(TOPIC, EVERYONE, "AccessChanged.v1", Map.of("userId", EVERYONE, "reason", why));
  }
}
