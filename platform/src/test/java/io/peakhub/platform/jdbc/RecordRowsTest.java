package io.peakhub.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peakhub.platform.testing.TestPostgres;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class RecordRowsTest {

  enum Status {
    OPEN,
    PAID
  }

  record Invoice(
      UUID id,
      String accountNumber,
      BigDecimal balance,
      LocalDate dueDate,
      Instant paidAt,
      int lineCount,
      Long version,
      Status status) {}

  private static JdbcClient jdbc;

  @BeforeAll
  static void table() {
    var db = TestPostgres.newDatabase("record_rows");
    jdbc = JdbcClient.create(new DriverManagerDataSource(db.url(), db.username(), db.password()));
    jdbc.sql(
            """
            CREATE TABLE invoice (id uuid PRIMARY KEY, account_number text, balance numeric(19,4),
                                  due_date date, paid_at timestamptz, line_count int, version bigint,
                                  status text)""")
        .update();
    jdbc.sql(
            """
            INSERT INTO invoice VALUES
              ('a0000000-0000-4000-8000-000000000001', 'A-1', 12.5, '2026-12-01',
               '2026-12-04T10:15:30.123456Z', 3, 7, 'PAID'),
              ('a0000000-0000-4000-8000-000000000002', NULL, NULL, NULL, NULL, 0, NULL, 'OPEN')""")
        .update();
  }

  private static final String ALL =
      """
      SELECT id, account_number, balance, due_date, paid_at, line_count, version, status
      FROM invoice ORDER BY id""";

  @Test
  void mapsEachColumnToItsComponentAsSpringsClassBasedMapperDoes() {
    List<Invoice> rows = jdbc.sql(ALL).query(RecordRows.of(Invoice.class)).list();
    assertThat(rows).isEqualTo(jdbc.sql(ALL).query(Invoice.class).list());
    assertThat(rows.getFirst())
        .isEqualTo(
            new Invoice(
                UUID.fromString("a0000000-0000-4000-8000-000000000001"),
                "A-1",
                new BigDecimal("12.5000"),
                LocalDate.of(2026, 12, 1),
                Instant.parse("2026-12-04T10:15:30.123456Z"),
                3,
                7L,
                Status.PAID));
    assertThat(rows.get(1))
        .isEqualTo(
            new Invoice(
                UUID.fromString("a0000000-0000-4000-8000-000000000002"),
                null,
                null,
                null,
                null,
                0,
                null,
                Status.OPEN));
  }

  @Test
  void columnsMayBeNamedAsTheComponentsAndComeInAnyOrder() {
    Invoice row =
        jdbc.sql(
                """
                SELECT status, version, line_count AS "lineCount", paid_at, due_date, balance,
                       account_number AS accountnumber, id
                FROM invoice ORDER BY id LIMIT 1""")
            .query(RecordRows.of(Invoice.class))
            .single();
    assertThat(row.accountNumber()).isEqualTo("A-1");
    assertThat(row.lineCount()).isEqualTo(3);
    assertThat(row.paidAt()).isEqualTo(Instant.parse("2026-12-04T10:15:30.123456Z"));
  }

  @Test
  void aKeptMapperMatchesTheColumnsOfEachResultAgain() {
    var invoices = RecordRows.of(Invoice.class);
    Invoice first = jdbc.sql(ALL).query(invoices).list().getFirst();
    Invoice reordered =
        jdbc.sql(
                """
                SELECT status, version, line_count, paid_at, due_date, balance, account_number, id
                FROM invoice ORDER BY id""")
            .query(invoices)
            .list()
            .getFirst();
    assertThat(reordered).isEqualTo(first);
  }

  @Test
  void aMissingColumnIsAnErrorNamingIt() {
    assertThatThrownBy(
            () ->
                jdbc.sql("SELECT id, account_number FROM invoice")
                    .query(RecordRows.of(Invoice.class))
                    .list())
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("no column balance for Invoice.balance");
  }
}
