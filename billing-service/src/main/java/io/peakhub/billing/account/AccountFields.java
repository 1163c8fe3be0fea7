package io.peakhub.billing.account;

import io.peakhub.platform.problem.ConflictException;
import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.platform.problem.NotFoundException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * The definitions of admin-defined account fields, and each account's values checked against them.
 */
@Service
public class AccountFields {

  static final int MAX_TEXT = 1000;

  private final JdbcClient jdbc;
  private final Clock clock;

  AccountFields(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  record Definition(
      String name, String label, String type, List<String> options, boolean required) {}

  @Transactional(readOnly = true)
  public List<AccountField> definitions() {
    return jdbc.sql("SELECT * FROM account_field ORDER BY position, name")
        .query((rs, n) -> field(rs))
        .list();
  }

  private Optional<AccountField> find(UUID id) {
    return jdbc.sql("SELECT * FROM account_field WHERE id = :id")
        .param("id", id)
        .query((rs, n) -> field(rs))
        .optional();
  }

  @Transactional
  public AccountField define(Definition d, String by) {
    List<String> options = checked(d);
    if (jdbc.sql("SELECT count(*) FROM account_field WHERE name = :n")
            .param("n", d.name())
            .query(Integer.class)
            .single()
        > 0) {
      throw new ConflictException(
          "field-name-taken", "An account field named " + d.name() + " exists already.");
    }
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    jdbc.sql(
            """
            INSERT INTO account_field (id, name, label, type, options, required, position, created_at, created_by,
                                       updated_at, updated_by)
            VALUES (:id, :name, :label, :type, CAST(:options AS text[]), :required,
                    (SELECT coalesce(max(position), 0) + 1 FROM account_field), :now, :by, :now, :by)""")
        .param("id", id)
        .param("name", d.name())
        .param("label", d.label().trim())
        .param("type", d.type())
        .param("options", arrayLiteral(options))
        .param("required", d.required())
        .param("now", Timestamp.from(now))
        .param("by", by)
        .update();
    return find(id).orElseThrow();
  }

  /**
   * Label, options and required may change; the name and type stay (values were checked against
   * them).
   */
  @Transactional
  public AccountField redefine(UUID id, Definition d, String by) {
    AccountField existing = find(id).orElseThrow(() -> new NotFoundException("Account field", id));
    if (!existing.name().equals(d.name())) {
      throw new InvalidInputException("name", "A field's name cannot change once it exists.");
    }
    if (!existing.type().equals(d.type())) {
      throw new InvalidInputException("type", "A field's type cannot change once it exists.");
    }
    List<String> options = checked(d);
    if (existing.type().equals("picklist")) {
      List<String> used =
          jdbc
              .sql(
                  "SELECT DISTINCT value FROM account_field_value WHERE field_id = :id ORDER BY value")
              .param("id", id)
              .query(String.class)
              .list()
              .stream()
              .filter(v -> !options.contains(v))
              .toList();
      if (!used.isEmpty()) {
        throw new ConflictException(
            "option-in-use",
            "Accounts still have "
                + String.join(", ", used)
                + " in "
                + existing.label()
                + ": change their values first.");
      }
    }
    jdbc.sql(
            """
            UPDATE account_field SET label = :label, options = CAST(:options AS text[]), required = :required,
                                     updated_at = :now, updated_by = :by WHERE id = :id""")
        .param("label", d.label().trim())
        .param("options", arrayLiteral(options))
        .param("required", d.required())
        .param("now", Timestamp.from(clock.instant()))
        .param("by", by)
        .param("id", id)
        .update();
    return find(id).orElseThrow();
  }

  /** Deletes the definition and every account's value of it. */
  @Transactional
  public void delete(UUID id) {
    if (jdbc.sql("DELETE FROM account_field WHERE id = :id").param("id", id).update() == 0) {
      throw new NotFoundException("Account field", id);
    }
  }

  @Transactional(readOnly = true)
  public List<AccountFieldValue> of(UUID accountId) {
    Map<UUID, String> values = new HashMap<>();
    jdbc.sql("SELECT field_id, value FROM account_field_value WHERE account_id = :a")
        .param("a", accountId)
        .query((rs, n) -> values.put(rs.getObject(1, UUID.class), rs.getString(2)))
        .list();
    return definitions().stream()
        .map(
            f ->
                new AccountFieldValue(
                    f.name(), f.label(), f.type(), f.options(), f.required(), values.get(f.id())))
        .toList();
  }

  /**
   * Sets the values given (a null or blank value clears one); others keep theirs. Each value must
   * fit its field's type, and afterwards every required field must have a value: 400 naming {@code
   * fields.<name>}.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void set(UUID accountId, Map<String, JsonNode> given, String by) {
    Map<String, AccountField> byName = new HashMap<>();
    definitions().forEach(f -> byName.put(f.name(), f));
    Map<UUID, String> next = new HashMap<>();
    jdbc.sql("SELECT field_id, value FROM account_field_value WHERE account_id = :a")
        .param("a", accountId)
        .query((rs, n) -> next.put(rs.getObject(1, UUID.class), rs.getString(2)))
        .list();
    Map<AccountField, String> changes = new java.util.LinkedHashMap<>();
    given.forEach(
        (name, raw) -> {
          AccountField field = byName.get(name);
          if (field == null) {
            throw new InvalidInputException(
                "fields." + name, "There is no account field named " + name + ".");
          }
          String value = canonical(field, raw);
          changes.put(field, value);
          if (value == null) {
            next.remove(field.id());
          } else {
            next.put(field.id(), value);
          }
        });
    for (AccountField f :
        byName.values().stream()
            .sorted(java.util.Comparator.comparingInt(AccountField::position))
            .toList()) {
      if (f.required() && next.get(f.id()) == null) {
        throw new InvalidInputException("fields." + f.name(), f.label() + " is required.");
      }
    }
    Timestamp now = Timestamp.from(clock.instant());
    changes.forEach(
        (field, value) -> {
          if (value == null) {
            jdbc.sql("DELETE FROM account_field_value WHERE account_id = :a AND field_id = :f")
                .param("a", accountId)
                .param("f", field.id())
                .update();
          } else {
            jdbc.sql(
                    """
                INSERT INTO account_field_value (account_id, field_id, value, updated_at, updated_by)
                VALUES (:a, :f, :v, :now, :by)
                ON CONFLICT (account_id, field_id) DO UPDATE SET value = :v, updated_at = :now, updated_by = :by""")
                .param("a", accountId)
                .param("f", field.id())
                .param("v", value)
                .param("now", now)
                .param("by", by)
                .update();
          }
        });
  }

  /**
   * The value in its stored form, null for none; refuses one that does not fit the field's type.
   */
  static String canonical(AccountField field, JsonNode raw) {
    String path = "fields." + field.name();
    if (raw == null || raw.isNull() || (raw.isString() && raw.asString().isBlank())) {
      return null;
    }
    if (!raw.isString() && !raw.isNumber()) {
      throw new InvalidInputException(path, field.label() + ": expected " + expected(field) + ".");
    }
    String text = raw.isString() ? raw.asString().trim() : raw.decimalValue().toPlainString();
    switch (field.type()) {
      case "number" -> {
        try {
          return new BigDecimal(text).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
          throw new InvalidInputException(
              path, field.label() + ": expected a number, not '" + clip(text) + "'.");
        }
      }
      case "date" -> {
        try {
          return LocalDate.parse(text).toString();
        } catch (DateTimeParseException e) {
          throw new InvalidInputException(
              path, field.label() + ": expected a date as YYYY-MM-DD, not '" + clip(text) + "'.");
        }
      }
      case "picklist" -> {
        if (!field.options().contains(text)) {
          throw new InvalidInputException(
              path,
              field.label() + ": expected one of " + String.join(", ", field.options()) + ".");
        }
        return text;
      }
      default -> {
        if (text.length() > MAX_TEXT) {
          throw new InvalidInputException(
              path, field.label() + ": at most " + MAX_TEXT + " characters.");
        }
        return text;
      }
    }
  }

  private static String expected(AccountField field) {
    return switch (field.type()) {
      case "number" -> "a number";
      case "date" -> "a date as YYYY-MM-DD";
      case "picklist" -> "one of " + String.join(", ", field.options());
      default -> "text";
    };
  }

  private static String clip(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }

  /** A pick-list needs options (unique, non-blank); other types take none. */
  private static List<String> checked(Definition d) {
    List<String> options =
        d.options() == null ? List.of() : d.options().stream().map(String::trim).toList();
    if (!d.type().equals("picklist")) {
      if (!options.isEmpty()) {
        throw new InvalidInputException("options", "Only a pick-list has options.");
      }
      return options;
    }
    if (options.isEmpty()) {
      throw new InvalidInputException("options", "A pick-list needs at least one option.");
    }
    if (options.stream().anyMatch(o -> o.isEmpty() || o.length() > 100)) {
      throw new InvalidInputException("options", "Each option needs 1 to 100 characters.");
    }
    if (new LinkedHashSet<>(options).size() != options.size()) {
      throw new InvalidInputException("options", "Each option may appear once.");
    }
    return options;
  }

  /**
   * A PostgreSQL array literal with every element quoted: a Java array would be expanded into
   * parameters.
   */
  private static String arrayLiteral(List<String> values) {
    return "{"
        + String.join(
            ",",
            values.stream()
                .map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .toList())
        + "}";
  }

  private static AccountField field(ResultSet rs) throws SQLException {
    Array options = rs.getArray("options");
    List<String> list =
        options == null
            ? List.of()
            : Arrays.stream((Object[]) options.getArray()).map(String::valueOf).toList();
    return new AccountField(
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        rs.getString("label"),
        rs.getString("type"),
        list,
        rs.getBoolean("required"),
        rs.getInt("position"));
  }
}
