package io.peakhub.identity.impersonation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admin actions outside an impersonation (e.g. a settings change) in the same audit trail, in the
 * transaction of the change: who did it is the {@code user}, with no acting admin and no account.
 */
@Component
public class AuditTrail {

  private final JdbcClient jdbc;

  AuditTrail(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void record(String action, String userId, String username, String detail, Instant at) {
    jdbc.sql(
            """
            INSERT INTO audit_event (id, at, action, user_id, username, detail)
            VALUES (:id, :at, :action, :user, :username, :detail)""")
        .param("id", UUID.randomUUID())
        .param("at", Timestamp.from(at))
        .param("action", action)
        .param("user", userId)
        .param("username", username)
        .param("detail", detail)
        .update();
  }
}
