package io.peakhub.bff;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableFeignClients
@EnableScheduling
public class PortalBffApplication {

  /**
   * Feign's client is the JDK's HttpURLConnection, which keeps at most 5 idle connections per
   * service by default: My Account asks billing five things at once, so under load about one call
   * in eight opened a new connection (700 in TIME_WAIT after 15 s at 80 screens a second).
   */
  static final String KEEP_ALIVE_CONNECTIONS = "64";

  public static void main(String[] args) {
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", KEEP_ALIVE_CONNECTIONS);
    }
    SpringApplication.run(PortalBffApplication.class, args);
  }
}
