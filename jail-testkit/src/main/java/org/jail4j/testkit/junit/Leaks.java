package org.jail4j.testkit.junit;

/**
 * What {@link FakeJails} does when a test leaves jails, mounts, aliases or cloned interfaces
 * behind.
 *
 * <pre>{@code
 * @FakeJails(leaks = Leaks.WARN)
 * class MyTest { ... }
 * }</pre>
 */
public enum Leaks {
  /** Fail the test, naming everything left behind (the default). */
  FAIL,
  /** Report the leftovers (a JUnit report entry and a line on stderr) and let the test pass. */
  WARN,
  /** Do not check. */
  IGNORE
}
