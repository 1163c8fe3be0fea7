package io.peakhub.platform.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies above the limit with 413 before anything reads them. A body without a
 * declared length (chunked) is refused too: JSON APIs here always know their length.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

  private final long maxBytes;
  private final ProblemResponses problems;

  public BodySizeLimitFilter(long maxBytes, ProblemResponses problems) {
    this.maxBytes = maxBytes;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long length = request.getContentLengthLong();
    boolean chunked =
        length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
    if (length > maxBytes || chunked) {
      problems.write(
          response,
          HttpStatus.CONTENT_TOO_LARGE,
          "payload-too-large",
          "The request body may be at most " + maxBytes + " bytes and must declare its length.");
      return;
    }
    chain.doFilter(request, response);
  }
}
