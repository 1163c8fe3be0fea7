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
 * Prints figures, asserts only what cannot be noise (every answer is 200, the large load has the
 * rows it should): loads a small and then a large data set with the generator and measures the
 * invoice-history page, the account summary and one invoice through the API in the same run.
 * Whether they stay flat is read from the printed ratio large/small, not asserted: the machines are
 * shared and a timed assertion would be noise. Run with ./hub bench scale (size: -Dbench.accounts,
 * default 20000 accounts x 20 invoices).
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
  void printsInvoiceHistorySummaryAndInvoiceLatencyAtASmallAndALargeSizeWithTheirRatio()
      throws Exception {
    int large = Integer.getInteger("bench.accounts", 20_000);
    int perAccount = Integer.getInteger("bench.invoices-per-account", 20);

    BillingDataGenerator.generate(
        new BillingDataGenerator.Options(
            500, perAccount, 1, db.url(), db.username(), db.password()),
        s -> {});
    measure(); // JIT warm-up, so the small run is not measured cold
    Figures[] small = measure();
    long invoicesSmall = count();

    jdbc.sql("DELETE FROM payment_allocation").update();
    jdbc.sql("DELETE FROM payment").update();
    jdbc.sql("DELETE FROM invoice_line").update();
    jdbc.sql("DELETE FROM invoice").update();
    jdbc.sql("DELETE FROM billing_account").update();
    var loaded =
        BillingDataGenerator.generate(
            new BillingDataGenerator.Options(
                large, perAccount, 2, db.url(), db.username(), db.password()),
            System.out::println);
    Figures[] big = measure();

    System.out.printf(
        "%nBENCH generator: %d accounts, %d invoices, %d payments in %.1f s (%.0f invoices/s)%n",
        loaded.accounts(),
        loaded.invoices(),
        loaded.payments(),
        loaded.millis() / 1000.0,
        loaded.invoices() * 1000.0 / loaded.millis());
    String[] names = {"invoice history page", "account summary", "one invoice with lines"};
    for (int i = 0; i < names.length; i++) {
      System.out.printf(
          "BENCH %-24s  %7d invoices: p50 %6.2f ms p95 %6.2f ms | %9d invoices: p50 %6.2f ms p95 %6.2f ms"
              + " | ratio p50 %.2f%n",
          names[i],
          invoicesSmall,
          small[i].p50(),
          small[i].p95(),
          count(),
          big[i].p50(),
          big[i].p95(),
          big[i].p50() / small[i].p50());
    }
    assertThat(count()).isEqualTo((long) large * perAccount);
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
