package io.peakhub.devstack;

import io.peakhub.datagen.BillingDataGenerator;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo data `./hub up` loads, through the services' own admin APIs (never their tables), with a
 * service-account token of the Keycloak client hub-seeder. Every call is idempotent (PUT by key,
 * payments with an Idempotency-Key), so running it again changes nothing.
 */
final class DemoData {

  static final String PASSWORD = "demo1234";

  record User(String id, String username, String role, String note) {}

  record Account(String id, String number, String name, String currency, String locale) {}

  static final Account ACME =
      new Account(
          "a0000000-0000-4000-8000-000000000101", "A-000101", "Acme Corporation", "USD", "en-US");
  static final Account GLOBEX =
      new Account(
          "a0000000-0000-4000-8000-000000000102", "A-000102", "Globex GmbH", "EUR", "de-DE");
  static final Account INITECH =
      new Account("a0000000-0000-4000-8000-000000000103", "A-000103", "Initech KK", "JPY", "ja-JP");

  // ids and names match infra/keycloak/peak-realm.json
  static final List<User> USERS =
      List.of(
          new User(
              "c0000000-0000-4000-8000-000000000001",
              "alice",
              "customer",
              "contact of Acme Corporation"),
          new User(
              "c0000000-0000-4000-8000-000000000002", "bob", "customer", "contact of Globex GmbH"),
          new User(
              "c0000000-0000-4000-8000-000000000003", "carol", "customer", "contact of Initech KK"),
          new User(
              "e0000000-0000-4000-8000-000000000001",
              "erin",
              "account_executive",
              "manages all three accounts"),
          new User(
              "50000000-0000-4000-8000-000000000001",
              "sam",
              "success_agent",
              "works cases of every account"),
          new User(
              "ad000000-0000-4000-8000-000000000001", "ada", "admin", "administers the portal"));

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Settings settings;
  private final Components components;
  private String token;
  private LocalDate today;

  DemoData(Settings settings) {
    this.settings = settings;
    this.components = new Components(settings, new Processes(settings));
  }

  /**
   * The day the demo data was first seeded, kept in .hub beside the data (./hub reset deletes
   * both): its invoices and subscriptions are dated from it, so seeding again on a later day (./hub
   * up over a running stack) writes the same documents, not ones a day later that billing refuses
   * as another invoice under the same number (409).
   */
  static LocalDate seedDate(Path home, LocalDate now) throws IOException {
    Path file = home.resolve("demo-data-date");
    if (Files.exists(file)) {
      return LocalDate.parse(Files.readString(file).trim());
    }
    Files.createDirectories(home);
    Files.writeString(file, now + "\n");
    return now;
  }

