package io.peakhub.bff.summary;

import io.peakhub.bff.downstream.AccountSummary;
import io.peakhub.bff.downstream.BillingClient;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The header's numbers from the read model; on a miss they are fetched once from billing and kept.
 * The summary feature's API for the screens and the header stream: they read the read model here.
 */
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
    return repository
        .find(accountId)
        .orElseGet(
            () -> {
              AccountSummary fetched = billing.summary(accountId);
              repository.saveIfNewer(fetched);
              return repository.find(accountId).orElse(fetched);
            });
  }

  /** What the read model holds now, without asking billing. */
  public Optional<AccountSummary> stored(UUID accountId) {
    return repository.find(accountId);
  }

  /**
   * Number and name of each of these accounts as the read model holds them, without asking billing
   * (an account it does not hold yet is missing from the map). The caller has checked access.
   */
  public java.util.Map<UUID, AccountName> names(java.util.Collection<UUID> accountIds) {
    return repository.names(java.util.Set.copyOf(accountIds)).stream()
        .collect(java.util.stream.Collectors.toMap(AccountName::accountId, n -> n));
  }

  public SummaryRepository.SubscriptionTotals subscriptionTotals(UUID accountId) {
    return repository.subscriptionTotals(accountId);
  }
}
