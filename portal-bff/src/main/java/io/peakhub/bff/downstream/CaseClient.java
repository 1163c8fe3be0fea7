package io.peakhub.bff.downstream;

import io.peakhub.bff.downstream.CaseViews.CaseDetail;
import io.peakhub.bff.downstream.CaseViews.CasePage;
import io.peakhub.bff.downstream.CaseViews.OpenCase;
import io.peakhub.bff.downstream.CaseViews.Reason;
import io.peakhub.bff.downstream.CaseViews.StateChange;
import io.peakhub.bff.downstream.CaseViews.Text;
import java.util.Map;
import java.util.UUID;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.cloud.openfeign.SpringQueryMap;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;

/**
 * The calls portal-bff makes to case-service's public API, behind the "cases" circuit breaker and
 * time limit; when case-service is down, slow or failing, the call ends in a 503 naming it.
 */
@FeignClient(name = "cases", url = "${peakhub.cases.url}", fallbackFactory = CaseFallback.class)
public interface CaseClient {

  String SERVICE = "case-service";

  @GetMapping("/accounts/{accountId}/cases")
  CasePage cases(
      @PathVariable("accountId") UUID accountId, @SpringQueryMap Map<String, String> query);

  /** My Cases across every account the caller may see (case-service decides which). */
  @GetMapping("/cases")
  CasePage casesAcrossAccounts(@SpringQueryMap Map<String, String> query);

  @GetMapping("/accounts/{accountId}/cases/{number}")
  CaseDetail get(@PathVariable("accountId") UUID accountId, @PathVariable("number") String number);

  @PostMapping("/accounts/{accountId}/cases")
  CaseDetail open(@PathVariable("accountId") UUID accountId, @RequestBody OpenCase request);

  @GetMapping("/accounts/{accountId}/cases/on-behalf-of")
  CaseViews.OnBehalfOf onBehalfOf(@PathVariable("accountId") UUID accountId);

  @PostMapping("/accounts/{accountId}/cases/{number}/account")
  CaseDetail changeAccount(
      @PathVariable("accountId") UUID accountId,
      @PathVariable("number") String number,
      @RequestBody CaseViews.AccountChange change);

  @PostMapping("/accounts/{accountId}/cases/{number}/archive")
  CaseDetail archive(
      @PathVariable("accountId") UUID accountId, @PathVariable("number") String number);

  @PostMapping("/accounts/{accountId}/cases/{number}/comments")
  CaseDetail comment(
      @PathVariable("accountId") UUID accountId,
      @PathVariable("number") String number,
      @RequestBody Text text);

  @PostMapping("/accounts/{accountId}/cases/{number}/internal-notes")
  CaseDetail internalNote(
      @PathVariable("accountId") UUID accountId,
      @PathVariable("number") String number,
      @RequestBody Text text);

  @PostMapping("/accounts/{accountId}/cases/{number}/state")
  CaseDetail changeState(
      @PathVariable("accountId") UUID accountId,
      @PathVariable("number") String number,
      @RequestBody StateChange change);

  @PostMapping("/accounts/{accountId}/cases/{number}/resolution/accept")
  CaseDetail accept(
      @PathVariable("accountId") UUID accountId, @PathVariable("number") String number);

  @PostMapping("/accounts/{accountId}/cases/{number}/resolution/reject")
  CaseDetail reject(
      @PathVariable("accountId") UUID accountId,
      @PathVariable("number") String number,
      @RequestBody Reason reason);

  @PostMapping("/accounts/{accountId}/cases/{number}/reopen")
  CaseDetail reopen(
      @PathVariable("accountId") UUID accountId,
      @PathVariable("number") String number,
      @RequestBody Reason reason);

  @PostMapping(
      path = "/accounts/{accountId}/cases/{number}/attachments",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  CaseDetail attach(
      @PathVariable("accountId") UUID accountId,
      @PathVariable("number") String number,
      @RequestPart("file") MultipartFile file);

  @GetMapping("/accounts/{accountId}/cases/{number}/attachments/{attachmentId}")
  ResponseEntity<byte[]> attachment(
      @PathVariable("accountId") UUID accountId,
      @PathVariable("number") String number,
      @PathVariable("attachmentId") UUID attachmentId);
}
