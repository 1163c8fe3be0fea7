package io.peakhub.gateway.impersonation;

import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a test's request times out, prints every thread's stack to the test's output before the
 * failure is reported, so that a hang seen once in CI says where it waited.
 */
final class ThreadDumpOnTimeout implements TestExecutionExceptionHandler {

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    if (String.valueOf(failure.getMessage()).contains("Timeout on blocking read")) {
      StringBuilder dump =
          new StringBuilder("thread dump at the timeout of ")
              .append(context.getDisplayName())
              .append(":\n");
      for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
        dump.append('"').append(thread.getKey().getName()).append("\" ");
        dump.append(thread.getKey().getState()).append('\n');
        for (StackTraceElement frame : thread.getValue()) {
          dump.append("    at ").append(frame).append('\n');
        }
      }
      System.err.print(dump);
    }
    throw failure;
  }
}
