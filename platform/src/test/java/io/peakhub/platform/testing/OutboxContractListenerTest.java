package io.peakhub.platform.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.TestContext;

/**
 * The listener fails the test that wrote an event the contract does not describe, and only that
 * test.
 */
class OutboxContractListenerTest {

  final OutboxContractListener listener = new OutboxContractListener();
  final TestContext test = mock(TestContext.class);
  JdbcClient jdbc;

  @BeforeEach
  void aServiceWithAnOutbox() {
    TestPostgres.Database db = TestPostgres.newDatabase("contract");
    DataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
    jdbc = JdbcClient.create(dataSource);
    jdbc.sql(
            """
        CREATE TABLE outbox_event (seq BIGSERIAL PRIMARY KEY, id UUID NOT NULL, topic TEXT NOT NULL,
            message_key TEXT NOT NULL, type TEXT NOT NULL, payload TEXT NOT NULL)""")
        .update();
    GenericApplicationContext context = new GenericApplicationContext();
    context.registerBean(DataSource.class, () -> dataSource);
    context.refresh();
    when(test.hasApplicationContext()).thenReturn(true);
    when(test.getApplicationContext()).thenReturn(context);
  }

  @Test
  void aTestThatWroteAnEventOutsideTheContractFailsAndTheNextTestIsJudgedOnItsOwnEvents() {
    write(
        "billing.invoice",
        "InvoiceVoided.v1",
        "{\"invoiceId\":\"not-a-uuid\",\"number\":\"INV-2026-000101\"}");
    assertThatThrownBy(() -> listener.afterTestMethod(test))
        .hasMessageContaining("InvoiceVoided.v1")
        .hasMessageContaining("invoiceId");

    write(
        "billing.invoice",
        "InvoiceVoided.v1",
        "{\"invoiceId\":\""
            + UUID.randomUUID()
            + "\",\"number\":\"INV-2026-000102\",\"reason\":\"duplicate\",\"by\":\"admin\"}");
    assertThatCode(() -> listener.afterTestMethod(test)).doesNotThrowAnyException();
  }

  private void write(String topic, String type, String body) {
    String account = UUID.randomUUID().toString();
    String payload =
        "{\"id\":\""
            + UUID.randomUUID()
            + "\",\"type\":\""
            + type
            + "\",\"occurredAt\":\"2026-04-01T10:00:00Z\",\"accountId\":\""
            + account
            + "\",\"body\":"
            + body
            + "}";
    jdbc.sql(
            "INSERT INTO outbox_event (id, topic, message_key, type, payload) VALUES (:id, :t, :k, :ty, :p)")
        .param("id", UUID.randomUUID())
        .param("t", topic)
        .param("k", account)
        .param("ty", type)
        .param("p", payload)
        .update();
  }
}