  void seed() throws IOException, InterruptedException {
    token = serviceToken();
    String identity = components.serviceUrl("identity-service");
    String billing = components.serviceUrl("billing-service");
    String subscriptions = components.serviceUrl("subscription-service");
    String cases = components.serviceUrl("case-service");

    // identity's mirror of Keycloak's users first: a manager's name travels with
    // AccountManagerChanged.v1
    post(identity + "/admin/users/sync", "{}");
    put(identity + "/admin/memberships/" + USERS.get(0).id(), memberships("contact", ACME));
    put(identity + "/admin/memberships/" + USERS.get(1).id(), memberships("contact", GLOBEX));
    put(identity + "/admin/memberships/" + USERS.get(2).id(), memberships("contact", INITECH));
    put(
        identity + "/admin/memberships/" + USERS.get(3).id(),
        memberships("manager", ACME, GLOBEX, INITECH));

    today = seedDate(settings.home(), LocalDate.now());
    for (Account a : List.of(ACME, GLOBEX, INITECH)) {
      put(
          billing + "/admin/accounts/" + a.id(),
          """
          {"number":"%s","name":"%s","currency":"%s","status":"active","locale":"%s"}"""
              .formatted(a.number(), a.name(), a.currency(), a.locale()));
    }
    invoice(
        billing,
        ACME,
        "INV-2026-000101",
        today.minusDays(75),
        "Peak Analytics Pro, seats",
        "25",
        "48.00",
        "0");
    invoice(
        billing,
        ACME,
        "INV-2026-000102",
        today.minusDays(45),
        "Peak Support Premium",
        "1",
        "450.00",
        "0");
    invoice(
        billing,
        ACME,
        "INV-2026-000103",
        today.minusDays(15),
        "Peak Analytics Pro, additional seats",
        "19",
        "51.60",
        "0");
    invoice(
        billing,
        GLOBEX,
        "INV-2026-000201",
        today.minusDays(40),
        "Peak Analytics Standard, seats",
        "10",
        "200.00",
        "20");
    invoice(
        billing,
        GLOBEX,
        "INV-2026-000202",
        today.minusDays(10),
        "Onboarding workshop",
        "1",
        "258.54",
        "20");
    invoice(
        billing,
        INITECH,
        "INV-2026-000301",
        today.minusDays(20),
        "Peak Analytics Pro, seats",
        "5",
        "27500",
        "10");
    card(billing, ACME, "4242424242424242");
    card(billing, GLOBEX, "5555555555554444");
    card(billing, INITECH, "4242424242424242");
    pay(billing, ACME, "seed-acme-1", "1200.00");
    pay(billing, GLOBEX, "seed-globex-1", "1000.00");

    // each in its account's currency: billing invoices a subscription's charges only in the
    // account's own
    subscription(
        subscriptions,
        ACME,
        "SUB-000101",
        "Peak Analytics Pro",
        "analytics-pro-usd-monthly",
        25,
        "active");
    subscription(
        subscriptions,
        ACME,
        "SUB-000102",
        "Peak Support Premium",
        "support-premium-usd-monthly",
        1,
        "active");
    subscription(
        subscriptions,
        GLOBEX,
        "SUB-000201",
        "Peak Analytics Standard",
        "analytics-standard-eur-monthly",
        10,
        "active");
    subscription(
        subscriptions,
        INITECH,
        "SUB-000301",
        "Peak Analytics Pro",
        "analytics-pro-jpy-monthly",
        5,
        "paused");

    supportCase(
        cases,
        ACME,
        "CS-000101",
        "Invoice INV-2026-000102 shows the wrong VAT number",
        "open",
        USERS.get(0));
    supportCase(
        cases, ACME, "CS-000102", "Add two seats to Analytics Pro", "resolved", USERS.get(3));
    supportCase(cases, GLOBEX, "CS-000201", "Export of usage data fails", "open", USERS.get(1));

    // customer success (numbers from 9000000 up, out of the way of the ones case-service hands out)
    User alice = USERS.get(0);
    User sam = USERS.get(4);
    success(
        cases,
        "initiatives",
        "SINI9000101",
        ACME,
        null,
        "Roll out Analytics Pro to every region",
        "active",
        today.plusDays(60),
        true,
        alice,
        sam,
        null);
    success(
        cases,
        "cases",
        "SCS9000101",
        ACME,
        "SINI9000101",
        "Dashboards adoption in EMEA",
        "in_progress",
        today.plusDays(20),
        true,
        alice,
        sam,
        null);
    success(
        cases,
        "tasks",
        "STASK9000101",
        ACME,
        "SCS9000101",
        "Train the EMEA team leads",
        "open",
        today.plusDays(10),
        true,
        alice,
        sam,
        null);
    success(
        cases,
        "touchpoints",
        "STP9000101",
        ACME,
        "SINI9000101",
        "Quarterly business review",
        "planned",
        today.plusDays(14),
        true,
        alice,
        sam,
        "review");
    success(
        cases,
        "cases",
        "SCS9000102",
        ACME,
        "SINI9000101",
        "Renewal risk review",
        "new",
        today.plusDays(30),
        false,
        null,
        sam,
        null);
    success(
        cases,
        "initiatives",
        "SINI9000201",
        GLOBEX,
        null,
        "Automate the usage export",
        "planned",
        today.plusDays(45),
        true,
        USERS.get(1),
        null,
        null);
    put(
        cases + "/knowledge/articles/kb-dashboards",
        """
        {"title":"Setting up team dashboards","body":"Open Analytics, choose New dashboard, add the team's \
        widgets and share the dashboard with the team.","product":"Peak Analytics Pro","published":true}""");

    if (generateBillingData(
        settings.port("HUB_DEMO_ACCOUNTS", 40),
        settings.port("HUB_DEMO_INVOICES_PER_ACCOUNT", 12))) {
      announce();
    }
  }

