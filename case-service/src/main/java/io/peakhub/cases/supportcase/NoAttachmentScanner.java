package io.peakhub.cases.supportcase;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Until a real scanner is configured every file passes the scan step (the type allow-list still
 * applies).
 */
@Configuration(proxyBeanMethods = false)
class NoAttachmentScanner {

  private static final Logger log = LoggerFactory.getLogger(NoAttachmentScanner.class);

  @Bean
  @ConditionalOnMissingBean(AttachmentScanner.class)
  AttachmentScanner passThroughScanner() {
    log.info("no attachment scanner configured: uploads are checked by type and size only");
    return (fileName, contentType, content) -> AttachmentScanner.Verdict.clean;
  }
}
