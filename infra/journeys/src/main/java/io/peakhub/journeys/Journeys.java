package io.peakhub.journeys;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonFile;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.Cookie;
import static io.gatling.javaapi.http.HttpDsl.addCookie;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The bench's user journeys through the gateway, as the web app makes its calls, with an open
 * arrival model: new users arrive at a fixed rate whatever the answers do, so a slow answer shows
 * as latency, not as fewer requests. Each user starts signed in: {@code ./hub bench} signs real
 * users in through Keycloak's login form and hands their gateway sessions (SESSION and XSRF-TOKEN,
 * never a token) to this simulation in JSON files; Keycloak's sign-in is not part of the figures.
 *
 * <ul>
 *   <li><b>customer</b>: opens the web app (who am I, the portal settings), My Account with the
 *       header beside it as the browser fetches them, then the Invoices, Payments, Subscriptions
 *       and Cases tabs, a second apart;
 *   <li><b>account manager</b> (only when the bench loaded data at scale): Customer Accounts sorted
 *       by balance, a search, the first account's header and My Account, then the invoice history
 *       of an account with 2,000 invoices, five pages deep by its cursor.
 * </ul>
 *
 * Settings (system properties, set by the bench): {@code journeys.base} (the gateway's URL), {@code
 * journeys.customers} and {@code journeys.managers} (JSON files of signed-in sessions: {@code
 * session} and {@code xsrf}, the cookies, and {@code account}, the customer's account or the
 * manager's account with the deep history; no managers file, no manager journey), {@code
 * journeys.customersPerSecond}, {@code journeys.managersPerSecond}, {@code journeys.seconds},
 * {@code journeys.search} (Customer Accounts' search term).
 */
public class Journeys extends Simulation {

  private static final Duration THINK = Duration.ofSeconds(1);
  private static final int DEEP_PAGES = 5;

  private static String setting(String name) {
    String value = System.getProperty("journeys." + name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "journeys." + name + " is not set: the journeys run from ./hub bench");
    }
    return value;
  }

  /** The signed-in browser's two cookies, from the feeder's {@code session} and {@code xsrf}. */
  private static ChainBuilder signedIn(String host) {
    return exec(
        addCookie(Cookie("SESSION", "#{session}").withDomain(host).withPath("/")),
        addCookie(Cookie("XSRF-TOKEN", "#{xsrf}").withDomain(host).withPath("/")));
  }

  private static ScenarioBuilder customer(String customers, String host) {
    return scenario("customer")
        .feed(jsonFile(customers).circular())
        .exec(signedIn(host))
        .exec(
            http("me").get("/api/me").check(status().is(200)),
            http("my account")
                .get("/api/accounts/#{account}/my-account")
                .check(status().is(200))
                .resources(
                    http("header")
                        .get("/api/accounts/#{account}/header")
                        .check(status().is(200), jsonPath("$.balance").exists()),
                    http("settings").get("/api/settings").check(status().is(200))))
        .pause(THINK)
        .exec(
            http("invoices")
                .get("/api/accounts/#{account}/invoices?limit=20")
                .check(status().is(200), jsonPath("$.items").exists()))
        .pause(THINK)
        .exec(
            http("payments")
                .get("/api/accounts/#{account}/payments?limit=20")
                .check(status().is(200), jsonPath("$.items").exists()))
        .pause(THINK)
        .exec(
            http("subscriptions")
                .get("/api/accounts/#{account}/subscriptions")
                .check(status().is(200)))
        .pause(THINK)
        .exec(
            http("cases")
                .get("/api/cases?limit=20")
                .check(status().is(200), jsonPath("$.items").exists()));
  }

  private static ScenarioBuilder manager(String managers, String host, String search) {
    return scenario("account manager")
        .feed(jsonFile(managers).circular())
        .exec(signedIn(host))
        .exec(
            http("me").get("/api/me").check(status().is(200)),
            http("customer accounts, by balance")
                .get("/api/customer-accounts?sort=balance&direction=desc&limit=25")
                .check(status().is(200), jsonPath("$.items[0].accountId").saveAs("picked")))
        .pause(THINK)
        .exec(
            http("customer accounts, search")
                .get("/api/customer-accounts")
                .queryParam("q", search)
                .queryParam("limit", "25")
                .check(status().is(200), jsonPath("$.items").exists()))
        .pause(THINK)
        .exec(
            http("my account")
                .get("/api/accounts/#{picked}/my-account")
                .check(status().is(200))
                .resources(
                    http("header").get("/api/accounts/#{picked}/header").check(status().is(200))))
        .pause(THINK)
        .exec(
            http("invoice history, first page")
                .get("/api/accounts/#{account}/invoices?limit=25")
                .check(status().is(200), jsonPath("$.next").saveAs("next")))
        .repeat(DEEP_PAGES - 1)
        .on(
            exec(
                http("invoice history, next page")
                    .get("/api/accounts/#{account}/invoices")
                    .queryParam("limit", "25")
                    .queryParam("after", "#{next}")
                    .check(status().is(200), jsonPath("$.next").saveAs("next"))));
  }

  {
    String base = setting("base");
    String host = URI.create(base).getHost();
    Duration during = Duration.ofSeconds(Long.parseLong(setting("seconds")));
    HttpProtocolBuilder gateway = http.baseUrl(base).acceptHeader("application/json");
    List<PopulationBuilder> populations = new ArrayList<>();
    populations.add(
        customer(setting("customers"), host)
            .injectOpen(
                constantUsersPerSec(Double.parseDouble(setting("customersPerSecond")))
                    .during(during)));
    String managers = System.getProperty("journeys.managers");
    if (managers != null && !managers.isBlank()) {
      populations.add(
          manager(managers, host, setting("search"))
              .injectOpen(
                  constantUsersPerSec(Double.parseDouble(setting("managersPerSecond")))
                      .during(during)));
    }
    setUp(populations).protocols(gateway);
  }
}
