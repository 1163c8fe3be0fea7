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
 * Prints figures (asserts only that answers come): the header of one account and Customer Accounts
 * through the API as the read model grows, by default 1,000, 10,000 and 100,000 accounts
 * (-Dbench.sizes=1000,10000,100000), with open cases for a third of them: first page, a deep keyset
 * page, sorts, searches, and an account executive who manages 5,000 accounts (all of them at the
 * smallest size). Every size is measured in the same run and the table ends with the ratio
 * largest/smallest, which should stay near 1 (index-bound queries). Run: ./hub bench scale.
 */
@Tag("benchmark")
@SpringBootTest(
    properties = {
      "peakhub.outbox.relay.enabled=false",
      "spring.kafka.listener.auto-startup=false",
      "logging.level.root=WARN"
    })
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

  record Scenario(String name, boolean asExecutive, String url) {}

  /**
   * In a scenario's url, values taken at each size: an account in the middle of the list by number,
   * and the cursor 975 rows into the list by name.
   */
  static final String ACCOUNT = "{account}";

  static final String CURSOR = "{cursor}";

  static final List<Scenario> SCENARIOS =
      List.of(
          new Scenario("header of one account", false, "/api/accounts/" + ACCOUNT + "/header"),
          new Scenario("first page, by name", false, "/api/customer-accounts?limit=25"),
          new Scenario(
              "deep page (975 rows in), by name",
              false,
              "/api/customer-accounts?limit=25&after=" + CURSOR),
          new Scenario(
              "first page, by balance desc",
              false,
              "/api/customer-accounts?limit=25&direction=desc&sort=balance"),
          new Scenario(
              "first page, by overdue desc",
              false,
              "/api/customer-accounts?limit=25&direction=desc&sort=overdue"),
          new Scenario(
              "first page, by manager", false, "/api/customer-accounts?limit=25&sort=manager"),
          new Scenario(
              "search 'wonka 3f' (name)", false, "/api/customer-accounts?limit=25&q=wonka%203f"),
          new Scenario(
              "search 'a-00009' (number)", false, "/api/customer-accounts?limit=25&q=a-00009"),
          new Scenario("search 'zzz' (no match)", false, "/api/customer-accounts?limit=25&q=zzz"),
          new Scenario(
              "search 'acme' (an eighth of them)", false, "/api/customer-accounts?limit=25&q=acme"),
          new Scenario(
              "search 'a-0' (every account)", false, "/api/customer-accounts?limit=25&q=a-0"),
          new Scenario(
              "executive (5,000 accounts), by balance desc",
              true,
              "/api/customer-accounts?limit=25&direction=desc&sort=balance"),
          new Scenario(
              "executive (5,000 accounts), search 'acme'",
              true,
              "/api/customer-accounts?limit=25&q=acme"));

  @Test
  void printsCustomerAccountsLatencyAtEachSizeWithTheRatioLargestToSmallest() throws Exception {
    int[] sizes =
        Arrays.stream(System.getProperty("bench.sizes", "1000,10000,100000").split(","))
            .mapToInt(x -> Integer.parseInt(x.trim()))
            .toArray();
    String agent = "Bearer " + TestJwts.token("agent-1", "sam", "success_agent");
    String exec = "Bearer " + TestJwts.token("exec-1", "erin", "account_executive");
    double[][] p50 = new double[SCENARIOS.size()][sizes.length];
    double[][] p99 = new double[SCENARIOS.size()][sizes.length];
    for (int k = 0; k < sizes.length; k++) {
      load(sizes[k]);
      List<UUID> managed =
          jdbc.sql(
                  "SELECT account_id FROM account_summary ORDER BY md5(account_id::text) LIMIT 5000")
              .query(UUID.class)
              .list();
      ACCESS.grant(
          "exec-1",
          StaticAccountAccess.FULL,
          managed.stream().map(UUID::toString).toArray(String[]::new));
      String cursor = deepCursor(agent);
      String middle =
          jdbc.sql(
                  "SELECT account_id::text FROM account_summary ORDER BY account_number OFFSET :n LIMIT 1")
              .param("n", sizes[k] / 2)
              .query(String.class)
              .single();
      // at the smallest size every scenario runs twice uncounted first: measured cold, the JIT's
      // work made the smallest size look slowest (the header 3.1 ms p50 at 1,000, 0.5 at 100,000)
      for (int pass = k == 0 ? 0 : 2; pass <= 2; pass++) {
        for (int i = 0; i < SCENARIOS.size(); i++) {
          Scenario sc = SCENARIOS.get(i);
          String url = sc.url().replace(ACCOUNT, middle).replace(CURSOR, cursor);
          double[] f = measure(sc.asExecutive() ? exec : agent, url);
          p50[i][k] = f[0];
          p99[i][k] = f[1];
        }
      }
    }
    StringBuilder head =
        new StringBuilder(
            String.format("%n  %-46s", "Header and Customer Accounts, ms (p50 / p99)"));
    for (int size : sizes) {
      head.append(String.format("  %,10d accounts", size));
    }
    System.out.println(head.append("   p99 largest/smallest"));
    for (int i = 0; i < SCENARIOS.size(); i++) {
      StringBuilder row = new StringBuilder(String.format("  %-46s", SCENARIOS.get(i).name()));
      for (int k = 0; k < sizes.length; k++) {
        row.append(String.format("  %8.2f / %7.2f", p50[i][k], p99[i][k]));
      }
      System.out.println(
          row.append(String.format("   %6.2f", p99[i][sizes.length - 1] / p99[i][0])));
    }
  }

  /** {@code n} accounts in the read model, a third of them with one to three open cases. */
  private void load(int n) {
    long start = System.nanoTime();
    jdbc.sql("TRUNCATE account_summary, open_case").update();
    jdbc.sql(
            """
            INSERT INTO account_summary (account_id, account_number, name, currency, status, balance, credit_balance,
                                         last_payment_amount, last_payment_at, last_invoice_date, as_of, overdue_amount,
                                         account_manager)
            SELECT gen_random_uuid(), 'A-' || lpad(g::text, 7, '0'),
                   (ARRAY['Acme','Globex','Initech','Umbrella','Hooli','Stark','Wayne','Wonka'])[1 + g % 8]
                       || ' ' || md5(g::text), 'USD', CASE WHEN g % 10 = 0 THEN 'inactive' ELSE 'active' END,
                   (g % 5000) + 0.25, (g % 7) * 3, NULL,
                   CASE WHEN g % 4 = 0 THEN NULL ELSE now() - (g % 900) * interval '1 hour' END, NULL, now(),
                   (g % 11) * 10, CASE WHEN g % 3 = 0 THEN NULL ELSE 'Manager ' || (g % 50) END
            FROM generate_series(1, :n) g""")
        .param("n", n)
        .update();
    jdbc.sql(
            """
            INSERT INTO open_case (number, account_id, occurred_at)
            SELECT 'CS' || lpad((row_number() OVER ())::text, 7, '0'), s.account_id, now()
            FROM account_summary s CROSS JOIN generate_series(1, 3) c
            WHERE abs(hashtext(s.account_id::text)) % 3 = 0 AND c <= 1 + abs(hashtext(s.account_number)) % 3""")
        .update();
    jdbc.sql("ANALYZE account_summary").update();
    jdbc.sql("ANALYZE open_case").update();
    System.out.printf(
        "%nCustomer Accounts benchmark: %,d accounts and %,d open cases loaded in %d ms (pg_trgm: %s)%n",
        n,
        jdbc.sql("SELECT count(*) FROM open_case").query(Long.class).single(),
        (System.nanoTime() - start) / 1_000_000,
        jdbc.sql("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")
                    .query(Integer.class)
                    .single()
                == 1
            ? "installed, searches use trigram indexes"
            : "absent, searches scan");
  }

  private String deepCursor(String bearer) throws Exception {
    String after = null;
    for (int i = 0; i < 39; i++) {
      String body =
          mvc.perform(
                  get(URI.create(
                          "/api/customer-accounts?limit=25"
                              + (after == null ? "" : "&after=" + after)))
                      .header("Authorization", bearer))
              .andReturn()
              .getResponse()
              .getContentAsString();
      after = body.replaceAll("(?s).*\"next\":\"([^\"]+)\".*", "$1");
      assertThat(after).as("a next page after page " + (i + 1)).doesNotStartWith("{");
    }
    return after;
  }

  /** p50 and p99 in ms over 200 calls, after 20 to warm up. */
  private double[] measure(String bearer, String url) throws Exception {
    for (int i = 0; i < 20; i++) {
      call(bearer, url);
    }
    int runs = 200;
    long[] us = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      call(bearer, url);
      us[i] = (System.nanoTime() - start) / 1_000;
    }
    Arrays.sort(us);
    return new double[] {us[runs / 2] / 1000.0, us[(int) Math.ceil(runs * 0.99) - 1] / 1000.0};
  }

  private void call(String bearer, String url) throws Exception {
    int status =
        mvc.perform(get(URI.create(url)).header("Authorization", bearer))
            .andReturn()
            .getResponse()
            .getStatus();
    assertThat(status).isEqualTo(200);
  }
}
