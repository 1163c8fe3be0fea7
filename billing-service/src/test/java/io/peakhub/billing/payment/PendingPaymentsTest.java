package io.peakhub.billing.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.billing.BillingApi;
import io.peakhub.billing.gateway.PaymentGateway;
import io.peakhub.platform.testing.ServiceTest;
import io.peakhub.platform.testing.StaticAccountAccess;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestJwts;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Payments whose processor answer is late or lost: recorded as pending, charged once with the
 * payment's own processor key, settled once, by the request, a retry or the reconciler, whichever
 * comes first. The processor's side is the sandbox's own ledger (sandbox_charge).
 */
@ServiceTest
class PendingPaymentsTest {

  static final String ALICE = UUID.randomUUID().toString();
  static final String BOB = UUID.randomUUID().toString();
  static final StaticAccountAccess GRANTS = TestAccess.GRANTS;
  static final String ALICE_TOKEN = "Bearer " + TestJwts.token(ALICE, "alice", "customer");
  static final String BOB_TOKEN = "Bearer " + TestJwts.token(BOB, "bob", "customer");

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired PaymentReconciler reconciler;
  @Autowired PaymentRequests requests;
  @Autowired ProcessorCharges charges;
  @Autowired PaymentRepository payments;
  @Autowired PaymentSettlement settlement;
  @Autowired PaymentGateway gateway;
  @Autowired PlatformTransactionManager txManager;
  @Autowired Clock clock;

  BillingApi api;
  UUID acme;
  UUID older;
  UUID newer;

  @BeforeEach
  void anAccountWithTwoOpenInvoices() throws Exception {
    api = new BillingApi(mvc);
    acme = api.account("USD", "en-US");
    older = api.invoice(acme, "2026-01-01", "100.00");
    newer = api.invoice(acme, "2026-02-01", "50.00");
    GRANTS.grant(ALICE, acme.toString());
    GRANTS.grant(BOB, UUID.randomUUID().toString());
    api.savedCard(ALICE_TOKEN, acme, BillingApi.VISA_OK);
  }

  @AfterEach
  void noUserLeftOnTheThread() {
    SecurityContextHolder.clearContext();
  }

  private String withCard(String number, String amount) throws Exception {
    return "{\"amount\":\""
        + amount
        + "\",\"currency\":\"USD\",\"cardToken\":\""
        + api.cardToken(ALICE_TOKEN, number)
        + "\"}";
  }

  private UUID paymentId(String key) {
    return jdbc.sql("SELECT id FROM payment WHERE account_id = :a AND idempotency_key = :k")
        .param("a", acme)
        .param("k", key)
        .query(UUID.class)
        .single();
  }

  private String paymentStatus(UUID payment) {
    return jdbc.sql("SELECT status FROM payment WHERE id = :p")
        .param("p", payment)
        .query(String.class)
        .single();
  }

  /** What the processor holds for this payment's key: the charges it made, by outcome. */
  private List<String> processorCharges(UUID payment) {
    return jdbc.sql("SELECT outcome FROM sandbox_charge WHERE idempotency_key = :k")
        .param("k", ProcessorCharges.processorKey(payment))
        .query(String.class)
        .list();
  }

  private BigDecimal openBalance() {
    return jdbc.sql("SELECT sum(balance) FROM invoice WHERE account_id = :a")
        .param("a", acme)
        .query(BigDecimal.class)
        .single();
  }

  private int allocations(UUID payment) {
    return jdbc.sql("SELECT count(*) FROM payment_allocation WHERE payment_id = :p")
        .param("p", payment)
        .query(Integer.class)
        .single();
  }

  private long events(String type) {
    return jdbc.sql("SELECT count(*) FROM outbox_event WHERE message_key = :a AND type = :t")
        .param("a", acme.toString())
        .param("t", type)
        .query(Long.class)
        .single();
  }

  private int paymentRows() {
    return jdbc.sql("SELECT count(*) FROM payment WHERE account_id = :a")
        .param("a", acme)
        .query(Integer.class)
        .single();
  }

  /**
   * Alice, on this thread, as the request would have her: for steps the test drives without HTTP.
   */
  private void actAsAlice() {
    Jwt jwt =
        Jwt.withTokenValue("test")
            .header("alg", "none")
            .subject(ALICE)
            .claim("preferred_username", "alice")
            .build();
    SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
  }

