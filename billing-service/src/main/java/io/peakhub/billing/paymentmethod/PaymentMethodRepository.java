package io.peakhub.billing.paymentmethod;

import io.peakhub.platform.jdbc.RecordRows;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class PaymentMethodRepository {

  public record StoredMethod(
      UUID id,
      UUID accountId,
      String kind,
      String token,
      String brand,
      String last4,
      Integer expMonth,
      Integer expYear,
      String holder,
      boolean isDefault) {

    public boolean expired(YearMonth now) {
      return expYear != null && expMonth != null && YearMonth.of(expYear, expMonth).isBefore(now);
    }

    public PaymentMethodView view(YearMonth now) {
      return new PaymentMethodView(
          id, kind, brand, last4, expMonth, expYear, holder, isDefault, expired(now));
    }

    public String label() {
      return brand + " •••• " + last4;
    }
  }

  private static final String COLUMNS =
      "SELECT id, account_id, kind, token, brand, last4, exp_month, exp_year, holder, is_default FROM payment_method";

  private final JdbcClient jdbc;

  PaymentMethodRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<StoredMethod> active(UUID accountId) {
    return jdbc.sql(
            COLUMNS
                + " WHERE account_id = :a AND removed_at IS NULL ORDER BY is_default DESC, created_at DESC")
        .param("a", accountId)
        .query(RecordRows.of(StoredMethod.class))
        .list();
  }

  /** Only a method of this account, and not removed: another account's id is simply not found. */
  public Optional<StoredMethod> find(UUID accountId, UUID id) {
    return jdbc.sql(COLUMNS + " WHERE account_id = :a AND id = :id AND removed_at IS NULL")
        .param("a", accountId)
        .param("id", id)
        .query(RecordRows.of(StoredMethod.class))
        .optional();
  }

  public Optional<StoredMethod> defaultOf(UUID accountId) {
    return jdbc.sql(COLUMNS + " WHERE account_id = :a AND is_default AND removed_at IS NULL")
        .param("a", accountId)
        .query(RecordRows.of(StoredMethod.class))
        .optional();
  }

  void insert(
      UUID id,
      UUID accountId,
      String kind,
      String token,
      String brand,
      String last4,
      Integer expMonth,
      Integer expYear,
      String holder,
      boolean isDefault,
      String by,
      Instant now) {
    jdbc.sql(
            """
            INSERT INTO payment_method (id, account_id, kind, token, brand, last4, exp_month, exp_year, holder, is_default,
                                        created_at, created_by)
            VALUES (:id, :a, :kind, :token, :brand, :last4, :m, :y, :holder, :def, :now, :by)""")
        .param("id", id)
        .param("a", accountId)
        .param("kind", kind)
        .param("token", token)
        .param("brand", brand)
        .param("last4", last4)
        .param("m", expMonth)
        .param("y", expYear)
        .param("holder", holder)
        .param("def", isDefault)
        .param("now", Timestamp.from(now))
        .param("by", by)
        .update();
  }

  void makeDefault(UUID accountId, UUID id) {
    jdbc.sql("UPDATE payment_method SET is_default = false WHERE account_id = :a AND is_default")
        .param("a", accountId)
        .update();
    jdbc.sql("UPDATE payment_method SET is_default = true WHERE account_id = :a AND id = :id")
        .param("a", accountId)
        .param("id", id)
        .update();
  }

  void remove(UUID id, Instant now) {
    jdbc.sql("UPDATE payment_method SET removed_at = :now, is_default = false WHERE id = :id")
        .param("now", Timestamp.from(now))
        .param("id", id)
        .update();
  }
}
