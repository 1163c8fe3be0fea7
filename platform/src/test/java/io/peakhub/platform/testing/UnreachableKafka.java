package io.peakhub.platform.testing;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A template whose broker is down: for "Kafka unreachable during the change" tests. Close it after
 * use.
 */
public final class UnreachableKafka implements AutoCloseable {

  private final DefaultKafkaProducerFactory<String, String> factory =
      new DefaultKafkaProducerFactory<>(
          Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
              "127.0.0.1:1",
              ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
              StringSerializer.class,
              ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
              StringSerializer.class,
              ProducerConfig.MAX_BLOCK_MS_CONFIG,
              500));

  public KafkaTemplate<String, String> template() {
    return new KafkaTemplate<>(factory);
  }

  @Override
  public void close() {
    factory.destroy();
  }
}
