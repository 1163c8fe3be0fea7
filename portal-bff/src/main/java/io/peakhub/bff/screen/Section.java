package io.peakhub.bff.screen;

import io.peakhub.platform.problem.ProblemException;
import io.peakhub.platform.problem.ServiceUnavailableException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One part of a screen: {@code ok} with its data, or {@code unavailable} with why, so a service
 * that is down empties its own section and the rest of the screen still shows.
 */
public record Section<T>(String status, T data, String detail) {

  private static final Logger log = LoggerFactory.getLogger(Section.class);

  public static <T> Section<T> ok(T data) {
    return new Section<>("ok", data, null);
  }

  public static <T> Section<T> unavailable(String detail) {
    return new Section<>("unavailable", null, detail);
  }

  /**
   * Waits for a section's call; whatever it ends in, the screen gets a section (never an error).
   */
  public static <T> Section<T> of(String name, CompletableFuture<T> call, Duration limit) {
    try {
      return ok(call.get(limit.toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ServiceUnavailableException unavailable) {
        return unavailable(unavailable.getMessage());
      }
      if (cause instanceof ProblemException problem) {
        return unavailable(problem.getMessage());
      }
      log.warn("section {} failed: {}", name, String.valueOf(cause));
      return unavailable("This part cannot be shown right now.");
    } catch (TimeoutException e) {
      call.cancel(true);
      return unavailable("This part took too long to load. Try again shortly.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unavailable("This part cannot be shown right now.");
    }
  }
}
