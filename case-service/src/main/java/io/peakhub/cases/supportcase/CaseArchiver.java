package io.peakhub.cases.supportcase;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Archives closed cases once the archive time has passed (every peakhub.cases.archive-interval-ms,
 * 1 h).
 */
@Component
public class CaseArchiver {

  private static final Logger log = LoggerFactory.getLogger(CaseArchiver.class);

  private final SupportCaseService cases;

  CaseArchiver(SupportCaseService cases) {
    this.cases = cases;
  }

  @Scheduled(
      initialDelayString = "${peakhub.cases.archive-interval-ms:3600000}",
      fixedDelayString = "${peakhub.cases.archive-interval-ms:3600000}")
  public int archiveDue() {
    int archived = cases.archiveDue();
    if (archived > 0) {
      log.info("archived {} cases closed longer than the archive time", archived);
    }
    return archived;
  }
}
