package io.peakhub.billing.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.billing.BillingApi;
import io.peakhub.platform.testing.ServiceTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Account names are unique, ignoring case and spaces, and billing decides: a create or rename onto
 * another account's name is 409 account-name-taken naming the field and writes nothing; an account
 * keeps its own name; of concurrent creates with one name exactly one wins, also when both passed
 * the check before writing (the unique index decides).
 */
@ServiceTest
class AccountNamesTest {

  static final String TAKEN = "https://peakhub.io/problems/account-name-taken";

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired Accounts accounts;
  @Autowired PlatformTransactionManager txManager;

  /** A name no other test uses, e.g. "Umbrella 1a2b3c Corp". */
  String name;

  ExecutorService pool;

  @BeforeEach
  void setUp() {
    name = "Umbrella " + UUID.randomUUID().toString().substring(0, 8) + " Corp";
    pool = Executors.newFixedThreadPool(8);
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
  }

  private ResultActions putAccount(UUID id, String number, String name, String extra)
      throws Exception {
    return mvc.perform(
        put("/admin/accounts/" + id)
            .header("Authorization", BillingApi.ADMIN)
            .contentType(MediaType.APPLICATION_JSON)
            .content(
                """
                {"number":"%s","name":"%s","currency":"USD","status":"active"%s}"""
                    .formatted(number, name, extra)));
  }

  private UUID created(String name) throws Exception {
    UUID id = UUID.randomUUID();
    putAccount(id, BillingApi.nextAccountNumber(), name, "").andExpect(status().isOk());
    return id;
  }

  private long rows(UUID id) {
    return jdbc.sql("SELECT count(*) FROM billing_account WHERE id = :id")
        .param("id", id)
        .query(Long.class)
        .single();
  }

  private long events(UUID id) {
    return jdbc.sql("SELECT count(*) FROM outbox_event WHERE message_key = :k")
        .param("k", id.toString())
        .query(Long.class)
        .single();
  }

  private String storedName(UUID id) {
    return jdbc.sql("SELECT name FROM billing_account WHERE id = :id")
        .param("id", id)
        .query(String.class)
        .single();
  }

  private long withName(String name) {
    return jdbc.sql("SELECT count(*) FROM billing_account WHERE name = :n")
        .param("n", name)
        .query(Long.class)
        .single();
  }

  @ParameterizedTest
  @ValueSource(strings = {"as is", "upper case", "lower case padded", "spaces doubled"})
  void creatingAnAccountWithAnotherAccountsNameInAnyCaseOrSpacingIs409AndWritesNothing(
      String variant) throws Exception {
    created(name);
    String same =
        switch (variant) {
          case "as is" -> name;
          case "upper case" -> name.toUpperCase();
          case "lower case padded" -> "  " + name.toLowerCase() + " ";
          default -> name.replace(" ", "   ");
        };
    UUID id = UUID.randomUUID();

    putAccount(id, BillingApi.nextAccountNumber(), same, "")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value(TAKEN))
        .andExpect(jsonPath("$.field").value("name"))
        .andExpect(jsonPath("$.status").value(409));

