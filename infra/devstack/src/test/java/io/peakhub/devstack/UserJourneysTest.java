package io.peakhub.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bench reads the user journeys' figures from Gatling's own report. */
class UserJourneysTest {

  private static String report() throws Exception {
    try (var in = UserJourneysTest.class.getResourceAsStream("/gatling/statistics.html")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theStatisticsTableGivesEachRequestItsCountsAndPercentilesByTheColumnsNames()
      throws Exception {
    List<Map<String, Object>> rows = UserJourneys.statistics(report());

    assertThat(rows)
        .extracting(r -> r.get("request"))
        .containsExactly("All Requests", "me", "my account");
    assertThat(rows.getFirst())
        .containsEntry("count", 160L)
        .containsEntry("failed", 0) // Gatling writes "-" for none
        .containsEntry("perSecond", 11.43)
        .containsEntry("p50Ms", 45L)
        .containsEntry("p95Ms", 359L)
        .containsEntry("p99Ms", 844L)
        .containsEntry("p999Ms", 847L)
        .containsEntry("maxMs", 847L);
    assertThat(rows.get(2)).containsEntry("count", 20L).containsEntry("failed", 2L);
  }

  @Test
  void aTableWithoutAColumnTheBenchQuotesGivesNoRows() throws Exception {
    String withoutP99 = report().replace("<span>99th pct</span>", "<span>98th pct</span>");

    assertThat(UserJourneys.statistics(withoutP99)).isEmpty();
    assertThat(UserJourneys.statistics("<html>no report</html>")).isEmpty();
  }

  @Test
  void aSignedInBrowsersCookieHeaderGivesTheJourneyItsTwoCookies() {
    UserJourneys.Session s = UserJourneys.Session.of("SESSION=abc; XSRF-TOKEN=d=e", "acct");

    assertThat(s).isEqualTo(new UserJourneys.Session("abc", "d=e", "acct"));
  }
}
