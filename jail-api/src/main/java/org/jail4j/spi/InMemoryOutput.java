package org.jail4j.spi;

/**
 * A {@link Process} whose whole output is already in memory, such as a test double's scripted
 * process. jail4j reads such a process's output from these methods on the waiting thread instead of
 * draining its streams, so running it starts no thread.
 *
 * <pre>{@code
 * final class ScriptedProcess extends Process implements InMemoryOutput {
 *   public byte[] stdoutBytes() { return "hello\n".getBytes(StandardCharsets.UTF_8); }
 *   public byte[] stderrBytes() { return new byte[0]; }
 *   // ... the Process methods
 * }
 * }</pre>
 *
 * <p>The bytes must be the same ones {@link Process#getInputStream()} and {@link
 * Process#getErrorStream()} deliver.
 */
public interface InMemoryOutput {

  /**
   * Everything the process writes to standard output.
   *
   * @return the bytes (the caller may keep them; implementations return a copy or an unshared
   *     array)
   */
  byte[] stdoutBytes();

  /**
   * Everything the process writes to standard error.
   *
   * @return the bytes (the caller may keep them; implementations return a copy or an unshared
   *     array)
   */
  byte[] stderrBytes();
}
