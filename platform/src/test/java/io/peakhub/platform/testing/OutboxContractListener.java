package io.peakhub.platform.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * After each test of a {@link ServiceTest}, checks every event the test wrote to the outbox against
 * docs/asyncapi.yaml ({@link EventContract}): its type is a message of the file, declared on the
 * topic it was written to, and its JSON validates against the message's schema. A test that
 * publishes an event the contract does not describe fails, naming the event and what does not
 * match.
 */
public class OutboxContractListener implements TestExecutionListener {

  /** The last outbox row checked, per application context (its database). */
  private static final Map<ApplicationContext, Long> CHECKED = new ConcurrentHashMap<>();

  @Override
  public void afterTestMethod(TestContext testContext) {
    if (!testContext.hasApplicationContext()) {
      return;
    }
    ApplicationContext context = testContext.getApplicationContext();
    if (context.getBeanNamesForType(DataSource.class).length == 0) {
      return;
    }
    JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
    boolean hasOutbox =
        jdbc.sql("SELECT to_regclass('outbox_event') IS NOT NULL").query(Boolean.class).single();
    if (!hasOutbox) {
      return;
    }
    long after = CHECKED.getOrDefault(context, 0L);
    record Row(long seq, String topic, String payload) {}
    List<Row> rows =
        jdbc.sql("SELECT seq, topic, payload FROM outbox_event WHERE seq > :after ORDER BY seq")
            .param("after", after)
            .query(Row.class)
            .list();
    if (rows.isEmpty()) {
      return;
    }
    CHECKED.put(context, rows.getLast().seq());
    List<String> problems = new ArrayList<>();
    for (Row row : rows) {
      EventContract.get()
          .problems(row.topic(), row.payload())
          .forEach(p -> problems.add(p + "\n    in " + row.payload()));
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "Events that do not match docs/asyncapi.yaml:\n  " + String.join("\n  ", problems));
    }
  }
}
