package io.peakhub.cases.supportcase;

import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The production sink: platform's idempotent, acks=all producer, waiting for the acknowledgement.
 */
@Configuration(proxyBeanMethods = false)
class KafkaEventSink {

  @Bean
  @ConditionalOnMissingBean(EventSink.class)
  EventSink kafkaSink(
      KafkaTemplate<String, String> kafka,
      @Value("${peakhub.outbox.send-timeout-ms:10000}") long timeoutMs) {
    return (topic, key, json) -> kafka.send(topic, key, json).get(timeoutMs, TimeUnit.MILLISECONDS);
  }
}
