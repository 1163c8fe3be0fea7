package io.peakhub.cases.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * identity-service's portal settings as case-service reads them ({@code GET /settings}). A tolerant
 * reader: fields identity-service does not send (yet) take their defaults, unknown ones are
 * ignored.
 *
 * @param allowManagersToCreateRequests account managers may open a case on behalf of a contact of
 *     their account
 * @param caseSource where cases live: {@code builtin} (MongoDB) or {@code servicenow}
 * @param caseReopenWindowDays how long after closing a customer may reopen a case; absent:
 *     case-service's own {@code peakhub.cases.reopen-window}
 * @param caseArchiveAfterDays how long a case must have been closed before it may be archived;
 *     absent: case-service's own {@code peakhub.cases.archive-after}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PortalSettings(
    Boolean allowManagersToCreateRequests,
    String caseSource,
    Integer caseReopenWindowDays,
    Integer caseArchiveAfterDays) {

  public static final String BUILTIN = "builtin";
  public static final String SERVICENOW = "servicenow";

  public PortalSettings {
    allowManagersToCreateRequests =
        allowManagersToCreateRequests != null && allowManagersToCreateRequests;
    caseSource = caseSource == null || caseSource.isBlank() ? BUILTIN : caseSource;
  }

  public java.time.Duration reopenWindow(java.time.Duration otherwise) {
    return caseReopenWindowDays == null
        ? otherwise
        : java.time.Duration.ofDays(caseReopenWindowDays);
  }

  public java.time.Duration archiveAfter(java.time.Duration otherwise) {
    return caseArchiveAfterDays == null
        ? otherwise
        : java.time.Duration.ofDays(caseArchiveAfterDays);
  }

  public boolean servicenow() {
    return SERVICENOW.equals(caseSource);
  }

  public static PortalSettings defaults() {
    return new PortalSettings(null, null, null, null);
  }
}
