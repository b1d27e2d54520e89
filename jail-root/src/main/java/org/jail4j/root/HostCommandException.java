package org.jail4j.root;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A host command run while building a root ({@code make installworld}, {@code zfs clone}, ...)
 * failed: its command line, exit status and the tail of its output.
 *
 * <pre>{@code
 * try {
 *   SourceInstall.from(Path.of("/usr/src")).install(host, root);
 * } catch (HostCommandException e) {
 *   System.err.println(e.commandLine() + " exited " + e.exitStatus() + "\n" + e.output());
 * }
 * }</pre>
 */
public class HostCommandException extends RootException {
  private static final long serialVersionUID = 1L;

  private final List<String> argv;
  private final int exitStatus;
  private final String output;

  /**
   * A failed command.
   *
   * @param argv the command
   * @param exitStatus its exit status, or -1 when it could not be started
   * @param output the tail of its standard output and standard error
   * @param cause the start failure, may be null
   */
  public HostCommandException(
      List<String> argv, int exitStatus, String output, @Nullable Throwable cause) {
    super(
        argv.isEmpty() ? "command" : argv.get(0),
        String.join(" ", argv)
            + (exitStatus < 0 ? ": could not be started" : ": exit status " + exitStatus)
            + (output.isEmpty() ? "" : "\n" + output),
        cause);
    this.argv = List.copyOf(argv);
    this.exitStatus = exitStatus;
    this.output = output;
  }

  /** The command line, arguments joined by spaces. */
  public String commandLine() {
    return String.join(" ", argv);
  }

  /** The command's exit status; -1 when it could not be started. */
  public int exitStatus() {
    return exitStatus;
  }

  /** The tail of the command's standard output followed by its standard error. */
  public String output() {
    return output;
  }
}
