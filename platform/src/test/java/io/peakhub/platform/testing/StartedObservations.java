package io.peakhub.platform.testing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The names of the observations a registry starts from now on, in order (for tests). */
public final class StartedObservations implements ObservationHandler<Observation.Context> {

  private final List<String> names = new CopyOnWriteArrayList<>();

  private StartedObservations() {}

  /** Records what {@code registry} starts from now on (the handler stays for the context). */
  public static StartedObservations on(ObservationRegistry registry) {
    var started = new StartedObservations();
    registry.observationConfig().observationHandler(started);
    return started;
  }

  public List<String> names() {
    return List.copyOf(names);
  }

  @Override
  public void onStart(Observation.Context context) {
    names.add(context.getName());
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return true;
  }
}
