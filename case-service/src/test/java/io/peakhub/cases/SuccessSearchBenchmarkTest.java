package io.peakhub.cases;

import static io.peakhub.cases.CaseApi.myCases;
import static io.peakhub.cases.CaseTestSupport.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.cases.success.SuccessBenchData;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.TestAccess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Prints figures, asserts only what cannot be noise: the grouped customer success search through
 * the API on the MongoDB stand-in at 1,000, 10,000 and 100,000 success records in one run (records
 * added between sizes), p50/p99 per query shape for an agent (sees the whole account) and a
 * restricted customer contact (sees visible records naming them), and the ratio largest/smallest.
 * Rounds: -Dbench.rounds (default 40). Run: ./mvnw test -pl case-service -am -Dgroups=benchmark
 * -Dsurefire.excludedGroups= -Dtest=SuccessSearchBenchmarkTest
 * -Dsurefire.failIfNoSpecifiedTests=false
 */
@Tag("benchmark")
@SpringBootTest(properties = {"peakhub.outbox.relay.enabled=false", "logging.level.root=WARN"})
@AutoConfigureMockMvc
@Import(CaseTestSupport.Beans.class)
class SuccessSearchBenchmarkTest {

  static final String ACME = UUID.randomUUID().toString();
  static final List<String> ACCOUNTS =
      List.of(
          ACME,
          UUID.randomUUID().toString(),
          UUID.randomUUID().toString(),
          UUID.randomUUID().toString());
  static final String AGENT = UUID.randomUUID().toString();
  static final List<String> CONTACTS =
      List.of(
          UUID.randomUUID().toString(),
          UUID.randomUUID().toString(),
          UUID.randomUUID().toString(),
          UUID.randomUUID().toString(),
          UUID.randomUUID().toString());
  static final String CONNIE = CONTACTS.getFirst();

  static {
    TestAccess.GRANTS
        .grantAll(AGENT)
        .grant(CONNIE, myCases(Level.create, Grant.Scope.restricted), ACME);
  }

  @DynamicPropertySource
  static void mongo(DynamicPropertyRegistry registry) {
    CaseTestSupport.mongo(registry);
  }

  @Autowired MockMvc mvc;
  @Autowired MongoTemplate mongo;

  record Figures(double p50, double p99) {}

  @Test
  void searchFrom1kTo100kRecords() throws Exception {
    int rounds = Integer.getInteger("bench.rounds", 40);
    int[] sizes = {1_000, 10_000, 100_000};
    String agent = bearer(AGENT, "sam", "success_agent");
    String customer = bearer(CONNIE, "connie", "customer");
    Map<String, Figures[]> results = new LinkedHashMap<>();
    List<String> labels = new ArrayList<>();
    int loaded = 0;
    for (int s = 0; s < sizes.length; s++) {
      long start = System.nanoTime();
      SuccessBenchData.load(mongo, ACCOUNTS, CONTACTS, 1 + loaded, 1 + sizes[s], sizes[s]);
      loaded = sizes[s];
      System.out.printf(
          "BENCH loaded %d success records in %.1f s%n", loaded, (System.nanoTime() - start) / 1e9);
      // an ACME record (numbers 1, 5, 9, ... are ACME's) from the middle of what is loaded
      String number = SuccessBenchData.number(1 + 4 * (loaded / 8));
      Map<String, String> queries = new LinkedHashMap<>();
      queries.put("common word", "customer");
      queries.put("rare word", "kw4242");
      queries.put("number", number.toLowerCase());
      queries.put("prefix", "integ");
      queries.put("two words", "customer integ");
      queries.put("no match", "qqqxyz");
      if (s == 0) {
        for (String q : queries.values()) { // JIT warm-up, so the small size is not measured cold
          for (int i = 0; i < 20; i++) {
            time(agent, q);
            time(customer, q);
          }
        }
      }
      double[] writes = SuccessBenchData.indexWriteMillis(mongo, ACME, rounds);
      Arrays.sort(writes);
      if (s == 0) {
        labels.add("index upkeep of a write");
      }
      results.computeIfAbsent("index upkeep of a write", k -> new Figures[sizes.length])[s] =
          new Figures(
              writes[rounds / 2], writes[Math.min(rounds - 1, (int) Math.ceil(rounds * 0.99) - 1)]);
      for (var q : queries.entrySet()) {
        for (var who : Map.of("agent", agent, "customer", customer).entrySet()) {
          String label = who.getKey() + " / " + q.getKey();
          if (s == 0) {
            labels.add(label);
          }
          double[] samples = new double[rounds];
          for (int i = 0; i < rounds; i++) {
            samples[i] = time(who.getValue(), q.getValue());
          }
          Arrays.sort(samples);
          results.computeIfAbsent(label, k -> new Figures[sizes.length])[s] =
              new Figures(
                  samples[rounds / 2],
                  samples[Math.min(rounds - 1, (int) Math.ceil(rounds * 0.99) - 1)]);
        }
      }
    }
    System.out.printf("%nBENCH success search, %d rounds each (ms)%n", rounds);
    System.out.printf(
        "BENCH %-26s %18s %18s %18s  %s%n",
        "", "1,000 p50/p99", "10,000 p50/p99", "100,000 p50/p99", "ratio p50 100k/1k");
    labels.sort(null);
    for (String label : labels) {
      Figures[] f = results.get(label);
      System.out.printf(
          "BENCH %-26s %8.2f /%8.2f %8.2f /%8.2f %8.2f /%8.2f  %6.1f%n",
          label,
          f[0].p50(),
          f[0].p99(),
          f[1].p50(),
          f[1].p99(),
          f[2].p50(),
          f[2].p99(),
          f[2].p50() / f[0].p50());
    }
    assertThat(mongo.getCollection("success_record").countDocuments())
        .isEqualTo(sizes[sizes.length - 1]);
  }

  private double time(String token, String q) throws Exception {
    long start = System.nanoTime();
    mvc.perform(
            get("/accounts/" + ACME + "/success-search")
                .param("q", q)
                .header("Authorization", token))
        .andExpect(status().isOk());
    return (System.nanoTime() - start) / 1e6;
  }
}
