package io.peakhub.bff;

import java.util.UUID;

/** subscription-service's answers as JSON, for the stand-in (WireMock). */
public final class SubscriptionData {

  private SubscriptionData() {}

  public static String subscriptionJson(
      UUID account, UUID id, String number, String status, int quantity) {
    return """
        {"id":"%s","accountId":"%s","number":"%s","productCode":"analytics","planCode":"analytics-pro-usd-monthly",
         "planName":"Peak Analytics Pro","billingPeriod":"monthly","currency":"USD","unitPrice":48.00,"quantity":%d,
         "addOns":[],"status":"%s","startDate":"2026-03-01","currentTermStart":"2026-11-01","currentTermEnd":"2026-11-30",
         "nextRenewalDate":"2026-12-01","autoRenew":true,"pausedOn":null,"cancelAtTermEnd":false,
         "cancellationDate":null,"cancellationReason":null,"cancellationComment":null,"scheduledChange":null,
         "monthlyRecurringRevenue":%s,"someLaterField":1}"""
        .formatted(
            id, account, number, quantity, status, "active".equals(status) ? 48 * quantity : 0);
  }

  public static String quoteJson() {
    return """
        {"when":"now","effectiveDate":"2026-11-16","currency":"USD",
         "lines":[{"kind":"credit","description":"Unused time","itemCode":"analytics-pro-usd-monthly","quantity":25,
                   "unitPrice":48.00,"from":"2026-11-16","to":"2026-12-01","days":15,"termDays":30,"amount":-600.00},
                  {"kind":"charge","description":"Remaining time","itemCode":"analytics-pro-usd-monthly","quantity":30,
                   "unitPrice":48.00,"from":"2026-11-16","to":"2026-12-01","days":15,"termDays":30,"amount":720.00}],
         "amountDueNow":120.00,"amountAtNextRenewal":1440.00,"nextRenewalDate":"2026-12-01"}""";
  }
}
