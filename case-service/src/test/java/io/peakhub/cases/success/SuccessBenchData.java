package io.peakhub.cases.success;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Success records in bulk for SuccessSearchBenchmarkTest: mixed kinds over several accounts, some
 * hidden from the customer, contact filters naming some of a handful of contacts; subjects and
 * descriptions drawn from a vocabulary with a common word ("customer", about every other record), a
 * prefix target ("integration", about one in six), a rare word ("kw" + 0..9999) and filler. Written
 * straight to the store as the admin import writes them (no activity, no event), and posted to the
 * search index in bulk.
 */
public final class SuccessBenchData {

  static final String[] FILLER = {
    "alpha",
    "review",
    "plan",
    "quarterly",
    "renewal",
    "adoption",
    "health",
    "score",
    "workshop",
    "training",
    "kickoff",
    "rollout",
    "migration",
    "report",
    "dashboard",
    "license",
    "expansion",
    "feedback",
    "survey",
    "milestone",
    "pilot",
    "success",
    "goal",
    "metric",
    "usage",
    "support",
    "escalation"
  };

  private SuccessBenchData() {}

  /**
   * Numbers from {@code from} (inclusive) to {@code to} (exclusive), the account of each picked by
   * the index.
   */
  public static void load(
      MongoTemplate mongo,
      List<String> accounts,
      List<String> contacts,
      int from,
      int to,
      long seed) {
    Random random = new Random(seed);
    Instant now = Instant.parse("2026-03-02T12:00:00Z");
    List<SuccessRecord> batch = new ArrayList<>();
    Map<String, Set<Object>> postings = new HashMap<>();
    for (int i = from; i < to; i++) {
      SuccessKind kind = kindOf(i);
      String number = kind.numberFormat().formatted(i);
      String account = accounts.get(i % accounts.size());
      SuccessRecord r = SuccessRecord.imported(number, kind, account, null, now);
      List<String> named = new ArrayList<>();
      for (String c : contacts) {
        if (random.nextInt(3) == 0) {
          named.add(c);
        }
      }
      r.reimport(
          new SuccessRecord.Fields(
              text(random, 4),
              text(random, 6),
              text(random, 10),
              "Hub",
              null,
              kind == SuccessKind.touchpoint ? "call" : null,
              List.of()),
          kind.states().getFirst(),
          random.nextInt(10) < 6,
          named,
          random.nextInt(4) == 0 ? "agent-" + random.nextInt(5) : null,
          null,
          now,
          "bench");
      batch.add(r);
      SuccessSearchIndex.collect(postings, account, kind, number, r.words());
      if (batch.size() == 2_000) {
        mongo.insertAll(batch);
        batch.clear();
      }
    }
    mongo.insertAll(batch);
    new SuccessSearchIndex(mongo).postAll(postings);
  }

  /**
   * What the index adds to a write, in ms per round: posting a new record of this account (about as
   * many words as a loaded one) and pulling its words again, as creating it and then changing all
   * its text would.
   */
  public static double[] indexWriteMillis(MongoTemplate mongo, String account, int rounds) {
    SuccessSearchIndex index = new SuccessSearchIndex(mongo);
    Random random = new Random(7);
    double[] samples = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      String number = SuccessKind.success_case.numberFormat().formatted(9_000_000 + i);
      List<String> words =
          SuccessWords.index(number, text(random, 4), text(random, 6), text(random, 10));
      long start = System.nanoTime();
      index.post(account, SuccessKind.success_case, number, words);
      index.pull(account, SuccessKind.success_case, number, words);
      samples[i] = (System.nanoTime() - start) / 1e6;
    }
    return samples;
  }

  /** The number of the i-th record, as {@link #load} gives it. */
  public static String number(int i) {
    return kindOf(i).numberFormat().formatted(i);
  }

  private static SuccessKind kindOf(int i) {
    return switch (i % 10) {
      case 0 -> SuccessKind.initiative;
      case 1, 2, 3, 4 -> SuccessKind.success_case;
      case 5, 6, 7 -> SuccessKind.task;
      default -> SuccessKind.touchpoint;
    };
  }

  private static String text(Random random, int words) {
    StringBuilder out = new StringBuilder();
    for (int w = 0; w < words; w++) {
      int pick = random.nextInt(100);
      String word =
          pick < 8
              ? "customer"
              : pick < 9
                  ? "integration"
                  : pick < 14
                      ? "kw" + random.nextInt(10_000)
                      : FILLER[random.nextInt(FILLER.length)];
      out.append(w == 0 ? "" : " ").append(word);
    }
    return out.toString();
  }
}
