package io.peakhub.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Switches on for services with a relational store: tables come from
 * db/migration/V0_1__platform_outbox.sql.
 */
@AutoConfiguration(after = DataSourceTransactionManagerAutoConfiguration.class)
@ConditionalOnClass(JdbcClient.class)
@ConditionalOnBean(DataSource.class)
@EnableScheduling
public class OutboxConfiguration {

  @Bean
  Outbox outbox(JdbcClient jdbc, Clock clock, ObjectProvider<OutboxRelay> relay) {
    return new Outbox(jdbc, clock, () -> relay.ifAvailable(OutboxRelay::wake));
  }

  @Bean
  ProcessedEvents processedEvents(JdbcClient jdbc, Clock clock) {
    return new ProcessedEvents(jdbc, clock);
  }

  /**
   * Published rows are kept for peakhub.outbox.retention (7 days unless set), then deleted in
   * batches.
   */
  @Bean
  @ConditionalOnProperty(
      name = "peakhub.outbox.purge.enabled",
      havingValue = "true",
      matchIfMissing = true)
  OutboxPurge outboxPurge(
      JdbcClient jdbc,
      Clock clock,
      @Value("${peakhub.outbox.retention:P7D}") Duration retention,
      @Value("${peakhub.outbox.purge.batch-size:1000}") int batchSize) {
    return new OutboxPurge(jdbc, clock, retention, batchSize);
  }

  @Bean
  @ConditionalOnProperty(
      name = "peakhub.outbox.relay.enabled",
      havingValue = "true",
      matchIfMissing = true)
  OutboxRelay outboxRelay(
      JdbcClient jdbc,
      PlatformTransactionManager txManager,
      KafkaTemplate<String, String> kafka,
      Clock clock,
      @Value("${peakhub.outbox.batch-size:100}") int batchSize,
      @Value("${peakhub.outbox.send-timeout-ms:10000}") long sendTimeoutMs,
      @Value("${peakhub.outbox.poll-interval-ms:200}") long pollIntervalMs) {
    return new OutboxRelay(
        jdbc,
        new TransactionTemplate(txManager),
        kafka,
        clock,
        batchSize,
        sendTimeoutMs,
        Duration.ofMillis(pollIntervalMs));
  }
}
