package io.peakhub.platform.config;

import io.peakhub.platform.web.ShapedRequestMappings;
import java.time.Clock;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.actuate.endpoint.web.AbstractWebMvcEndpointHandlerMapping;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Shared beans: the clock every time-dependent piece reads, so tests can move it; in a servlet
 * service, Spring MVC's request mappings passed over by their path's shape ({@link
 * ShapedRequestMappings}), and the actuator's asked after the service's own.
 */
@AutoConfiguration
public class PlatformConfiguration {

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  static class RequestMappings {

    @Bean
    WebMvcRegistrations shapedRequestMappings() {
      return new WebMvcRegistrations() {
        @Override
        public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
          return new ShapedRequestMappings();
        }
      };
    }

    /**
     * The actuator's mappings after the service's own: Spring Boot puts them first (order -100), so
     * every request asked each of the actuator's mappings, in full, before the service's (4.5% of
     * portal-bff's CPU for the header). The service declares nothing under {@code /actuator}, so
     * its own mappings answer nothing there, and the actuator's still answer its paths.
     */
    @Bean
    static BeanPostProcessor actuatorMappingsAfterTheServices() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessBeforeInitialization(Object bean, String name) {
          if (bean instanceof AbstractWebMvcEndpointHandlerMapping actuator) {
            actuator.setOrder(1); // the service's own RequestMappingHandlerMapping is 0
          }
          return bean;
        }
      };
    }
  }

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }
}
