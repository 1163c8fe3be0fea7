package io.peakhub.platform.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM (zonky's embedded binaries, no Docker); each caller gets a fresh
 * database in it. Set TEST_POSTGRES_URL (e.g. jdbc:postgresql://127.0.0.1:5432/) with
 * TEST_POSTGRES_USER to use an existing server instead.
 */
public final class TestPostgres {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres embedded;

  private TestPostgres() {}

  public record Database(String url, String username, String password) {}

  public static synchronized Database newDatabase(String prefix) {
    String name =
        (prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet())
            .toLowerCase();
    String external = System.getenv("TEST_POSTGRES_URL");
    String user =
        external != null
            ? System.getenv().getOrDefault("TEST_POSTGRES_USER", "postgres")
            : "postgres";
    String base =
        external != null ? external : "jdbc:postgresql://localhost:" + embedded().getPort() + "/";
    try (Connection c = java.sql.DriverManager.getConnection(base + "postgres", user, "")) {
      c.createStatement().execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not create test database " + name + ": " + e.getMessage(), e);
    }
    return new Database(base + name, user, "");
  }

  private static EmbeddedPostgres embedded() {
    if (embedded == null) {
      try {
        embedded = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start: " + e.getMessage(), e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      embedded.close();
                    } catch (IOException ignored) {
                      // the JVM is exiting; zonky removes its data directory itself
                    }
                  }));
    }
    return embedded;
  }
}
