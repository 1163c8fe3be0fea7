package io.peakhub.gateway.spa;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * The web app's scripts and style sheets: the build names each by a hash of its content
 * (/assets/index-&lt;hash&gt;.js), so a browser keeps them for a year without asking again. A new
 * release has new names, and index.html, which names them, is revalidated on every visit (Spring
 * Security's no-cache headers), so a browser never runs an old script with a new page.
 */
@Configuration
class WebAppAssets implements WebFluxConfigurer {

  private static final CacheControl IMMUTABLE =
      CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry
        .addResourceHandler("/assets/**")
        .addResourceLocations("classpath:/static/assets/")
        .setCacheControl(IMMUTABLE);
  }
}
