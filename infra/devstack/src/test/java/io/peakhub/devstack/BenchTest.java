package io.peakhub.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bench's per-request waits for a CPU: a thread pool's churn between readings. */
class BenchTest {

  @Test
  void aThreadThatEndedInBetweenIsLeftOutAndANewOneCountsFromZero() {
    Map<String, Long> before = Map.of("10/10", 1_000L, "10/11", 5_000_000L, "10/12", 300L);
    // 10/11 (a pool thread with 5 ms of waits) retired; 10/13 started and waited 2,000 ns
    Map<String, Long> after = Map.of("10/10", 1_500L, "10/12", 800L, "10/13", 2_000L);

    assertThat(Bench.waitedSince(before, after)).isEqualTo(500 + 500 + 2_000);
  }
}
