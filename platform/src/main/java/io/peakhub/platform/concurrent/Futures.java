package io.peakhub.platform.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for work another thread does, with that work's own exception. */
public final class Futures {

  private Futures() {}

  /**
   * The result, or the call's own exception (a 503 naming the service, a 4xx passed on), not the
   * future's {@link CompletionException} wrapper.
   */
  public static <T> T joined(CompletableFuture<T> call) {
    try {
      return call.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
