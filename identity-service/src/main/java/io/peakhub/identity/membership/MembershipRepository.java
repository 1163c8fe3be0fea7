package io.peakhub.identity.membership;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class MembershipRepository {

  private final JdbcClient jdbc;

  MembershipRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<UUID> accountIdsOf(String userId) {
    return jdbc.sql("SELECT account_id FROM account_membership WHERE user_id = :u ORDER BY account_id")
        .param("u", userId).query(UUID.class).list();
  }

  public List<Membership> membershipsOf(String userId) {
    return jdbc.sql("SELECT user_id, account_id, relation FROM account_membership WHERE user_id = :u ORDER BY account_id")
        .param("u", userId).query(Membership.class).list();
  }

  void replace(String userId, Relation relation, List<UUID> accountIds, String actor, Instant now) {
    jdbc.sql("DELETE FROM account_membership WHERE user_id = :u").param("u", userId).update();
    for (UUID accountId : accountIds) {
      jdbc.sql("""
              INSERT INTO account_membership (user_id, account_id, relation, created_at, created_by)
              VALUES (:u, :a, :r, :at, :by)""")
          .param("u", userId).param("a", accountId).param("r", relation.name()).param("at", Timestamp.from(now))
          .param("by", actor).update();
    }
  }
}
