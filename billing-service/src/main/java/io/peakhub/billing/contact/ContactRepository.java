package io.peakhub.billing.contact;

import io.peakhub.platform.jdbc.RecordRows;
import io.peakhub.platform.security.CurrentUser;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one place that reads and writes account_contact. */
@Repository
class ContactRepository {

  private final JdbcClient jdbc;

  ContactRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Contact> find(UUID accountId, String role) {
    return jdbc.sql(
            """
            SELECT name, email, phone, line1, line2, city, postal_code, region, country FROM account_contact
            WHERE account_id = :a AND role = :r""")
        .param("a", accountId)
        .param("r", role)
        .query(RecordRows.of(Contact.class))
        .optional();
  }

  void save(UUID accountId, String role, Contact contact, CurrentUser user, Instant now) {
    jdbc.sql(
            """
            INSERT INTO account_contact (account_id, role, name, email, phone, line1, line2, city, postal_code, region,
                                         country, updated_at, updated_by, acting_admin)
            VALUES (:a, :role, :name, :email, :phone, :line1, :line2, :city, :postal, :region, :country, :now, :by, :admin)
            ON CONFLICT (account_id, role) DO UPDATE SET name = :name, email = :email, phone = :phone, line1 = :line1,
                line2 = :line2, city = :city, postal_code = :postal, region = :region, country = :country,
                updated_at = :now, updated_by = :by, acting_admin = :admin""")
        .param("a", accountId)
        .param("role", role)
        .param("name", contact.name())
        .param("email", contact.email())
        .param("phone", contact.phone())
        .param("line1", contact.line1())
        .param("line2", contact.line2())
        .param("city", contact.city())
        .param("postal", contact.postalCode())
        .param("region", contact.region())
        .param("country", contact.country())
        .param("now", Timestamp.from(now))
        .param("by", user.username())
        .param("admin", user.impersonatorId())
        .update();
  }

  void delete(UUID accountId, String role) {
    jdbc.sql("DELETE FROM account_contact WHERE account_id = :a AND role = :r")
        .param("a", accountId)
        .param("r", role)
        .update();
  }
}
