package io.peakhub.identity.membership;

import io.peakhub.platform.jdbc.RecordRows;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one place that reads and writes account_membership; other features go through {@link
 * Memberships}.
 */
@Repository
class MembershipRepository {

  private final JdbcClient jdbc;

  MembershipRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<UUID> accountIdsOf(String userId) {
    return jdbc.sql(
            "SELECT account_id FROM account_membership WHERE user_id = :u ORDER BY account_id")
        .param("u", userId)
        .query(UUID.class)
        .list();
  }

  List<Membership> membershipsOf(String userId) {
    return jdbc.sql(
            "SELECT user_id, account_id, relation FROM account_membership WHERE user_id = :u ORDER BY account_id")
        .param("u", userId)
        .query(RecordRows.of(Membership.class))
        .list();
  }

  void replace(String userId, Relation relation, List<UUID> accountIds, String actor, Instant now) {
    jdbc.sql("DELETE FROM account_membership WHERE user_id = :u").param("u", userId).update();
    for (UUID accountId : accountIds) {
      jdbc.sql(
              """
              INSERT INTO account_membership (user_id, account_id, relation, created_at, created_by)
              VALUES (:u, :a, :r, :at, :by)""")
          .param("u", userId)
          .param("a", accountId)
          .param("r", relation.name())
          .param("at", Timestamp.from(now))
          .param("by", actor)
          .update();
    }
  }

  /** The users who belong to the account, in any relation. */
  List<String> userIdsIn(UUID accountId) {
    return jdbc.sql("SELECT user_id FROM account_membership WHERE account_id = :a ORDER BY user_id")
        .param("a", accountId)
        .query(String.class)
        .list();
  }

  /** The account's contacts (relation contact), the people a manager may open a case for. */
  public List<String> contactsOf(UUID accountId) {
    return jdbc.sql(
            "SELECT user_id FROM account_membership WHERE account_id = :a AND relation = 'contact' ORDER BY user_id")
        .param("a", accountId)
        .query(String.class)
        .list();
  }

  /** The accounts this user manages (relation manager). */
  List<UUID> managedBy(String managerId) {
    return jdbc.sql(
            """
            SELECT account_id FROM account_membership WHERE user_id = :id AND relation = 'manager' ORDER BY account_id""")
        .param("id", managerId)
        .query(UUID.class)
        .list();
  }

  /** The managers, other than {@code except}, of any of these accounts. */
  List<String> managersOf(Collection<UUID> accountIds, String except) {
    if (accountIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            """
            SELECT DISTINCT user_id FROM account_membership
            WHERE relation = 'manager' AND account_id IN (:accounts) AND user_id <> :id""")
        .param("accounts", accountIds)
        .param("id", except)
        .query(String.class)
        .list();
  }

  /**
   * Makes the manager manage exactly these accounts: they lose the others, and an account that had
   * another manager moves to this one (one manager per account).
   */
  void assignManager(String managerId, Collection<UUID> accountIds, String actor, Instant now) {
    jdbc.sql("DELETE FROM account_membership WHERE user_id = :id AND relation = 'manager'")
        .param("id", managerId)
        .update();
    for (UUID account : new LinkedHashSet<>(accountIds)) {
      jdbc.sql("DELETE FROM account_membership WHERE account_id = :a AND relation = 'manager'")
          .param("a", account)
          .update();
      jdbc.sql(
              """
              INSERT INTO account_membership (user_id, account_id, relation, created_at, created_by)
              VALUES (:id, :a, 'manager', :now, :by)""")
          .param("id", managerId)
          .param("a", account)
          .param("now", Timestamp.from(now))
          .param("by", actor)
          .update();
    }
  }

  /** Removes every membership of the user; answers what was removed, for {@link #restore}. */
  List<MembershipRecord> removeAll(String userId) {
    return jdbc.sql(
            """
            DELETE FROM account_membership WHERE user_id = :u
            RETURNING user_id, account_id, relation, created_at, created_by""")
        .param("u", userId)
        .query(RecordRows.of(MembershipRecord.class))
        .list();
  }

  /**
   * Puts removed memberships back as they were. One that clashes with the present (the account got
   * another manager meanwhile) is skipped: the present wins.
   */
  void restore(List<MembershipRecord> memberships) {
    for (MembershipRecord m : memberships) {
      jdbc.sql(
              """
              INSERT INTO account_membership (user_id, account_id, relation, created_at, created_by)
              VALUES (:u, :a, :r, :at, :by) ON CONFLICT DO NOTHING""")
          .param("u", m.userId())
          .param("a", m.accountId())
          .param("r", m.relation())
          .param("at", Timestamp.from(m.createdAt().toInstant()))
          .param("by", m.createdBy())
          .update();
    }
  }
}
