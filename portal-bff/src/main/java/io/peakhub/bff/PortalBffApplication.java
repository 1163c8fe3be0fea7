package io.peakhub.bff;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;

@SpringBootApplication
@EnableFeignClients
public class PortalBffApplication {

  public static void main(String[] args) {
    SpringApplication.run(PortalBffApplication.class, args);
  }
}
