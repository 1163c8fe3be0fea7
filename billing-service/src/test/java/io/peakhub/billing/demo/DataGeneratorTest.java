package io.peakhub.billing.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.billing.BillingApi;
import io.peakhub.datagen.BillingDataGenerator;
import io.peakhub.platform.testing.TestJwts;
import io.peakhub.platform.testing.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest(
    properties = {"peakhub.outbox.relay.enabled=false", "spring.kafka.listener.auto-startup=false"})
@AutoConfigureMockMvc
@Import({TestJwts.Decoder.class, DataGeneratorTest.Grants.class})
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class DataGeneratorTest {

  @org.springframework.boot.test.context.TestConfiguration
  static class Grants {
    @org.springframework.context.annotation.Bean
    io.peakhub.platform.access.AccountAccess accountAccess() {
      return new io.peakhub.platform.testing.StaticAccountAccess().grantAll("admin-1");
    }
  }

  static TestPostgres.Database db;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    db = TestPostgres.newDatabase("generator");
    registry.add("spring.datasource.url", db::url);
    registry.add("spring.datasource.username", db::username);
  }

  @Autowired JdbcClient jdbc;
  @Autowired MockMvc mvc;

  @Test
  @org.junit.jupiter.api.Order(1)
  void loadsConsistentDataOnceAndTheApiServesIt() throws Exception {
    List<String> progress = new ArrayList<>();
    var options =
        new BillingDataGenerator.Options(30, 6, 7, db.url(), db.username(), db.password());
    var result = BillingDataGenerator.generate(options, progress::add);

    assertThat(result.skipped()).isFalse();
    assertThat(result.accounts()).isEqualTo(30);
    assertThat(result.invoices()).isEqualTo(180);
    assertThat(progress).isNotEmpty().last().asString().contains("30/30 accounts");
    assertThat(jdbc.sql("SELECT count(*) FROM invoice").query(Long.class).single()).isEqualTo(180);
    // every invoice's balance is its amount less what payments allocated to it, and lines add up to
    // the amount
    assertThat(
            jdbc.sql(
                    """
        SELECT count(*) FROM invoice i
        WHERE i.balance <> i.amount - coalesce((SELECT sum(amount) FROM payment_allocation a WHERE a.invoice_id = i.id), 0)
           OR i.amount <> (SELECT sum(amount + tax) FROM invoice_line l WHERE l.invoice_id = i.id)""")
                .query(Long.class)
                .single())
        .isZero();
    assertThat(jdbc.sql("SELECT count(DISTINCT status) FROM invoice").query(Long.class).single())
        .isGreaterThanOrEqualTo(2);

    UUID someAccount =
        jdbc.sql("SELECT id FROM billing_account ORDER BY number LIMIT 1")
            .query(UUID.class)
            .single();
    mvc.perform(
            get("/accounts/" + someAccount + "/invoices").header("Authorization", BillingApi.ADMIN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items.length()").value(6));

    assertThat(BillingDataGenerator.generate(options, progress::add).skipped()).isTrue();
    assertThat(jdbc.sql("SELECT count(*) FROM billing_account").query(Long.class).single())
        .isEqualTo(30);
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void accountsLoadedPastTheOutboxAreAnnouncedOnRequestOncePerAccount() throws Exception {
    long accounts = jdbc.sql("SELECT count(*) FROM billing_account").query(Long.class).single();
    assertThat(accounts).as("loaded by the test before").isEqualTo(30);
    long before =
        jdbc.sql("SELECT count(*) FROM outbox_event WHERE type = 'BalanceChanged.v1'")
            .query(Long.class)
            .single();

    mvc.perform(post("/admin/accounts/announce").header("Authorization", BillingApi.ADMIN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accounts").value(accounts));

    assertThat(
            jdbc.sql(
                    """
        SELECT count(DISTINCT message_key) FROM outbox_event WHERE type = 'BalanceChanged.v1' AND seq > :before""")
                .param("before", before)
                .query(Long.class)
                .single())
        .isEqualTo(accounts);
    assertThat(
            jdbc.sql("SELECT count(*) FROM outbox_event WHERE type = 'BalanceChanged.v1'")
                .query(Long.class)
                .single())
        .isEqualTo(before + accounts);
    mvc.perform(
            post("/admin/accounts/announce")
                .header(
                    "Authorization", "Bearer " + TestJwts.token("alice-1", "alice", "customer")))
        .andExpect(status().isForbidden());
  }

  @Test
  @org.junit.jupiter.api.Order(3)
  void topsUpToTheAskedSizeAndGivesTheDeepAccountItsInvoicesADayApart() throws Exception {
    var topUp = new BillingDataGenerator.Options(34, 6, 7, db.url(), db.username(), db.password());
    var added = BillingDataGenerator.generate(topUp, s -> {});

    assertThat(added.skipped()).isFalse();
    assertThat(added.accounts()).isEqualTo(4);
    assertThat(added.invoices()).isEqualTo(24);
    assertThat(count("SELECT count(*) FROM billing_account WHERE number LIKE 'G-%'")).isEqualTo(34);
    assertThat(count("SELECT count(*) FROM invoice")).isEqualTo(34 * 6);
    // the same seed draws the same accounts, whether loaded at once or topped up
    assertThat(count("SELECT count(*) FROM billing_account WHERE number = 'G-0000034'"))
        .isEqualTo(1);

    var deep =
        new BillingDataGenerator.Options(3, 2, 9, db.url(), db.username(), db.password(), "D", 400);
    var loaded = BillingDataGenerator.generate(deep, s -> {});

    assertThat(loaded.invoices()).isEqualTo(400 + 2 * 2);
    UUID deepAccount =
        jdbc.sql("SELECT id FROM billing_account WHERE number = 'D-0000001'")
            .query(UUID.class)
            .single();
    assertThat(
            jdbc.sql(
                    """
        SELECT count(DISTINCT invoice_date) FROM invoice WHERE account_id = :a""")
                .param("a", deepAccount)
                .query(Long.class)
                .single())
        .isEqualTo(400);
    // paged to the end through billing's API: every invoice once, newest first
    java.util.Set<String> seen = new java.util.HashSet<>();
    String after = null;
    String previousDate = "9999-12-31";
    do {
      String body =
          mvc.perform(
                  after == null
                      ? get("/accounts/" + deepAccount + "/invoices?limit=100")
                          .header("Authorization", BillingApi.ADMIN)
                      : get("/accounts/" + deepAccount + "/invoices?limit=100&after=" + after)
                          .header("Authorization", BillingApi.ADMIN))
              .andExpect(status().isOk())
              .andReturn()
              .getResponse()
              .getContentAsString();
      var page = tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
      for (var item : page.get("items")) {
        assertThat(seen.add(item.get("number").asString())).isTrue();
        assertThat(item.get("invoiceDate").asString()).isLessThan(previousDate);
        previousDate = item.get("invoiceDate").asString();
      }
      after = page.path("next").isNull() ? null : page.path("next").asString(null);
    } while (after != null);
    assertThat(seen).hasSize(400);
    assertThat(BillingDataGenerator.generate(deep, s -> {}).skipped()).isTrue();
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }
}
