package io.peakhub.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Spring MVC's request mappings, each tested on its path first. A request whose path has a variable
 * (every {@code /accounts/{accountId}/...}) is tested against every mapping of the service; Spring
 * tests a mapping's method, parameters, headers, media types and only then its path, so each of
 * them read the request's method through Spring Security's request wrappers, checked for a CORS
 * preflight and parsed the Accept header: a seventh of portal-bff's CPU for the header ({@code
 * ./hub bench}, JFR). A mapping matches only when all its conditions do, and the path condition is
 * the same test either way: testing it first changes the cost, not the answer. The 404, 405, 406
 * and 415 answers are Spring's own ({@code handleNoMatch} is untouched).
 */
public class PathFirstRequestMappings extends RequestMappingHandlerMapping {

  @Override
  protected RequestMappingInfo getMatchingMapping(
      RequestMappingInfo info, HttpServletRequest request) {
    PathPatternsRequestCondition paths = info.getPathPatternsCondition();
    if (paths != null && paths.getMatchingCondition(request) == null) {
      return null;
    }
    return super.getMatchingMapping(info, request);
  }
}
