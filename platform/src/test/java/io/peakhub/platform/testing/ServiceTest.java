package io.peakhub.platform.testing;

import java.lang.annotation.Documented;
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
 * A service's integration test: the whole application with MockMvc, a fresh database in the real
 * test PostgreSQL, the {@link TestClock} for a clock, tokens signed by {@link TestJwts}, access
 * decisions from {@link TestAccess}, and no Kafka (the outbox keeps events for the test to read;
 * listeners do not start). Test classes with this annotation share one application context, and so
 * one database. Every event a test writes to the outbox is checked against docs/asyncapi.yaml
 * ({@link OutboxContractListener}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
    properties = {"peakhub.outbox.relay.enabled=false", "spring.kafka.listener.auto-startup=false"})
@AutoConfigureMockMvc
@ContextConfiguration(initializers = FreshDatabase.class)
@Import({TestJwts.Decoder.class, TestAccess.class, TestClock.Beans.class})
@TestExecutionListeners(
    listeners = {OutboxContractListener.class, TestClock.Reset.class},
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface ServiceTest {}