  /**
   * More accounts with a history, for the admin's and agents' lists: the datagen module's bulk
   * loader of billing's tables (it adds only the accounts not already there), in a process of its
   * own on the devstack's class path. True when it added some.
   */
  boolean generateBillingData(int accounts, int invoicesPerAccount, String... more)
      throws IOException, InterruptedException {
    Processes processes = new Processes(settings);
    var command =
        new java.util.ArrayList<>(
            List.of(
                settings.javaCommand(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.peakhub.datagen.BillingDataGenerator",
                "--accounts",
                Integer.toString(accounts),
                "--invoices-per-account",
                Integer.toString(invoicesPerAccount)));
    command.addAll(List.of(more));
    command.addAll(
        List.of(
            "--db-url",
            settings.postgresBaseUrl() + "billing",
            "--db-user",
            settings.postgresUser(),
            "--db-password",
            settings.postgresPassword()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    java.nio.file.Files.writeString(
        processes.logFile("generator"),
        output,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    if (p.waitFor() != 0) {
      throw new Hub.StartupFailure(
          "generating billing data failed: see " + processes.logFile("generator"));
    }
    return !output.contains(BillingDataGenerator.NOTHING_TO_DO);
  }

  /**
   * The loader writes past billing's outbox: billing announces every account (a BalanceChanged.v1
   * each) so the BFF's lists know them too.
   */
  void announce() throws IOException, InterruptedException {
    if (token == null) {
      token = serviceToken();
    }
    // one request announces every account, a page per transaction: at 5,000 accounts it took over
    // the 30 s a seeding call gets on a slow machine here (and went on in billing all the same)
    post(
        components.serviceUrl("billing-service") + "/admin/accounts/announce",
        "{}",
        ANNOUNCE_TIMEOUT);
  }

  /** How many times a seeding call answered 503 is tried again. */
  static final int SEED_RETRIES = 5;

  /** How long a seeding call may take. */
  static final Duration SEED_CALL_TIMEOUT = Duration.ofSeconds(30);

  /** How long billing may take to announce every account again. */
  static final Duration ANNOUNCE_TIMEOUT = Duration.ofMinutes(10);

  /** What {@link #benchData} loaded: the account manager to sign in as and the deep account. */
  record BenchData(String login, String password, UUID deepAccount, int managed) {}

  static final String BENCH_PREFIX = "B";
  static final long BENCH_SEED = 11;
  static final String BENCH_MANAGER = "bench-ae";
  // the devstack's own Keycloak only, like the demo users' passwords
  static final String BENCH_PASSWORD = "bench-ae-demo-1234";

  /** identity-service takes at most this many accounts per association. */
  static final int MANAGED_AT_MOST = 5000;

  /**
   * ./hub bench's data: {@code accounts} accounts of its own prefix with {@code invoicesPerAccount}
   * invoices each and the first with {@code deepInvoices} (topped up, never loaded twice),
   * announced to the BFF, and an account manager, {@value #BENCH_MANAGER}, who manages the first
   * {@value #MANAGED_AT_MOST} of them, created through identity-service as an admin would.
   */
  BenchData benchData(int accounts, int invoicesPerAccount, int deepInvoices)
      throws IOException, InterruptedException {
    token = serviceToken();
    String identity = components.serviceUrl("identity-service");
    if (generateBillingData(
        accounts,
        invoicesPerAccount,
        "--prefix",
        BENCH_PREFIX,
        "--seed",
        Long.toString(BENCH_SEED),
        "--deep-invoices",
        Integer.toString(deepInvoices))) {
      announce();
    }
    String managerId = null;
    for (JsonNode m :
        JSON.readTree(
            send(HttpRequest.newBuilder(URI.create(identity + "/admin/account-managers")).GET()))) {
      if (m.get("loginName").asString().equals(BENCH_MANAGER)) {
        managerId = m.get("id").asString();
      }
    }
    if (managerId == null) {
      managerId =
          JSON.readTree(
                  send(
                      HttpRequest.newBuilder(URI.create(identity + "/admin/account-managers"))
                          .POST(
                              HttpRequest.BodyPublishers.ofString(
                                  """
                                  {"name":"Bench Executive","employeeId":"BENCH-1","primaryEmail":"bench-ae@example.com",                                  "loginName":"%s","password":"%s","retypePassword":"%s"}"""
                                      .formatted(BENCH_MANAGER, BENCH_PASSWORD, BENCH_PASSWORD)))))
              .get("id")
              .asString();
    }
    int managed = Math.min(accounts, MANAGED_AT_MOST);
    StringBuilder ids = new StringBuilder("{\"accountIds\":[");
    for (int a = 1; a <= managed; a++) {
      ids.append(a == 1 ? "" : ",")
          .append('"')
          .append(BillingDataGenerator.accountId(BENCH_SEED, a))
          .append('"');
    }
    put(
        identity + "/admin/account-managers/" + managerId + "/accounts",
        ids.append("]}").toString());
    return new BenchData(
        BENCH_MANAGER, BENCH_PASSWORD, BillingDataGenerator.accountId(BENCH_SEED, 1), managed);
  }

  private static String memberships(String relation, Account... accounts) {
    StringBuilder sb = new StringBuilder("{\"relation\":\"" + relation + "\",\"accountIds\":[");
    for (int i = 0; i < accounts.length; i++) {
      sb.append(i == 0 ? "" : ",").append('"').append(accounts[i].id()).append('"');
    }
    return sb.append("]}").toString();
  }

  private void invoice(
      String billing,
      Account a,
      String number,
      LocalDate date,
      String description,
      String quantity,
      String unitPrice,
      String taxRate)
      throws IOException, InterruptedException {
    put(
        billing + "/admin/accounts/" + a.id() + "/invoices/" + number,
        """
        {"invoiceDate":"%s","dueDate":"%s","lines":[{"description":"%s","quantity":%s,"unitPrice":"%s","taxRate":%s}]}"""
            .formatted(date, date.plusDays(30), description, quantity, unitPrice, taxRate));
  }

  /** A saved sandbox card, once: the seeder runs on every ./hub up. */
  private void card(String billing, Account a, String number)
      throws IOException, InterruptedException {
    String methods =
        send(
            HttpRequest.newBuilder(URI.create(billing + "/accounts/" + a.id() + "/payment-methods"))
                .GET());
    if (!JSON.readTree(methods).isEmpty()) {
      return;
    }
    String token =
        JSON.readTree(
                send(
                    HttpRequest.newBuilder(URI.create(billing + "/sandbox/tokens"))
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                """
            {"number":"%s","expMonth":12,"expYear":%d,"cvc":"123"}"""
                                    .formatted(number, today.getYear() + 3)))))
            .get("token")
            .asString();
    send(
        HttpRequest.newBuilder(URI.create(billing + "/accounts/" + a.id() + "/payment-methods"))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"type\":\"card\",\"token\":\"" + token + "\"}")));
  }

