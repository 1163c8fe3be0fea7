package io.peakhub.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.peakhub.cases.supportcase.AttachmentScanner;
import io.peakhub.cases.supportcase.EventSink;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestJwts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Without the test doubles, the outbox publishes through Kafka and uploads pass the (empty) scanner
 * step.
 */
@SpringBootTest
@Import({TestJwts.Decoder.class, TestAccess.class})
class ProductionWiringTest {

  @DynamicPropertySource
  static void mongo(DynamicPropertyRegistry registry) {
    CaseTestSupport.mongo(registry);
  }

  @Autowired ApplicationContext context;

  @Test
  void theOutboxSendsThroughKafkaAndThereIsExactlyOneScanner() {
    assertThat(context.getBeansOfType(EventSink.class)).containsOnlyKeys("kafkaSink");
    assertThat(context.getBeansOfType(AttachmentScanner.class))
        .containsOnlyKeys("passThroughScanner");
    assertThat(
            context.getBean(AttachmentScanner.class).scan("a.txt", "text/plain", new byte[] {'a'}))
        .isEqualTo(AttachmentScanner.Verdict.clean);
  }
}
