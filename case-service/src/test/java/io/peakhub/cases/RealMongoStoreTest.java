package io.peakhub.cases;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The same store contract on a real MongoDB (the official mongo image), so anyone with Docker can
 * check the stand-in's parity. Without a Docker engine the class is skipped, and JUnit reports why
 * (disabledWithoutDocker).
 */
@Testcontainers(disabledWithoutDocker = true)
class RealMongoStoreTest extends CaseStoreContract {

  @Container static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

  @DynamicPropertySource
  static void mongo(DynamicPropertyRegistry registry) {
    registry.add("spring.mongodb.uri", () -> MONGO.getReplicaSetUrl("cases"));
  }
}
