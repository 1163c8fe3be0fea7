package io.peakhub.bff.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.ServiceTest;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestJwts;
import java.math.BigDecimal;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Customer Accounts from the read model: who sees which accounts, search, every sort in both
 * directions, and keyset pages that join up across page boundaries (ties and nulls included). Each
 * test's accounts carry a fresh name token and are found by searching for it.
 */
@ServiceTest
class CustomerAccountsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  record Account(
      UUID id,
      String number,
      String name,
      BigDecimal balance,
      BigDecimal credit,
      BigDecimal overdue,
      Instant lastPaymentAt,
      String status,
      String manager,
      int activeSubscriptions,
      BigDecimal mrr) {}

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  String token;
  final List<Account> accounts = new ArrayList<>();
  final String agent = UUID.randomUUID().toString();
  final String agentToken = "Bearer " + TestJwts.token(agent, "sam", "success_agent");

  @BeforeEach
  void sevenAccounts() {
    token = "t" + UUID.randomUUID().toString().substring(0, 8);
    TestAccess.GRANTS.grantAll(agent);
    Instant t = Instant.parse("2026-10-01T10:00:00Z");
    add(
        "A-" + token + "-1",
        token + " Acme",
        "100.00",
        "0",
        "0",
        t,
        "active",
        "Erin Easton",
        2,
        "1650.00");
    add(
        "A-" + token + "-2",
        token + " globex",
        "100.00",
        "5.00",
        "40.00",
        null,
        "active",
        null,
        1,
        "200.00");
    add(
        "A-" + token + "-3",
        token + " Initech",
        "20.50",
        "0",
        "20.50",
        t.plusSeconds(60),
        "inactive",
        "adam Ames",
        0,
        "0");
    add(
        "A-" + token + "-4",
        token + " Umbrella",
        "0.00",
        "12.00",
        "0",
        null,
        "active",
        "Erin Easton",
        1,
        "200.00");
    add(
        "A-" + token + "-5",
        token + " hooli",
        "999.99",
        "0",
        "500.00",
        t.minusSeconds(3600),
        "active",
        "Zoe Zhang",
        10,
        "12.50");
    add("A-" + token + "-6", token + " Acme Europe", "100.00", "0", "0", t, "active", null, 0, "0");
    add(
        "A-" + token + "-7",
        token + " Stark",
        "5.00",
        "1.00",
        "5.00",
        t.plusSeconds(7200),
        "inactive",
        "Erin Easton",
        2,
        "1650.00");
  }

  private void add(
      String number,
      String name,
      String balance,
      String credit,
      String overdue,
      Instant lastPaymentAt,
      String status,
      String manager,
      int activeSubscriptions,
      String mrr) {
    Account a =
        new Account(
            UUID.randomUUID(),
            number,
            name,
            new BigDecimal(balance),
            new BigDecimal(credit),
            new BigDecimal(overdue),
            lastPaymentAt,
            status,
            manager,
            activeSubscriptions,
            new BigDecimal(mrr));
    accounts.add(a);
    jdbc.sql(
            """
            INSERT INTO account_summary (account_id, account_number, name, currency, status, balance, credit_balance,
                                         last_payment_at, as_of, overdue_amount, account_manager, active_subscriptions,
                                         mrr)
            VALUES (:id, :number, :name, 'USD', :status, :balance, :credit, :last, now(), :overdue, :manager, :active,
                    :mrr)""")
        .param("id", a.id())
        .param("number", a.number())
        .param("name", a.name())
        .param("status", status)
        .param("balance", a.balance())
        .param("credit", a.credit())
        .param("last", lastPaymentAt == null ? null : Timestamp.from(lastPaymentAt))
        .param("overdue", a.overdue())
        .param("manager", manager)
        .param("active", activeSubscriptions)
        .param("mrr", a.mrr())
        .update();
  }

  private JsonNode page(String bearer, String query) throws Exception {
    String body =
        mvc.perform(
                get(URI.create("/api/customer-accounts?" + query)).header("Authorization", bearer))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return JSON.readTree(body);
  }

  private static List<String> names(JsonNode page) {
    List<String> names = new ArrayList<>();
    page.path("items").forEach(i -> names.add(i.path("name").asString()));
    return names;
  }

  @Test
  void anAccountExecutiveSeesExactlyTheAccountsTheyManage() throws Exception {
    String erin = UUID.randomUUID().toString();
    TestAccess.GRANTS.grant(
        erin,
        Map.of(Area.customer_accounts, new Grant(Level.full, Grant.Scope.all)),
        accounts.get(0).id().toString(),
        accounts.get(3).id().toString(),
        accounts.get(6).id().toString());
    JsonNode page =
        page("Bearer " + TestJwts.token(erin, "erin", "account_executive"), "q=" + token);
    assertThat(names(page)).containsExactly(token + " Acme", token + " Stark", token + " Umbrella");
    assertThat(page.path("items").get(0).path("accountManager").asString())
        .isEqualTo("Erin Easton");
    assertThat(page.path("next").isNull()).isTrue();
  }

  @Test
  void successAgentsAndAdminsSeeEveryAccount() throws Exception {
    assertThat(names(page(agentToken, "q=" + token + "&limit=100"))).hasSize(7);
    String ada = UUID.randomUUID().toString();
    TestAccess.GRANTS.grantAll(ada);
    assertThat(names(page("Bearer " + TestJwts.token(ada, "ada", "admin"), "q=" + token)))
        .hasSize(7);
  }

  @Test
  void customersAreRefused() throws Exception {
    String alice = UUID.randomUUID().toString();
    TestAccess.GRANTS.grant(
        alice,
        Map.of(
            Area.pay_invoices,
            new Grant(Level.create, Grant.Scope.all),
            Area.my_account,
            new Grant(Level.edit, Grant.Scope.all)),
        accounts.get(0).id().toString());
    mvc.perform(
            get("/api/customer-accounts")
                .header("Authorization", "Bearer " + TestJwts.token(alice, "alice", "customer")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/forbidden"));
  }

  @Test
  void searchFindsASubstringOfTheNameOrTheNumberIgnoringCase() throws Exception {
    assertThat(names(page(agentToken, "q=" + token.toUpperCase() + "%20ACME")))
        .containsExactly(token + " Acme", token + " Acme Europe");
    assertThat(names(page(agentToken, "q=a-" + token + "-5"))).containsExactly(token + " hooli");
    assertThat(names(page(agentToken, "q=" + token.substring(2) + "%20iNiTeC")))
        .containsExactly(token + " Initech");
    assertThat(names(page(agentToken, "q=" + token + "%25"))).isEmpty();
  }

  /**
   * A search among all accounts looks at the first 1,000 in the list's order, and at every match
   * when the page is not full there: a common term and a rare one, each in two sorts, page through
   * every match once, in order.
   */
  @Test
  void aSearchPagesThroughEveryMatchInOrderWhetherItsTermIsCommonOrRare() throws Exception {
    jdbc.sql(
            """
            INSERT INTO account_summary (account_id, account_number, name, currency, status, balance, credit_balance,
                                         as_of)
            SELECT gen_random_uuid(), 'B-' || :token || '-' || g,
                   :token || ' Bulk ' || lpad(g::text, 4, '0') || CASE WHEN g % 97 = 0 THEN ' Needle' ELSE '' END,
                   'USD', 'active', (g * 37) % 1201, 0, now()
            FROM generate_series(1, 1200) g""")
        .param("token", token)
        .update();
    List<Integer> all = java.util.stream.IntStream.rangeClosed(1, 1200).boxed().toList();
    List<Integer> needles = all.stream().filter(g -> g % 97 == 0).toList();
    Function<Integer, String> name =
        g -> token + " Bulk " + "%04d".formatted(g) + (g % 97 == 0 ? " Needle" : "");
    Comparator<Integer> byBalanceDesc =
        Comparator.comparing((Integer g) -> (g * 37) % 1201).reversed();

    assertThat(allPages("q=" + token + "%20bulk&limit=100"))
        .containsExactlyElementsOf(all.stream().map(name).toList());
    assertThat(allPages("q=" + token + "%20bulk&limit=100&sort=balance&direction=desc"))
        .containsExactlyElementsOf(all.stream().sorted(byBalanceDesc).map(name).toList());
    assertThat(allPages("q=needle&limit=5"))
        .containsExactlyElementsOf(needles.stream().map(name).toList());
    assertThat(allPages("q=needle&limit=5&sort=balance&direction=desc"))
        .containsExactlyElementsOf(needles.stream().sorted(byBalanceDesc).map(name).toList());
  }

  /** Every page of the list, following 'next', as the agent sees it. */
  private List<String> allPages(String query) throws Exception {
    List<String> names = new ArrayList<>();
    String after = null;
    do {
      JsonNode page = page(agentToken, query + (after == null ? "" : "&after=" + after));
      names.addAll(names(page));
      after = page.path("next").isString() ? page.path("next").asString() : null;
    } while (after != null && names.size() <= 2000);
    return names;
  }

  /**
   * A search reads the trigram index's pending list row by row; balances change all day, and each
   * change adds the row's trigrams to it. 3,500 changes filled 154 pages at PostgreSQL's default
   * limit (4 MB); the read model's limit (128 kB, 16 pages) merges them as they come.
   */
  @Test
  void balanceChangesDoNotPileUpInTheSearchIndexes() throws Exception {
    jdbc.sql("CREATE EXTENSION IF NOT EXISTS pgstattuple").update();
    jdbc.sql(
            """
            DO $$ BEGIN
              FOR i IN 1..500 LOOP
                UPDATE account_summary SET balance = balance + 1 WHERE name LIKE '%s%%';
              END LOOP;
            END $$"""
                .formatted(token))
        .update();
    for (String index : List.of("account_summary_name_trigram", "account_summary_number_trigram")) {
      assertThat(
              jdbc.sql("SELECT pending_pages FROM pgstatginindex(CAST(:index AS regclass))")
                  .param("index", index)
                  .query(Integer.class)
                  .single())
          .as(index + " pending pages")
          .isLessThanOrEqualTo(20);
    }
    assertThat(names(page(agentToken, "q=" + token + "%20acme")))
        .containsExactly(token + " Acme", token + " Acme Europe");
  }

  static Comparator<Account> order(String sort) {
    Comparator<Account> c =
        switch (sort) {
          case "name" -> Comparator.comparing((Account a) -> a.name().toLowerCase());
          case "number" -> Comparator.comparing(Account::number);
          case "balance" -> Comparator.comparing(Account::balance);
          case "credit" -> Comparator.comparing(Account::credit);
          case "overdue" -> Comparator.comparing(Account::overdue);
          case "lastPaymentAt" ->
              Comparator.comparing(
                  Account::lastPaymentAt, Comparator.nullsFirst(Comparator.naturalOrder()));
          case "status" -> Comparator.comparing(Account::status);
          case "activeSubscriptions" -> Comparator.comparingInt(Account::activeSubscriptions);
          case "mrr" -> Comparator.comparing(Account::mrr);
          default ->
              Comparator.comparing(
                  (Account a) -> a.manager() == null ? "" : a.manager().toLowerCase());
        };
    // PostgreSQL orders uuids by their bytes, as their lowercase text sorts (java.util.UUID
    // compares signed longs)
    return c.thenComparing(a -> a.id().toString());
  }

  @ParameterizedTest
  @CsvSource({
    "name,asc",
    "name,desc",
    "number,asc",
    "number,desc",
    "balance,asc",
    "balance,desc",
    "credit,asc",
    "credit,desc",
    "overdue,asc",
    "overdue,desc",
    "lastPaymentAt,asc",
    "lastPaymentAt,desc",
    "status,asc",
    "status,desc",
    "manager,asc",
    "manager,desc",
    "activeSubscriptions,asc",
    "activeSubscriptions,desc",
    "mrr,asc",
    "mrr,desc"
  })
  void everySortPagesAcrossPageBoundariesWithoutGapsOrRepeats(String sort, String direction)
      throws Exception {
    Comparator<Account> expected = order(sort);
    List<String> want =
        accounts.stream()
            .sorted(direction.equals("asc") ? expected : expected.reversed())
            .map(Account::name)
            .toList();
    List<String> got = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      JsonNode page =
          page(
              agentToken,
              "q="
                  + token
                  + "&sort="
                  + sort
                  + "&direction="
                  + direction
                  + "&limit=3"
                  + (after == null ? "" : "&after=" + after));
      got.addAll(names(page));
      after = page.path("next").isNull() ? null : page.path("next").asString();
      pages++;
    } while (after != null && pages < 10);
    assertThat(pages).isEqualTo(3);
    assertThat(got).containsExactlyElementsOf(want);
  }

  @Test
  void theItemsCarryEveryColumn() throws Exception {
    JsonNode item = page(agentToken, "q=a-" + token + "-3").path("items").get(0);
    Function<String, String> field = f -> item.path(f).asString();
    assertThat(field.apply("accountId")).isEqualTo(accounts.get(2).id().toString());
    assertThat(field.apply("accountNumber")).isEqualTo("A-" + token + "-3");
    assertThat(field.apply("currency")).isEqualTo("USD");
    assertThat(item.path("balance").decimalValue()).isEqualByComparingTo("20.50");
    assertThat(item.path("creditBalance").decimalValue()).isEqualByComparingTo("0");
    assertThat(item.path("overdueAmount").decimalValue()).isEqualByComparingTo("20.50");
    assertThat(field.apply("lastPaymentAt")).isEqualTo("2026-10-01T10:01:00Z");
    assertThat(field.apply("status")).isEqualTo("inactive");
    assertThat(field.apply("accountManager")).isEqualTo("adam Ames");
    assertThat(item.path("activeSubscriptions").asInt()).isZero();
    JsonNode hooli = page(agentToken, "q=a-" + token + "-5").path("items").get(0);
    assertThat(hooli.path("activeSubscriptions").asInt()).isEqualTo(10);
    assertThat(hooli.path("monthlyRecurringRevenue").decimalValue()).isEqualByComparingTo("12.50");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "sort=color|sort",
        "direction=up|direction",
        "limit=0|limit",
        "limit=101|limit",
        "after=!!!|after",
        "sort=balance&after=bmFtZXwxMjM|after",
        "sort=activeSubscriptions&after=YWJjfDAwMDAwMDAwLTAwMDAtNDAwMC04MDAwLTAwMDAwMDAwMDAwMQ|after"
      })
  void badQueriesAre400NamingTheField(String query, String field) throws Exception {
    mvc.perform(get("/api/customer-accounts?" + query).header("Authorization", agentToken))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/invalid-input"))
        .andExpect(jsonPath("$.field").value(field));
  }

  @Test
  void aCursorOfAnotherSortIsRefused() throws Exception {
    JsonNode first = page(agentToken, "q=" + token + "&sort=name&limit=2");
    mvc.perform(
            get("/api/customer-accounts?sort=lastPaymentAt&after=" + first.path("next").asString())
                .header("Authorization", agentToken))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("after"));
  }
}