  private void pay(String billing, Account a, String key, String amount)
      throws IOException, InterruptedException {
    send(
        HttpRequest.newBuilder(URI.create(billing + "/accounts/" + a.id() + "/payments"))
            .header("Idempotency-Key", key)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    """
            {"amount":"%s","currency":"%s"}"""
                        .formatted(amount, a.currency()))));
  }

  private void subscription(
      String base,
      Account a,
      String number,
      String plan,
      String planCode,
      int quantity,
      String status)
      throws IOException, InterruptedException {
    put(
        base + "/admin/accounts/" + a.id() + "/subscriptions/" + number,
        """
        {"planName":"%s","planCode":"%s","quantity":%d,"status":"%s","startDate":"%s"}"""
            .formatted(plan, planCode, quantity, status, today.minusMonths(8)));
  }

  /**
   * Through case-service's import, which opens the case like any other (a CS0001234 number, its
   * events, so it counts among the account's open cases), once per key: the old demo number is only
   * the key.
   */
  private void supportCase(
      String base, Account a, String demoKey, String subject, String status, User requester)
      throws IOException, InterruptedException {
    put(
        base + "/admin/case-imports/demo-" + demoKey,
        """
        {"accountId":"%s","subject":"%s","status":"%s","requesterId":"%s","requesterName":"%s"}"""
            .formatted(a.id(), subject, status, requester.id(), requester.username()));
  }

  /**
   * A success record through case-service's admin import (PUT by number: running it again changes
   * nothing new).
   */
  private void success(
      String base,
      String kind,
      String number,
      Account a,
      String parent,
      String subject,
      String state,
      LocalDate due,
      boolean visible,
      User contact,
      User assignee,
      String touchpointType)
      throws IOException, InterruptedException {
    put(
        base + "/admin/success/" + kind + "/" + number,
        """
        {"accountId":"%s","parentNumber":%s,"subject":"%s","shortDescription":"%s","product":"Peak Analytics Pro",\
        "dueDate":"%s","state":"%s","visibleToCustomer":%s,"contactIds":[%s],"assigneeId":%s,"assigneeName":%s,\
        "touchpointType":%s}"""
            .formatted(
                a.id(),
                parent == null ? "null" : "\"" + parent + "\"",
                subject,
                "Demo: " + subject,
                due,
                state,
                visible,
                contact == null ? "" : "\"" + contact.id() + "\"",
                assignee == null ? "null" : "\"" + assignee.id() + "\"",
                assignee == null ? "null" : "\"" + assignee.username() + "\"",
                touchpointType == null ? "null" : "\"" + touchpointType + "\""));
  }

  private void post(String url, String json) throws IOException, InterruptedException {
    post(url, json, SEED_CALL_TIMEOUT);
  }

  private void post(String url, String json, Duration timeout)
      throws IOException, InterruptedException {
    send(
        HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(json)),
        timeout);
  }

  private void put(String url, String json) throws IOException, InterruptedException {
    send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  private String send(HttpRequest.Builder builder) throws IOException, InterruptedException {
    return send(builder, SEED_CALL_TIMEOUT);
  }

  private String send(HttpRequest.Builder builder, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest request =
        builder
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .timeout(timeout)
            .build();
    HttpResponse<String> response;
    try {
      response = Hub.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      // a 503 is a service (or Keycloak behind it) not ready yet on a loaded machine, answered
      // before any work: the call is tried again, a few times, as the answer's Retry-After says
      for (int retry = 1; response.statusCode() == 503 && retry <= SEED_RETRIES; retry++) {
        long wait = Math.min(response.headers().firstValueAsLong("Retry-After").orElse(2), 30);
        System.out.printf(
            "[hub] %s %s answered 503: trying again in %d s (%d/%d)%n",
            request.method(), request.uri(), wait, retry, SEED_RETRIES);
        Thread.sleep(Duration.ofSeconds(wait));
        response = Hub.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      }
    } catch (java.net.http.HttpTimeoutException e) {
      throw new Hub.StartupFailure(
          "seeding failed: "
              + request.method()
              + " "
              + request.uri()
              + " did not answer within "
              + timeout.toSeconds()
              + " s; see the service's log (./hub logs NAME) and try again");
    }
    if (response.statusCode() >= 300) {
      throw new Hub.StartupFailure(
          "seeding failed: "
              + request.method()
              + " "
              + request.uri()
              + " answered "
              + response.statusCode()
              + " "
              + response.body());
    }
    return response.body();
  }

  private String serviceToken() throws IOException, InterruptedException {
    String form =
        "grant_type=client_credentials&client_id=hub-seeder&client_secret="
            + URLEncoder.encode(
                settings.env().getOrDefault("HUB_SEEDER_SECRET", "hub-seeder-secret"),
                StandardCharsets.UTF_8);
    HttpResponse<String> response =
        Hub.HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(settings.issuerUri() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new Hub.StartupFailure(
          "Keycloak refused the seeder's token request ("
              + response.statusCode()
              + "): "
              + response.body());
    }
    JsonNode body = JSON.readTree(response.body());
    return body.get("access_token").asString();
  }
}
