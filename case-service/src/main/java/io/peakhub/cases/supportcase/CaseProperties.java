package io.peakhub.cases.supportcase;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param reopenWindow how long after closing a customer may reopen a case
 * @param searchMaxLength longest search text accepted
 * @param archiveAfter how long a case must have been closed before an agent may archive it
 * @param attachmentMaxBytes largest attachment accepted (peakhub.http.max-body-bytes must leave
 *     room for it)
 */
@ConfigurationProperties("peakhub.cases")
public record CaseProperties(
    Duration reopenWindow,
    Integer searchMaxLength,
    Long attachmentMaxBytes,
    Duration archiveAfter) {

  public CaseProperties {
    archiveAfter = archiveAfter == null ? Duration.ofDays(30) : archiveAfter;
    attachmentMaxBytes = attachmentMaxBytes == null ? 5L * 1024 * 1024 : attachmentMaxBytes;
    reopenWindow = reopenWindow == null ? Duration.ofDays(14) : reopenWindow;
    searchMaxLength = searchMaxLength == null ? 100 : searchMaxLength;
  }
}
