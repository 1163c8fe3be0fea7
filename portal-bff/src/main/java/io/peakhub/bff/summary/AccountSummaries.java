package io.peakhub.bff.summary;

import io.peakhub.bff.downstream.BillingClient;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** The header's numbers from the read model; on a miss they are fetched once from billing and kept. */
@Service
public class AccountSummaries {

  private final SummaryRepository repository;
  private final BillingClient billing;

  AccountSummaries(SummaryRepository repository, BillingClient billing) {
    this.repository = repository;
    this.billing = billing;
  }

  /** The caller has already checked that the user may see this account. */
  public AccountSummary get(UUID accountId) {
    return repository.find(accountId).orElseGet(() -> {
      AccountSummary fetched = billing.summary(accountId);
      repository.saveIfNewer(fetched);
      return repository.find(accountId).orElse(fetched);
    });
  }
}
