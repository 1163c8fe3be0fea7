package io.peakhub.cases.servicenow;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The ServiceNow instance for customer service cases (Table API, basic authentication). Without a
 * URL the source is not configured, and choosing it in the portal settings makes My Cases
 * unavailable.
 *
 * @param url the instance, e.g. https://example.service-now.com ({@code SERVICENOW_URL})
 * @param user an integration user with read/write on sn_customerservice_case ({@code
 *     SERVICENOW_USER})
 * @param password its password ({@code SERVICENOW_PASSWORD})
 * @param cacheTtl how long a read is kept (read-through cache; a create or comment drops the
 *     account's entries)
 * @param connectTimeout giving up on connecting
 * @param readTimeout giving up on an answer
 */
@ConfigurationProperties("peakhub.cases.servicenow")
public record ServiceNowProperties(
    String url,
    String user,
    String password,
    Duration cacheTtl,
    Duration connectTimeout,
    Duration readTimeout) {

  public ServiceNowProperties {
    cacheTtl = cacheTtl == null ? Duration.ofSeconds(10) : cacheTtl;
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
    readTimeout = readTimeout == null ? Duration.ofSeconds(5) : readTimeout;
  }

  public boolean configured() {
    return url != null && !url.isBlank();
  }
}