  @Test
  void aLostProcessorAnswerIsAcceptedAsPendingAndARetryWithTheSameKeySettlesItOnce()
      throws Exception {
    String body = withCard(BillingApi.TIMEOUT, "120.00");
    MvcResult first =
        api.pay(ALICE_TOKEN, acme, "lost-1", body)
            .andExpect(status().isAccepted())
            .andExpect(header().exists("Retry-After"))
            .andExpect(header().string("Idempotent-Replayed", "false"))
            .andExpect(jsonPath("$.status").value("pending"))
            .andExpect(jsonPath("$.allocations.length()").value(0))
            .andReturn();
    UUID payment = paymentId("lost-1");
    assertThat(first.getResponse().getHeader("Location"))
        .isEqualTo("/accounts/" + acme + "/payments/" + payment);
    // charged at the processor, not yet settled here
    assertThat(processorCharges(payment)).containsExactly("SUCCEEDED");
    assertThat(paymentStatus(payment)).isEqualTo("pending");
    assertThat(openBalance()).isEqualByComparingTo("150.00");
    assertThat(events("PaymentSucceeded.v1")).isZero();
    mvc.perform(get(first.getResponse().getHeader("Location")).header("Authorization", ALICE_TOKEN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.payment.status").value("pending"));
    mvc.perform(get(first.getResponse().getHeader("Location")).header("Authorization", BOB_TOKEN))
        .andExpect(status().isNotFound());

    api.pay(ALICE_TOKEN, acme, "lost-1", body)
        .andExpect(status().isOk())
        .andExpect(header().string("Idempotent-Replayed", "true"))
        .andExpect(jsonPath("$.id").value(payment.toString()))
        .andExpect(jsonPath("$.status").value("succeeded"))
        .andExpect(jsonPath("$.allocations.length()").value(2))
        .andExpect(jsonPath("$.allocations[0].invoiceId").value(older.toString()))
        .andExpect(jsonPath("$.allocations[0].amount").value(100.00))
        .andExpect(jsonPath("$.allocations[1].amount").value(20.00));
    api.pay(ALICE_TOKEN, acme, "lost-1", body)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("succeeded"));
    assertThat(reconciler.reconcile()).isZero();

    assertThat(processorCharges(payment)).containsExactly("SUCCEEDED");
    assertThat(paymentRows()).isEqualTo(1);
    assertThat(openBalance()).isEqualByComparingTo("30.00");
    assertThat(allocations(payment)).isEqualTo(2);
    assertThat(events("PaymentSucceeded.v1")).isEqualTo(1);
    assertThat(events("InvoicePaid.v1")).isEqualTo(1);
  }

  @Test
  void concurrentRetriesOfAPaymentWhoseAnswerIsLostChargeAndSettleOnce() throws Exception {
    String body = withCard(BillingApi.TIMEOUT, "50.00");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Callable<MvcResult>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      calls.add(() -> api.pay(ALICE_TOKEN, acme, "lost-race", body).andReturn());
    }
    List<Integer> statuses = new ArrayList<>();
    List<String> replayed = new ArrayList<>();
    for (Future<MvcResult> f : pool.invokeAll(calls)) {
      statuses.add(f.get().getResponse().getStatus());
      replayed.add(f.get().getResponse().getHeader("Idempotent-Replayed"));
    }
    pool.shutdown();
    assertThat(statuses).isSubsetOf(200, 201, 202).contains(200);
    assertThat(replayed.stream().filter("false"::equals)).hasSize(1);
    UUID payment = paymentId("lost-race");
    api.pay(ALICE_TOKEN, acme, "lost-race", body)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("succeeded"));
    assertThat(processorCharges(payment)).containsExactly("SUCCEEDED");
    assertThat(paymentRows()).isEqualTo(1);
    assertThat(openBalance()).isEqualByComparingTo("100.00");
    assertThat(allocations(payment)).isEqualTo(1);
    assertThat(events("PaymentSucceeded.v1")).isEqualTo(1);
  }

  @Test
  void aCrashBetweenChargeAndSettlementIsSettledByTheReconcilerExactlyOnce() throws Exception {
    // what the request does up to the processor's answer, then billing "stops": no settlement runs
    actAsAlice();
    var recorded =
        requests.record(
            acme,
            "crash-1",
            new PayCommand(new BigDecimal("130.00"), "USD", null, null, null, false));
    SecurityContextHolder.clearContext();
    UUID payment = recorded.payment().id();
    assertThat(charges.charge(payment, recorded.token(), new BigDecimal("130.00"), "USD").outcome())
        .isEqualTo(PaymentGateway.Outcome.SUCCEEDED);
    charges.done(payment);
    assertThat(paymentStatus(payment)).isEqualTo("pending");
    assertThat(processorCharges(payment)).containsExactly("SUCCEEDED");
    assertThat(openBalance()).isEqualByComparingTo("150.00");
    long balanceEvents = events("BalanceChanged.v1");

    assertThat(reconciler.reconcile()).isGreaterThanOrEqualTo(1);
    assertThat(paymentStatus(payment)).isEqualTo("succeeded");
    assertThat(openBalance()).isEqualByComparingTo("20.00");
    assertThat(events("BalanceChanged.v1")).isEqualTo(balanceEvents + 1);
    assertThat(allocations(payment)).isEqualTo(2);
    assertThat(events("PaymentSucceeded.v1")).isEqualTo(1);
    assertThat(
            jdbc.sql("SELECT gateway_reference FROM payment WHERE id = :p")
                .param("p", payment)
                .query(String.class)
                .single())
        .startsWith("ch_sbx_");

    assertThat(reconciler.reconcile()).isZero();
    assertThat(settlement.settle(payment, "ch_again")).isFalse();
    assertThat(openBalance()).isEqualByComparingTo("20.00");
    assertThat(allocations(payment)).isEqualTo(2);
    assertThat(events("PaymentSucceeded.v1")).isEqualTo(1);
    assertThat(events("BalanceChanged.v1")).isEqualTo(balanceEvents + 1);
    assertThat(processorCharges(payment)).hasSize(1);
    // the customer's retry now answers the settled payment
    api.pay(ALICE_TOKEN, acme, "crash-1", "{\"amount\":\"130.00\",\"currency\":\"USD\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("succeeded"))
        .andExpect(jsonPath("$.id").value(payment.toString()));
  }

  @Test
  void aSlowAnswerArrivingAfterAnotherInstancesReconcilerSettledThePaymentChangesNothing()
      throws Exception {
    String body = withCard(BillingApi.SLOW, "40.00");
    CompletableFuture<MvcResult> request =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return api.pay(ALICE_TOKEN, acme, "slow-1", body).andReturn();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> paymentRows() == 1 && !processorCharges(paymentId("slow-1")).isEmpty());
    UUID payment = paymentId("slow-1");
    assertThat(request).isNotDone();
    // this instance leaves the payment to the request that is charging it
    reconciler.reconcile();
    assertThat(paymentStatus(payment)).isEqualTo("pending");
    // another instance's reconciler does not know the request and settles it from the processor
    var anotherInstance =
        new PaymentReconciler(
            payments,
            new ProcessorCharges(gateway, Duration.ofSeconds(10)),
            settlement,
            clock,
            Duration.ofMinutes(2),
            100);
    assertThat(anotherInstance.reconcile()).isGreaterThanOrEqualTo(1);
    assertThat(paymentStatus(payment)).isEqualTo("succeeded");

    MvcResult answered = request.get();
    assertThat(answered.getResponse().getStatus()).isEqualTo(201);
    assertThat(answered.getResponse().getContentAsString()).contains("\"status\":\"succeeded\"");
    assertThat(processorCharges(payment)).containsExactly("SUCCEEDED");
    assertThat(openBalance()).isEqualByComparingTo("110.00");
    assertThat(allocations(payment)).isEqualTo(1);
    assertThat(events("PaymentSucceeded.v1")).isEqualTo(1);
  }

  @Test
  void aPaymentTheProcessorNeverReceivedIsFailedOnlyAfterTheGraceTime() throws Exception {
    // billing stopped after recording the payment, before calling the processor
    actAsAlice();
    UUID payment =
        requests
            .record(
                acme,
                "never-sent",
                new PayCommand(new BigDecimal("10.00"), "USD", null, null, null, false))
            .payment()
            .id();
    SecurityContextHolder.clearContext();
    charges.done(payment);

    assertThat(reconciler.reconcile()).isZero();
    assertThat(paymentStatus(payment)).isEqualTo("pending");
    api.pay(ALICE_TOKEN, acme, "never-sent", "{\"amount\":\"10.00\",\"currency\":\"USD\"}")
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.status").value("pending"));

    var later =
        new PaymentReconciler(
            payments,
            charges,
            settlement,
            Clock.offset(clock, Duration.ofMinutes(3)),
            Duration.ofMinutes(2),
            100);
    assertThat(later.reconcile()).isGreaterThanOrEqualTo(1);
    assertThat(paymentStatus(payment)).isEqualTo("failed");
    assertThat(processorCharges(payment)).isEmpty();
    assertThat(openBalance()).isEqualByComparingTo("150.00");
    assertThat(events("PaymentFailed.v1")).isEqualTo(1);
    api.pay(ALICE_TOKEN, acme, "never-sent", "{\"amount\":\"10.00\",\"currency\":\"USD\"}")
        .andExpect(status().isBadGateway())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/payment-not-charged"));
  }

  @Test
  void theProcessorIsNeverCalledInsideADatabaseTransaction() {
    String token = "ba_sbx_test";
    assertThatThrownBy(
            () ->
                new TransactionTemplate(txManager)
                    .executeWithoutResult(
                        s -> charges.charge(UUID.randomUUID(), token, BigDecimal.ONE, "USD")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("never called inside a database transaction");
  }
}
