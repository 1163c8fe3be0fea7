package io.peakhub.bff.header;

import io.peakhub.bff.summary.AccountSummaries;
import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The header (from the read model, so it answers while billing is down) and its push: server-sent
 * events named {@code header}, one at once and one whenever the account's summary changes.
 */
@RestController
class HeaderController {

  private final AccountAccess access;
  private final AccountSummaries summaries;
  private final HeaderStream stream;

  HeaderController(AccountAccess access, AccountSummaries summaries, HeaderStream stream) {
    this.access = access;
    this.summaries = summaries;
    this.stream = stream;
  }

  @GetMapping("/api/accounts/{accountId}/header")
  HeaderView header(@PathVariable UUID accountId) {
    Grant grant = access.require(accountId.toString(), Area.pay_invoices, Level.view);
    return HeaderView.of(summaries.get(accountId), grant.allows(Level.create));
  }

  @GetMapping(
      path = "/api/accounts/{accountId}/header/events",
      produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter headerEvents(@PathVariable UUID accountId) {
    Grant grant = access.require(accountId.toString(), Area.pay_invoices, Level.view);
    HeaderView first = HeaderView.of(summaries.get(accountId), grant.allows(Level.create));
    return stream.open(accountId, grant.allows(Level.create), first);
  }
}
