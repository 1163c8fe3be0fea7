package io.peakhub.cases.supportcase;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param reopenWindow how long after closing a customer may reopen a case
 * @param searchMaxLength longest search text accepted
 * @param attachmentMaxBytes largest attachment accepted (peakhub.http.max-body-bytes must leave room for it)
 */
@ConfigurationProperties("peakhub.cases")
public record CaseProperties(Duration reopenWindow, Integer searchMaxLength, Long attachmentMaxBytes) {

  public CaseProperties {
    attachmentMaxBytes = attachmentMaxBytes == null ? 5L * 1024 * 1024 : attachmentMaxBytes;
    reopenWindow = reopenWindow == null ? Duration.ofDays(14) : reopenWindow;
    searchMaxLength = searchMaxLength == null ? 100 : searchMaxLength;
  }
}
