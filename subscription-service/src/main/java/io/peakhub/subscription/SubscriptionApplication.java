package io.peakhub.subscription;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SubscriptionApplication {

  public static void main(String[] args) {
    SpringApplication.run(SubscriptionApplication.class, args);
  }
}
