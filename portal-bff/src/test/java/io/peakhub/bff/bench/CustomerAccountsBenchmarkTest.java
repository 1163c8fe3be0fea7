package io.peakhub.bff.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.testing.StaticAccountAccess;
import io.peakhub.platform.testing.TestJwts;
import io.peakhub.platform.testing.TestPostgres;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Prints figures (asserts only that answers come): Customer Accounts through the API at
 * -Dbench.accounts (default 100,000) rows of the read model: first page, a deep keyset page, every
 * sort, a name search, an executive's 200 accounts. Run: ./mvnw test -pl portal-bff -Dgroups=benchmark
 * -Dsurefire.excludedGroups= -Dtest=CustomerAccountsBenchmarkTest (with -am on a fresh checkout).
 */
@Tag("benchmark")
@SpringBootTest(properties = {"peakhub.outbox.relay.enabled=false", "spring.kafka.listener.auto-startup=false",
    "logging.level.root=WARN"})
@AutoConfigureMockMvc
@Import({TestJwts.Decoder.class, CustomerAccountsBenchmarkTest.Grants.class})
class CustomerAccountsBenchmarkTest {

  static final StaticAccountAccess ACCESS = new StaticAccountAccess().grantAll("agent-1");

  @TestConfiguration
  static class Grants {
    @Bean
    AccountAccess accountAccess() {
      return ACCESS;
    }
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    var db = TestPostgres.newDatabase("bffbench");
    registry.add("spring.datasource.url", db::url);
    registry.add("spring.datasource.username", db::username);
  }

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  @Test
  void customerAccountsAtScale() throws Exception {
    int accounts = Integer.getInteger("bench.accounts", 100_000);
    long loadStart = System.nanoTime();
    jdbc.sql("""
            INSERT INTO account_summary (account_id, account_number, name, currency, status, balance, credit_balance,
                                         last_payment_amount, last_payment_at, last_invoice_date, as_of, overdue_amount,
                                         account_manager)
            SELECT gen_random_uuid(), 'A-' || lpad(g::text, 7, '0'),
                   (ARRAY['Acme','Globex','Initech','Umbrella','Hooli','Stark','Wayne','Wonka'])[1 + g % 8]
                       || ' ' || md5(g::text), 'USD', CASE WHEN g % 10 = 0 THEN 'inactive' ELSE 'active' END,
                   (g % 5000) + 0.25, (g % 7) * 3, NULL,
                   CASE WHEN g % 4 = 0 THEN NULL ELSE now() - (g % 900) * interval '1 hour' END, NULL, now(),
                   (g % 11) * 10, CASE WHEN g % 3 = 0 THEN NULL ELSE 'Manager ' || (g % 50) END
            FROM generate_series(1, :n) g""").param("n", accounts).update();
    jdbc.sql("ANALYZE account_summary").update();
    System.out.printf("%nCustomer Accounts benchmark: %,d accounts loaded in %d ms%n", accounts,
        (System.nanoTime() - loadStart) / 1_000_000);

    String agent = "Bearer " + TestJwts.token("agent-1", "sam", "success_agent");
    List<UUID> managed = jdbc.sql("SELECT account_id FROM account_summary ORDER BY account_number LIMIT 200")
        .query(UUID.class).list();
    ACCESS.grant("exec-1", StaticAccountAccess.FULL, managed.stream().map(UUID::toString).toArray(String[]::new));
    String exec = "Bearer " + TestJwts.token("exec-1", "erin", "account_executive");

    measure("first page, by name", agent, "/api/customer-accounts?limit=25");
    String deep = deepCursor(agent);
    measure("page 41 (1,000 rows in), by name", agent, "/api/customer-accounts?limit=25&after=" + deep);
    for (String sort : List.of("number", "balance", "credit", "overdue", "lastPaymentAt", "status", "manager")) {
      measure("first page, by " + sort + " desc", agent, "/api/customer-accounts?limit=25&direction=desc&sort=" + sort);
    }
    measure("search 'wonka 3f' (substring of name)", agent, "/api/customer-accounts?limit=25&q=wonka%203f");
    measure("search 'a-00999' (number)", agent, "/api/customer-accounts?limit=25&q=a-00999");
    measure("search 'zzz' (no match)", agent, "/api/customer-accounts?limit=25&q=zzz");
    System.out.println("  pg_trgm installed: " + jdbc.sql("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")
        .query(Integer.class).single());
    jdbc.sql("""
            EXPLAIN ANALYZE SELECT account_id FROM (SELECT * FROM account_summary WHERE lower(name) LIKE '%wonka 3f%'
            OR lower(account_number) LIKE '%wonka 3f%' OFFSET 0) s ORDER BY lower(name), account_id LIMIT 26""")
        .query(String.class).list().forEach(line -> System.out.println("    " + line));
    measure("executive's 200 accounts, by balance", exec, "/api/customer-accounts?limit=25&sort=balance");
  }

  private String deepCursor(String bearer) throws Exception {
    String after = null;
    for (int i = 0; i < 40; i++) {
      String body = mvc.perform(get(URI.create("/api/customer-accounts?limit=25" + (after == null ? "" : "&after=" + after)))
          .header("Authorization", bearer)).andReturn().getResponse().getContentAsString();
      after = body.replaceAll("(?s).*\"next\":\"([^\"]+)\".*", "$1");
    }
    return after;
  }

  private void measure(String what, String bearer, String url) throws Exception {
    for (int i = 0; i < 5; i++) {
      call(bearer, url);
    }
    int runs = 30;
    long[] ms = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      call(bearer, url);
      ms[i] = (System.nanoTime() - start) / 1_000;
    }
    Arrays.sort(ms);
    System.out.printf("  %-45s p50 %6.2f ms   p95 %6.2f ms%n", what, ms[runs / 2] / 1000.0, ms[(int) (runs * 0.95)] / 1000.0);
  }

  private void call(String bearer, String url) throws Exception {
    int status = mvc.perform(get(URI.create(url)).header("Authorization", bearer)).andReturn().getResponse().getStatus();
    assertThat(status).isEqualTo(200);
  }

}
