package io.peakhub.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a real PostgreSQL (zonky's embedded binaries) on a kept data directory, creates the
 * databases it is given, writes a ready file, and stops PostgreSQL cleanly when it is stopped.
 * Arguments: dataDir port readyFile database...
 */
public final class PostgresMain {

  private PostgresMain() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("--unpack")) {
      unpack(Path.of(args[1]));
      return;
    }
    Path dataDir = Path.of(args[0]);
    int port = Integer.parseInt(args[1]);
    Path ready = Path.of(args[2]);
    List<String> databases = Arrays.asList(args).subList(3, args.length);
    Files.deleteIfExists(ready);
    Files.createDirectories(dataDir);
    EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setPort(port)
            .setServerConfig("max_connections", "300")
            .start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    pg.close();
                    System.out.println("postgres stopped");
                  } catch (Exception e) {
                    System.out.println("postgres stop failed: " + e);
                  }
                }));
    createDatabases("jdbc:postgresql://localhost:" + port + "/", "postgres", "", databases);
    Files.writeString(ready, "ready");
    System.out.println("postgres ready on port " + port + " with databases " + databases);
    Thread.currentThread().join();
  }

  /**
   * Unpacks the binaries into the temporary directory once, in a short-lived process: unpacking
   * needs a larger heap than running PostgreSQL does, and a long-lived launcher would keep that
   * heap.
   */
  private static void unpack(Path scratch) throws Exception {
    try (EmbeddedPostgres pg =
        EmbeddedPostgres.builder().setDataDirectory(scratch).setCleanDataDirectory(true).start()) {
      System.out.println(
          "postgres binaries unpacked (PostgreSQL "
              + pg.getPostgresDatabase().getConnection().getMetaData().getDatabaseProductVersion()
              + ")");
    }
  }

  static void createDatabases(String baseUrl, String user, String password, List<String> databases)
      throws Exception {
    try (Connection c = DriverManager.getConnection(baseUrl + "postgres", user, password)) {
      for (String db : databases) {
        try (ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db + "'")) {
          if (!rs.next()) {
            c.createStatement().execute("CREATE DATABASE " + db);
          }
        }
      }
    }
  }
}
