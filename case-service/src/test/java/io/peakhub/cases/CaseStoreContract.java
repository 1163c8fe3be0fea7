package io.peakhub.cases;

import static io.peakhub.cases.CaseApi.myCases;
import static io.peakhub.cases.CaseTestSupport.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.peakhub.cases.supportcase.CaseEventPublisher;
import io.peakhub.cases.supportcase.SupportCase;
import io.peakhub.cases.supportcase.SupportCaseRepository;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.TestAccess;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What case-service asks of its store, run against the in-process stand-in ({@link
 * StandInStoreTest}) and against the official mongo image ({@link RealMongoStoreTest}, where a
 * Docker engine answers): the queries of the list (filter, literal search, keyset pages), the
 * versioned document update the outbox relies on, the case counter, chunked attachments, and
 * clearing sent events.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(CaseTestSupport.Beans.class)
abstract class CaseStoreContract {

  static final String CARA = UUID.randomUUID().toString();
  static final String SAM = UUID.randomUUID().toString();

  @Autowired MockMvc mvc;
  @Autowired SupportCaseRepository cases;
  @Autowired CaseEventPublisher publisher;
  CaseApi api;
  UUID account;
  String cara;
  final String sam = bearer(SAM, "sam", "success_agent");

  @BeforeEach
  void freshAccount() {
    api = new CaseApi(mvc);
    account = UUID.randomUUID();
    TestAccess.GRANTS
        .grant(CARA, myCases(Level.create, Grant.Scope.all), account.toString())
        .grantAll(SAM);
    cara = bearer(CARA, "cara", "customer");
  }

  @Test
  void theListFiltersSearchesLiterallyAndPagesNewestFirst() throws Exception {
    String first = api.opened(cara, account, "Printer (3rd floor) on fire");
    String second = api.opened(cara, account, "VPN drops");
    String third = api.opened(cara, account, "printer toner");
    api.state(sam, account, second, "closed").andExpect(status().isOk());

    api.list(cara, account, "?filter=open")
        .andExpect(jsonPath("$.items[*].number", contains(third, first)));
    api.list(cara, account, "?filter=closed")
        .andExpect(jsonPath("$.items[*].number", contains(second)));
    api.search(cara, account, "PRINTER")
        .andExpect(jsonPath("$.items[*].number", contains(third, first)));
    api.search(cara, account, "(3rd").andExpect(jsonPath("$.items[*].number", contains(first)));
    api.search(cara, account, second).andExpect(jsonPath("$.items[*].number", contains(second)));
    String page =
        api.list(cara, account, "?limit=2")
            .andExpect(jsonPath("$.items[*].number", contains(third, second)))
            .andReturn()
            .getResponse()
            .getContentAsString();
    String next = JsonPath.read(page, "$.next");
    api.list(cara, account, "?limit=2&after=" + next)
        .andExpect(jsonPath("$.items[*].number", contains(first)))
        .andExpect(jsonPath("$.next").doesNotExist());
  }

  @Test
  void aSaveFromAnOlderVersionIsRefusedAndNumbersNeverRepeat() throws Exception {
    String number = api.opened(cara, account, "Versioned");
    SupportCase one = cases.findByNumber(number).orElseThrow();
    SupportCase other = cases.findByNumber(number).orElseThrow();
    cases.save(one);
    assertThatThrownBy(() -> cases.save(other))
        .isInstanceOf(OptimisticLockingFailureException.class);
    String again = api.opened(cara, account, "Next number");
    assertThat(again).isGreaterThan(number);
  }

  @Test
  void aFileOfSeveralChunksComesBackByteForByte() throws Exception {
    String number = api.opened(cara, account, "Big log");
    byte[] log = new byte[600 * 1024];
    for (int i = 0; i < log.length; i++) {
      log[i] = (byte) ('a' + i % 26);
    }
    String json =
        api.upload(cara, account, number, "big.log", log)
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    String id = JsonPath.read(json, "$.activity[0].attachmentId");
    mvc.perform(
            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                    "/accounts/" + account + "/cases/" + number + "/attachments/" + id)
                .header("Authorization", cara))
        .andExpect(status().isOk())
        .andExpect(content().bytes(log));
  }

  @Test
  void sentEventsAreClearedFromTheDocument() throws Exception {
    String number = api.opened(cara, account, "Outbox");
    api.comment(cara, account, number, "hello").andExpect(status().isOk());
    assertThat(cases.findByNumber(number).orElseThrow().pendingEvents()).hasSize(2);
    publisher.publishPending();
    assertThat(cases.findByNumber(number).orElseThrow().pendingEvents()).isEmpty();
  }
}
