package io.peakhub.cases.supportcase;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param reopenWindow how long after closing a customer may reopen a case
 * @param searchMaxLength longest search text accepted
 */
@ConfigurationProperties("peakhub.cases")
public record CaseProperties(Duration reopenWindow, Integer searchMaxLength) {

  public CaseProperties {
    reopenWindow = reopenWindow == null ? Duration.ofDays(14) : reopenWindow;
    searchMaxLength = searchMaxLength == null ? 100 : searchMaxLength;
  }
}
