package io.peakhub.billing.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.peakhub.billing.BillingApi;
import io.peakhub.datagen.BillingDataGenerator;
import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.testing.StaticAccountAccess;
import io.peakhub.platform.testing.TestJwts;
import io.peakhub.platform.testing.TestPostgres;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
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
 * Prints figures, asserts only what cannot be noise (every answer is 200, each load has the rows it
 * should): loads each size in turn with the generator, by default 1,000, 10,000 and 100,000
 * accounts of 20 invoices (2,000,000 invoices at the top; -Dbench.sizes,
 * -Dbench.invoices-per-account), and measures the invoice-history page, the account summary and one
 * invoice through the API in the same run. Whether they stay flat is read from the printed ratio
 * largest/smallest, not asserted: the machines are shared and a timed assertion would be noise. Run
 * with ./hub bench scale.
 */
@Tag("benchmark")
@SpringBootTest(
    properties = {
      "peakhub.outbox.relay.enabled=false",
      "spring.kafka.listener.auto-startup=false",
      "logging.level.root=WARN"
    })
@AutoConfigureMockMvc
@Import({TestJwts.Decoder.class, InvoiceHistoryBenchmarkTest.Grants.class})
class InvoiceHistoryBenchmarkTest {

  @TestConfiguration
  static class Grants {
    @Bean
    AccountAccess accountAccess() {
      return new StaticAccountAccess().grantAll("admin-1");
    }
  }

  static TestPostgres.Database db;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    db = TestPostgres.newDatabase("bench");
    registry.add("spring.datasource.url", db::url);
    registry.add("spring.datasource.username", db::username);
  }

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  record Figures(double p50, double p95) {}

  @Test
  void printsInvoiceHistorySummaryAndInvoiceLatencyAtEachSizeWithTheRatioLargestToSmallest()
      throws Exception {
    int[] sizes =
        Arrays.stream(System.getProperty("bench.sizes", "1000,10000,100000").split(","))
            .mapToInt(x -> Integer.parseInt(x.trim()))
            .toArray();
    int perAccount = Integer.getInteger("bench.invoices-per-account", 20);
    String[] names = {"invoice history page", "account summary", "one invoice with lines"};
    Figures[][] figures = new Figures[sizes.length][];
    long[] invoices = new long[sizes.length];
    for (int k = 0; k < sizes.length; k++) {
      jdbc.sql("DELETE FROM payment_allocation").update();
      jdbc.sql("DELETE FROM payment").update();
      jdbc.sql("DELETE FROM invoice_line").update();
      jdbc.sql("DELETE FROM invoice").update();
      jdbc.sql("DELETE FROM billing_account").update();
      var loaded =
          BillingDataGenerator.generate(
              new BillingDataGenerator.Options(
                  sizes[k], perAccount, k + 1, db.url(), db.username(), db.password()),
              System.out::println);
      System.out.printf(
          "%nBENCH generator: %,d accounts, %,d invoices, %,d payments in %.1f s (%.0f invoices/s)%n",
          loaded.accounts(),
          loaded.invoices(),
          loaded.payments(),
          loaded.millis() / 1000.0,
          loaded.invoices() * 1000.0 / loaded.millis());
      invoices[k] = count();
      assertThat(invoices[k]).isEqualTo((long) sizes[k] * perAccount);
      if (k == 0) {
        // JIT warm-up: after one pass the smallest size still measured at twice the larger ones
        for (int warm = 0; warm < 4; warm++) {
          measure();
        }
      }
      figures[k] = measure();
    }
    StringBuilder head = new StringBuilder(String.format("%nBENCH %-24s", "ms (p50 / p95)"));
    for (long n : invoices) {
      head.append(String.format("  %,10d invoices", n));
    }
    System.out.println(head.append("   p95 largest/smallest"));
    for (int i = 0; i < names.length; i++) {
      StringBuilder row = new StringBuilder(String.format("BENCH %-24s", names[i]));
      for (Figures[] f : figures) {
        row.append(String.format("  %8.2f / %7.2f", f[i].p50(), f[i].p95()));
      }
      System.out.println(
          row.append(
              String.format("   %6.2f", figures[sizes.length - 1][i].p95() / figures[0][i].p95())));
    }
  }

  private long count() {
    return jdbc.sql("SELECT count(*) FROM invoice").query(Long.class).single();
  }

  private Figures[] measure() throws Exception {
    List<UUID> accounts = jdbc.sql("SELECT id FROM billing_account").query(UUID.class).list();
    List<UUID> invoices =
        jdbc.sql("SELECT id FROM invoice TABLESAMPLE SYSTEM (10) LIMIT 400")
            .query(UUID.class)
            .list();
    Random random = new Random(3);
    int rounds = 300;
    double[][] samples = new double[3][rounds];
    for (int warm = 0; warm < 2; warm++) {
      for (int i = 0; i < rounds; i++) {
        UUID account = accounts.get(random.nextInt(accounts.size()));
        samples[0][i] = time("/accounts/" + account + "/invoices?sort=invoiceDate,desc&limit=25");
        samples[1][i] = time("/accounts/" + account + "/summary");
        UUID invoice = invoices.get(random.nextInt(invoices.size()));
        UUID owner =
            jdbc.sql("SELECT account_id FROM invoice WHERE id = :i")
                .param("i", invoice)
                .query(UUID.class)
                .single();
        samples[2][i] = time("/accounts/" + owner + "/invoices/" + invoice);
      }
    }
    Figures[] figures = new Figures[3];
    for (int k = 0; k < 3; k++) {
      double[] s = samples[k].clone();
      Arrays.sort(s);
      figures[k] = new Figures(s[rounds / 2], s[(int) (rounds * 0.95)]);
    }
    return figures;
  }

  private double time(String path) throws Exception {
    long t = System.nanoTime();
    int status =
        mvc.perform(get(path).header("Authorization", BillingApi.ADMIN))
            .andReturn()
            .getResponse()
            .getStatus();
    double ms = (System.nanoTime() - t) / 1e6;
    assertThat(status).isEqualTo(200);
    return ms;
  }
}
