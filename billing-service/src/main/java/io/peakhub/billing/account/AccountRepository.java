package io.peakhub.billing.account;

import io.peakhub.platform.jdbc.RecordRows;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.postgresql.util.PSQLException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class AccountRepository {

  /** The unique keys of billing_account (V1, V10). */
  static final String NUMBER_KEY = "billing_account_number_key";

  static final String NAME_KEY = "billing_account_name_folded_key";

  /**
   * A name as {@link #NAME_KEY} compares it: case-insensitive, no surrounding spaces, a run of
   * spaces as one (the same expression as the index, so the check uses it).
   */
  private static final String FOLDED = "lower(btrim(regexp_replace(%s, '\\s+', ' ', 'g')))";

  private static final String COLUMNS =
      "id, number, name, currency, status, credit_balance, updated_at, locale";

  private final JdbcClient jdbc;

  AccountRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A page of account ids in id order, after the given one (null: from the start). */
  public java.util.List<UUID> idsAfter(UUID after, int limit) {
    return jdbc.sql("SELECT id FROM billing_account WHERE id > :after ORDER BY id LIMIT :n")
        .param("after", after == null ? new UUID(0, 0) : after)
        .param("n", limit)
        .query(UUID.class)
        .list();
  }

  public Optional<BillingAccount> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM billing_account WHERE id = :id")
        .param("id", id)
        .query(RecordRows.of(BillingAccount.class))
        .optional();
  }

  /** Locks the account row: every balance change of one account is serialised here. */
  public Optional<BillingAccount> lock(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM billing_account WHERE id = :id FOR UPDATE")
        .param("id", id)
        .query(RecordRows.of(BillingAccount.class))
        .optional();
  }

  void upsert(
      UUID id,
      String number,
      String name,
      String currency,
      String status,
      String locale,
      Instant now) {
    jdbc.sql(
            """
            INSERT INTO billing_account (id, number, name, currency, status, locale, created_at, updated_at)
            VALUES (:id, :number, :name, :currency, :status, :locale, :now, :now)
            ON CONFLICT (id) DO UPDATE SET number = :number, name = :name, status = :status, locale = :locale, updated_at = :now""")
        .param("id", id)
        .param("number", number)
        .param("name", name)
        .param("currency", currency)
        .param("status", status)
        .param("locale", locale)
        .param("now", Timestamp.from(now))
        .update();
  }

  public void setCreditBalance(UUID id, BigDecimal credit, Instant now) {
    jdbc.sql(
            "UPDATE billing_account SET credit_balance = :credit, updated_at = :now WHERE id = :id")
        .param("credit", credit)
        .param("now", Timestamp.from(now))
        .param("id", id)
        .update();
  }

  public void touch(UUID id, Instant now) {
    jdbc.sql("UPDATE billing_account SET updated_at = :now WHERE id = :id")
        .param("now", Timestamp.from(now))
        .param("id", id)
        .update();
  }

  public boolean numberTakenByAnother(UUID id, String number) {
    return jdbc.sql("SELECT count(*) FROM billing_account WHERE number = :n AND id <> :id")
            .param("n", number)
            .param("id", id)
            .query(Integer.class)
            .single()
        > 0;
  }

  /** Whether another account has this name, compared as {@link #NAME_KEY} does. */
  boolean nameTakenByAnother(UUID id, String name) {
    return jdbc.sql(
                "SELECT count(*) FROM billing_account WHERE "
                    + FOLDED.formatted("name")
                    + " = "
                    + FOLDED.formatted("CAST(:name AS text)")
                    + " AND id <> :id")
            .param("name", name)
            .param("id", id)
            .query(Integer.class)
            .single()
        > 0;
  }

  /** The unique key a refused write ran into, when PostgreSQL names one. */
  static Optional<String> violatedKey(DataAccessException e) {
    return e.getMostSpecificCause() instanceof PSQLException p && p.getServerErrorMessage() != null
        ? Optional.ofNullable(p.getServerErrorMessage().getConstraint())
        : Optional.empty();
  }
}
