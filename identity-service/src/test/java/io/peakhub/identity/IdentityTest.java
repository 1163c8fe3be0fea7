package io.peakhub.identity;

import io.peakhub.platform.testing.FreshDatabase;
import io.peakhub.platform.testing.OutboxContractListener;
import io.peakhub.platform.testing.TestClock;
import io.peakhub.platform.testing.TestJwts;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestExecutionListeners;

/**
 * identity-service's integration tests: like platform's ServiceTest but with the service's own,
 * real access decision (it is what these tests test) instead of granted test access. Every event a
 * test writes to the outbox is checked against docs/asyncapi.yaml.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = FreshDatabase.class)
@Import({TestJwts.Decoder.class, TestClock.Beans.class})
@TestExecutionListeners(
    listeners = {OutboxContractListener.class, TestClock.Reset.class},
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@interface IdentityTest {}
