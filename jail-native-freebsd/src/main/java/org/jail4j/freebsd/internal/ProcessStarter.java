package org.jail4j.freebsd.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Starts a host process. The default is {@link ProcessBuilder}; tests substitute one that records
 * the command lines the host system would run.
 *
 * <pre>{@code
 * ProcessStarter starter = ProcessStarter.PROCESS_BUILDER;
 * Process p = starter.start(List.of("/sbin/ifconfig", "-l"), Map.of(), false, null);
 * }</pre>
 */
@FunctionalInterface
public interface ProcessStarter {

  /**
   * Starts a process.
   *
   * @param argv the program and its arguments
   * @param environment variables to add
   * @param clearEnvironment start from an empty environment instead of the JVM's
   * @param directory the working directory, or null for the JVM's
   * @return the running process
   * @throws IOException when it cannot be started
   */
  Process start(
      List<String> argv,
      Map<String, String> environment,
      boolean clearEnvironment,
      @Nullable String directory)
      throws IOException;

  /** {@link ProcessBuilder}, the production starter. */
  ProcessStarter PROCESS_BUILDER =
      (argv, environment, clear, directory) -> {
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (clear) {
          pb.environment().clear();
        }
        pb.environment().putAll(environment);
        if (directory != null) {
          pb.directory(new java.io.File(directory));
        }
        return pb.start();
      };
}
