package io.peakhub.identity.manager;

import io.peakhub.platform.jdbc.RecordRows;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The account_manager table. */
@Repository
class AccountManagerRepository {

  private static final String COLUMNS =
      """
      SELECT user_id, name, employee_id, primary_email, phone, mobile, login_name, created_at, created_by
      FROM account_manager""";

  private final JdbcClient jdbc;

  AccountManagerRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<AccountManager> all() {
    return jdbc.sql(COLUMNS + " ORDER BY lower(name), user_id")
        .query(RecordRows.of(AccountManager.class))
        .list();
  }

  Optional<AccountManager> find(String userId) {
    return jdbc.sql(COLUMNS + " WHERE user_id = :id")
        .param("id", userId)
        .query(RecordRows.of(AccountManager.class))
        .optional();
  }

  boolean loginNameTaken(String loginName) {
    return taken("login_name", loginName, null);
  }

  /** Another manager (not {@code except}) has this employee id. */
  boolean employeeIdTaken(String employeeId, String except) {
    return taken("employee_id", employeeId, except);
  }

  void insert(AccountManager m, Instant now) {
    jdbc.sql(
            """
            INSERT INTO account_manager (user_id, employee_id, name, primary_email, phone, mobile, login_name,
                                         created_at, created_by)
            VALUES (:id, :emp, :name, :email, :phone, :mobile, :login, :at, :by)""")
        .param("id", m.userId())
        .param("emp", m.employeeId())
        .param("name", m.name())
        .param("email", m.primaryEmail())
        .param("phone", m.phone())
        .param("mobile", m.mobile())
        .param("login", m.loginName())
        .param("at", Timestamp.from(m.createdAt() == null ? now : m.createdAt().toInstant()))
        .param("by", m.createdBy())
        .update();
  }

  /** Writes the editable details (not the login name, not the audit columns). */
  void updateDetails(AccountManager m) {
    jdbc.sql(
            """
            UPDATE account_manager SET name = :name, employee_id = :emp, primary_email = :email, phone = :phone,
                   mobile = :mobile WHERE user_id = :id""")
        .param("name", m.name())
        .param("emp", m.employeeId())
        .param("email", m.primaryEmail())
        .param("phone", m.phone())
        .param("mobile", m.mobile())
        .param("id", m.userId())
        .update();
  }

  void delete(String userId) {
    jdbc.sql("DELETE FROM account_manager WHERE user_id = :id").param("id", userId).update();
  }

  private boolean taken(String column, String value, String except) {
    return jdbc.sql(
                "SELECT count(*) FROM account_manager WHERE lower("
                    + column
                    + ") = lower(:v) AND user_id <> :id")
            .param("v", value)
            .param("id", except == null ? "" : except)
            .query(Integer.class)
            .single()
        > 0;
  }
}
