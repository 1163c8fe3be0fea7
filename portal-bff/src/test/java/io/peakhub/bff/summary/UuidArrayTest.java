package io.peakhub.bff.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.peakhub.bff.summary.AccountDirectory.UuidArray;
import io.peakhub.platform.testing.ServiceTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.postgresql.jdbc.PgConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An executive's book as a uuid[] parameter: PostgreSQL reads the same ids from its binary form
 * (the service's connections send uuid[] binary) and from its text form (any other connection).
 */
@ServiceTest
class UuidArrayTest {

  @Autowired JdbcClient jdbc;
  @Autowired HikariDataSource dataSource;

  final Set<String> book =
      IntStream.range(0, 5000)
          .mapToObj(i -> UUID.randomUUID().toString())
          .collect(Collectors.toCollection(LinkedHashSet::new));

  @Test
  void theServicesConnectionsSendItBinaryAndTheServerReadsEveryId() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      assertThat(c.unwrap(PgConnection.class).getQueryExecutor().useBinaryForSend(2951))
          .as("application.yml's binaryTransferEnable reaches the connections")
          .isTrue();
    }
    List<String> read =
        jdbc.sql("SELECT u::text FROM unnest(:book) u")
            .param("book", UuidArray.of(book))
            .query(String.class)
            .list();
    assertThat(read).containsExactlyElementsOf(book);
  }

  @Test
  void aConnectionWithoutBinaryUuidArraysGetsTheTextForm() throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
        PreparedStatement ps = c.prepareStatement("SELECT u::text FROM unnest(?) u")) {
      assertThat(c.unwrap(PgConnection.class).getQueryExecutor().useBinaryForSend(2951)).isFalse();
      ps.setObject(1, UuidArray.of(book));
      Set<String> read = new HashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          read.add(rs.getString(1));
        }
      }
      assertThat(read).isEqualTo(book);
    }
  }

  @Test
  void anIdThatIsNotAUuidIsRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> UuidArray.of(Set.of(UUID.randomUUID().toString(), "1} OR {2")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