    assertThat(rows(id)).isZero();
    assertThat(events(id)).isZero();
  }

  @Test
  void aFreeNameIsCreatedAndTheAccountMayBeSavedAgainWithItsOwnNameInAnotherCase()
      throws Exception {
    UUID id = UUID.randomUUID();
    String number = BillingApi.nextAccountNumber();
    putAccount(id, number, name, "")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.name").value(name));
    putAccount(id, number, name, "").andExpect(status().isOk());
    putAccount(id, number, name.toUpperCase() + " ", "")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.name").value(name.toUpperCase() + " "));
    assertThat(rows(id)).isEqualTo(1);
  }

  @Test
  void renamingOntoAnotherAccountsNameIs409AndChangesNothingNotEvenTheFieldValues()
      throws Exception {
    created(name);
    String field = "region" + UUID.randomUUID().toString().substring(0, 6);
    mvc.perform(
            post("/admin/account-fields")
                .header("Authorization", BillingApi.ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    """
                    {"name":"%s","label":"Region","type":"text"}"""
                        .formatted(field)))
        .andExpect(status().isCreated());
    String number = BillingApi.nextAccountNumber();
    UUID other = UUID.randomUUID();
    String own = "Other " + name;
    putAccount(other, number, own, "").andExpect(status().isOk());
    long eventsBefore = events(other);

    putAccount(
            other,
            number,
            " " + name.toLowerCase().replace(" ", "  "),
            ",\"fields\":{\"%s\":\"EMEA\"}".formatted(field))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value(TAKEN))
        .andExpect(jsonPath("$.field").value("name"));

    assertThat(storedName(other)).isEqualTo(own);
    assertThat(events(other)).isEqualTo(eventsBefore);
    assertThat(
            jdbc.sql(
                    """
                    SELECT count(*) FROM account_field_value v JOIN account_field f ON f.id = v.field_id
                    WHERE v.account_id = :a AND f.name = :f""")
                .param("a", other)
                .param("f", field)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void ofEightConcurrentCreatesWithOneNameExactlyOneWins() throws Exception {
    List<UUID> ids = new ArrayList<>();
    List<Callable<MvcResult>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      UUID id = UUID.randomUUID();
      String number = BillingApi.nextAccountNumber();
      String variant = i % 2 == 0 ? name : name.toUpperCase();
      ids.add(id);
      calls.add(() -> putAccount(id, number, variant, "").andReturn());
    }
    List<MvcResult> results = new ArrayList<>();
    for (Future<MvcResult> f : pool.invokeAll(calls)) {
      results.add(f.get());
    }

    assertThat(results.stream().map(r -> r.getResponse().getStatus()))
        .containsOnly(200, 409)
        .filteredOn(s -> s == 200)
        .hasSize(1);
    for (MvcResult refused : results) {
      if (refused.getResponse().getStatus() == 409) {
        assertThat(refused.getResponse().getContentAsString()).contains(TAKEN);
      }
    }
    assertThat(ids.stream().mapToLong(this::rows).sum()).isEqualTo(1);
    assertThat(withName(name) + withName(name.toUpperCase())).isEqualTo(1);
  }

  /**
   * The check before writing cannot see a create not yet committed: the unique index makes the
   * second writer wait for the first, and refuses it once the first commits.
   */
  @Test
  void aCreateThatPassedTheCheckWhileAnotherWasUncommittedIsRefusedByTheIndex() throws Exception {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    Future<?> firstPut =
        pool.submit(
            () ->
                new TransactionTemplate(txManager)
                    .executeWithoutResult(
                        tx -> {
                          accounts.put(
                              first,
                              new Accounts.Change(
                                  BillingApi.nextAccountNumber(),
                                  name,
                                  "USD",
                                  "active",
                                  null,
                                  null),
                              "ada");
                          written.countDown();
                          try {
                            commit.await(30, TimeUnit.SECONDS);
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                        }));
    assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(rows(first)).as("not committed yet: invisible to the check").isZero();

    Future<MvcResult> secondPut =
        pool.submit(
            () ->
                putAccount(second, BillingApi.nextAccountNumber(), name.toUpperCase(), "")
                    .andReturn());
    // the second put passed the check and now waits on the first's index entry
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.sql(
                            """
                            SELECT count(*) FROM pg_stat_activity
                            WHERE datname = current_database() AND wait_event_type = 'Lock'""")
                        .query(Long.class)
                        .single()
                    > 0);
    commit.countDown();
    firstPut.get(30, TimeUnit.SECONDS);

    MvcResult refused = secondPut.get(30, TimeUnit.SECONDS);
    assertThat(refused.getResponse().getStatus()).isEqualTo(409);
    assertThat(refused.getResponse().getContentAsString())
        .contains(TAKEN)
        .contains("\"field\":\"name\"");
    assertThat(rows(first)).isEqualTo(1);
    assertThat(rows(second)).isZero();
    assertThat(events(second)).isZero();
  }
}
