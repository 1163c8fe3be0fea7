package io.peakhub.devstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MongoDB-wire-compatible stand-in (mongo-java-server) for case-service, persisting to an H2
 * MVStore file so cases survive a restart. Arguments: port file ("memory" for the in-memory
 * backend).
 */
public final class MongoMain {

  private MongoMain() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    boolean memory = "memory".equals(args[1]);
    H2Backend h2 = null;
    MongoServer server;
    if (memory) {
      server = new MongoServer(new MemoryBackend());
    } else {
      Path file = Path.of(args[1]);
      Files.createDirectories(file.getParent());
      h2 = new H2Backend(file.toString());
      server = new MongoServer(h2);
    }
    server.bind("127.0.0.1", port);
    H2Backend backend = h2;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.shutdown();
                  if (backend != null) {
                    backend.close();
                  }
                  System.out.println("mongodb stand-in stopped");
                }));
    System.out.println(
        "mongodb stand-in ("
            + (memory ? "in-memory" : "H2 file " + args[1])
            + ") listening on "
            + port);
    Thread.currentThread().join();
  }
}
