package io.peakhub.cases;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CaseApplication {

  public static void main(String[] args) {
    SpringApplication.run(CaseApplication.class, args);
  }
}
