package io.peakhub.platform.access;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Reads every partition of {@value AccessChangeListener#TOPIC} from its end, by assigning the
 * partitions to this instance's consumer instead of joining a consumer group. Nothing is committed
 * and no group exists, so a restart leaves nothing behind on the broker (a group per start, as
 * before, left one orphaned group each time), and every instance still sees every change.
 *
 * <p>The partitions are looked up in the background (start-up does not wait for Kafka) and retried
 * until the topic exists. Partitions added to the topic later are read after the next restart;
 * until then a change there takes effect when the cached answer expires (peakhub.access.cache-ttl).
 */
public class AccessChangeSubscription implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(AccessChangeSubscription.class);
  private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);

  private final ObjectProvider<ConsumerFactory<?, ?>> consumerFactories;
  private final AccessChangeListener listener;
  private final String clientId;
  private final boolean autoStartup;
  private volatile boolean running;
  private volatile Thread starter;
  private volatile KafkaMessageListenerContainer<String, String> container;

  public AccessChangeSubscription(
      ObjectProvider<ConsumerFactory<?, ?>> consumerFactories,
      AccessChangeListener listener,
      String clientId,
      boolean autoStartup) {
    this.consumerFactories = consumerFactories;
    this.listener = listener;
    this.clientId = clientId;
    this.autoStartup = autoStartup;
  }

  @Override
  public boolean isAutoStartup() {
    return autoStartup;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    ConsumerFactory<?, ?> base = consumerFactories.getIfAvailable();
    if (base == null) {
      log.warn("no Kafka consumer configured: cached access decisions expire by time only");
      return;
    }
    running = true;
    DefaultKafkaConsumerFactory<String, String> groupless = groupless(base);
    starter =
        Thread.ofVirtual()
            .name("access-change-subscription")
            .start(() -> assignWhenTopicExists(groupless));
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (starter != null) {
      starter.interrupt();
    }
    if (container != null) {
      container.stop();
      container = null;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** The partitions being read, empty until they are known; for tests and diagnostics. */
  public List<Integer> assignedPartitions() {
    KafkaMessageListenerContainer<String, String> current = container;
    if (current == null || current.getAssignedPartitions() == null) {
      return List.of();
    }
    return current.getAssignedPartitions().stream().map(tp -> tp.partition()).sorted().toList();
  }

  private DefaultKafkaConsumerFactory<String, String> groupless(ConsumerFactory<?, ?> base) {
    Map<String, Object> config = new HashMap<>(base.getConfigurationProperties());
    // no group: a service's own spring.kafka.consumer.group-id must not apply here
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    return new DefaultKafkaConsumerFactory<>(
        config, new StringDeserializer(), new StringDeserializer());
  }

  private void assignWhenTopicExists(DefaultKafkaConsumerFactory<String, String> factory) {
    Duration delay = Duration.ofMillis(500);
    while (running) {
      try {
        List<Integer> partitions = partitions(factory);
        if (!partitions.isEmpty()) {
          startContainer(factory, partitions);
          return;
        }
        log.info("topic {} not there yet; looking again in {}", AccessChangeListener.TOPIC, delay);
      } catch (RuntimeException e) {
        log.warn(
            "cannot look up {} yet, retrying in {}: {}",
            AccessChangeListener.TOPIC,
            delay,
            e.toString());
      }
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        return;
      }
      delay =
          delay.multipliedBy(2).compareTo(MAX_RETRY_DELAY) > 0
              ? MAX_RETRY_DELAY
              : delay.multipliedBy(2);
    }
  }

  private static List<Integer> partitions(DefaultKafkaConsumerFactory<String, String> factory) {
    try (Consumer<String, String> consumer = factory.createConsumer()) {
      List<PartitionInfo> infos =
          consumer.partitionsFor(AccessChangeListener.TOPIC, LOOKUP_TIMEOUT);
      return infos == null
          ? List.of()
          : infos.stream().map(PartitionInfo::partition).sorted().toList();
    }
  }

  private synchronized void startContainer(
      DefaultKafkaConsumerFactory<String, String> factory, List<Integer> partitions) {
    if (!running) {
      return;
    }
    ContainerProperties properties =
        new ContainerProperties(
            partitions.stream()
                .map(
                    p ->
                        new TopicPartitionOffset(
                            AccessChangeListener.TOPIC, p, TopicPartitionOffset.SeekPosition.END))
                .toArray(TopicPartitionOffset[]::new));
    properties.setMessageListener(
        (MessageListener<String, String>) record -> listener.on(record.value()));
    KafkaMessageListenerContainer<String, String> started =
        new KafkaMessageListenerContainer<>(factory, properties);
    started.setBeanName("accessChangeSubscription");
    // an unreadable announcement is logged and skipped: the cached answer expires by time anyway
    started.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(0L, 0L)));
    started.start();
    container = started;
    log.info(
        "reading {} partitions {} from their end, without a consumer group",
        AccessChangeListener.TOPIC,
        partitions);
  }
}
