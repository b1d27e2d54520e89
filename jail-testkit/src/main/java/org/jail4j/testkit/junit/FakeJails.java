package org.jail4j.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jail4j.FreeBsdVersion;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test a fresh fake FreeBSD host: test methods, {@code @BeforeEach} / {@code @AfterEach}
 * methods and non-final instance fields of type {@link org.jail4j.JailHost}, {@link
 * org.jail4j.testkit.FakeJailKernel}, {@link org.jail4j.testkit.FakeHostSystem}, {@link
 * org.jail4j.testkit.FakeJailProvider} or {@link org.jail4j.testkit.Journal} receive the same fakes
 * for one test and new ones for the next. After each test the extension checks what was left behind
 * (live jails, mounts, aliases, cloned interfaces) and by default fails the test naming it.
 *
 * <pre>{@code
 * @FakeJails
 * class WebJailTest {
 *   @Test
 *   void startsAndStops(JailHost host, FakeJailKernel kernel) throws Exception {
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>The kernel's settings ({@link #version()}, {@link #modules()}, {@link #vimage()}, {@link
 * #racct()}, {@link #paths()}, {@link #securelevel()}, {@link #osrelease()}, {@link #osreldate()},
 * {@link #journal()}) are those of {@link org.jail4j.testkit.FakeJailKernel.Builder}; a {@link
 * org.jail4j.testkit.Journal} parameter or field receives the kernel's journal.
 *
 * <p>On a method the annotation overrides the one on the class (for {@code @Nested} classes, the
 * closest one wins). Fresh fakes are isolated, so tests may run in parallel; fields are set before
 * each test, so with {@code @TestInstance(PER_CLASS)} and concurrent execution use parameters
 * instead (the extension refuses that combination with a clear message).
 *
 * <p>{@link #shared()} names fakes kept for the whole run in the root extension store, shared by
 * every class that names them (and available in {@code @BeforeAll}). Leftovers of a shared fake are
 * what a test added since it started; under concurrent execution that cannot be attributed to one
 * test, so {@link Leaks#FAIL} is lowered to {@link Leaks#WARN} there.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FakeJailsExtension.class)
public @interface FakeJails {

  /** The FreeBSD behaviour the fake kernel follows. */
  FreeBsdVersion version() default FreeBsdVersion.V14;

  /** Loaded kernel modules, e.g. {@code zfs}, {@code linux}, {@code sysvmsg}, {@code nullfs}. */
  String[] modules() default {};

  /** Whether the kernel has VIMAGE ({@code vnet} jails). */
  boolean vimage() default true;

  /** Whether RACCT/RCTL is enabled (resource limits). */
  boolean racct() default true;

  /** How the kernel checks a jail's {@code path}. */
  Paths paths() default Paths.ANY_DIRECTORY;

  /** The host's {@code kern.securelevel} (prison0's, which new jails start from); -1 by default. */
  int securelevel() default -1;

  /**
   * The host's {@code kern.osrelease}, which new jails inherit; empty (the default) for the
   * version's sample ({@code 13.5-RELEASE}, {@code 14.3-RELEASE}, {@code 15.0-RELEASE}).
   */
  String osrelease() default "";

  /**
   * The host's {@code kern.osreldate}, which new jails inherit; 0 (the default) for the version's
   * sample (1305000, 1403000, 1500068).
   */
  int osreldate() default 0;

  /**
   * Whether the kernel keeps a {@link org.jail4j.testkit.Journal} of its system calls and the
   * host's steps (true by default; a test may take the {@code Journal} as a parameter).
   */
  boolean journal() default true;

  /** What to do with jails, mounts, aliases and interfaces a test leaves behind. */
  Leaks leaks() default Leaks.FAIL;

  /**
   * A name to share one fake across tests and test classes for the whole run; empty (the default)
   * for fresh fakes per test. Every use of a name must ask for the same kernel settings.
   */
  String shared() default "";

  /** How the fake kernel looks up a jail's {@code path}. */
  enum Paths {
    /** Every path is an existing directory: jail paths need not exist on the test machine. */
    ANY_DIRECTORY,
    /** Paths are looked up on the test machine's file system (ENOENT, ENOTDIR as on FreeBSD). */
    REAL_FILE_SYSTEM
  }
}
