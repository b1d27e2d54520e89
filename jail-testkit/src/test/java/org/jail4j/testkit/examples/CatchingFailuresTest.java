package org.jail4j.testkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.jail4j.CommandResult;
import org.jail4j.Errno;
import org.jail4j.FailedStep;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.Jail;
import org.jail4j.JailException;
import org.jail4j.JailExistsException;
import org.jail4j.JailHost;
import org.jail4j.JailNotFoundException;
import org.jail4j.JailPermissionException;
import org.jail4j.JailStartException;
import org.jail4j.JailStep;
import org.jail4j.JailStopException;
import org.jail4j.RunningJail;
import org.jail4j.param.JailParam;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.api.Test;

/**
 * Every {@code catch} the javadoc and the docs show, run as written on the fake: one failure has
 * one shape wherever it is caught, so the typed {@code catch} around {@code host.start(...)} sees
 * the kernel's refusal, and the step it failed at is on the exception itself.
 */
@FakeJails
class CatchingFailuresTest {

  private static Jail web() {
    return Jail.builder().name("web").path("/jail/web").persist(true).build();
  }

  /** The catch of docs/LIFECYCLE.md, as it is shown there (DocSnippetsTest checks the text). */
  @Test
  void theLifecycleGuidesCatchSeesTheKernelsEexist(JailHost host) {
    Jail jail = web();
    try (RunningJail first = host.start(jail)) {
      // snippet lifecycle-catch spotless:off
      try {
        host.start(jail);
      } catch (JailExistsException e) {                   // EEXIST from jail_set, at step CREATE
        System.err.println(e.getMessage());               // jail: web: jail "web" already exists (EEXIST)
      } catch (JailException e) {
        e.failedStep().ifPresent(f -> System.err.println(f.step() + ": " + f.output()));
      }
      // end snippet spotless:on
      JailExistsException again =
          catchThrowableOfType(JailExistsException.class, () -> host.start(jail));
      assertThat(again).hasMessage("jail: web: jail \"web\" already exists (EEXIST)");
      assertThat(again.failedStep().orElseThrow().step()).isEqualTo(JailStep.CREATE);
      assertThat(first.isAlive()).isTrue();
    }
  }

  /** The example of JailException and JailExistsException: a name that is already running. */
  @Test
  void catchJailExistsAroundStartCatchesTheKernelsEexist(JailHost host) {
    try (RunningJail first = host.start(web())) {
      String caught = null;
      try {
        host.start(web());
      } catch (JailExistsException e) {
        caught = e.errno().orElseThrow() + " at " + e.failedStep().orElseThrow().step();
        assertThat(e).hasMessage("jail: web: jail \"web\" already exists (EEXIST)");
        assertThat(e.kernelMessage()).contains("jail \"web\" already exists");
      }
      assertThat(caught).isEqualTo("EEXIST at CREATE");
      assertThat(first.isAlive()).isTrue();
    }
  }

  /** The example of JailPermissionException: the kernel says EPERM to the creation. */
  @Test
  void catchJailPermissionAroundStartCatchesTheKernelsEperm(JailHost host, FakeJailKernel kernel) {
    kernel.failNext("jail_set", Errno.EPERM);
    String caught = null;
    try {
      host.start(web());
    } catch (JailPermissionException e) {
      caught = e.getMessage();
      assertThat(e.failedStep()).contains(FailedStep.of(JailStep.CREATE));
    }
    assertThat(caught).isEqualTo("jail: web: jail_set: Operation not permitted (EPERM)");
    assertThat(kernel.jails()).isEmpty();
  }

  /** A parameter this kernel does not have: libjail's ENOENT "unknown parameter", same kind. */
  @Test
  void catchInvalidJailParameterAroundStartCatchesAnUnknownParameter(JailHost host) {
    Jail jail = Jail.builder().from(web()).param(JailParam.named("allow.nosuch"), "1").build();
    InvalidJailParameterException e =
        catchThrowableOfType(InvalidJailParameterException.class, () -> host.start(jail));
    assertThat(e.errno()).contains(Errno.ENOENT);
    assertThat(e).hasMessage("jail: web: unknown parameter: allow.nosuch (ENOENT)");
    assertThat(e.failedStep().map(FailedStep::step)).contains(JailStep.CREATE);
    assertThat(e.violations()).isEmpty();
  }

  /** A child jail whose parent does not exist: ENOENT from the kernel at CREATE. */
  @Test
  void catchJailNotFoundAroundStartCatchesAMissingParent(JailHost host) {
    Jail child = Jail.builder().name("nosuch.web").path("/jail/web").persist(true).build();
    JailNotFoundException e =
        catchThrowableOfType(JailNotFoundException.class, () -> host.start(child));
    assertThat(e.errno()).contains(Errno.ENOENT);
    assertThat(e.kernelMessage()).contains("jail \"nosuch\" not found");
    assertThat(e.failedStep().map(FailedStep::step)).contains(JailStep.CREATE);
  }

  /** The example of JailNotFoundException. */
  @Test
  void catchJailNotFoundAroundGet(JailHost host) {
    String caught = null;
    try {
      host.get(42);
    } catch (JailNotFoundException e) {
      caught = e.getMessage();
    }
    assertThat(caught).isEqualTo("jail: jail_get: jail 42 not found");
  }

  /** The example of JailStartException and FailedStep: a failing exec.prestart command. */
  @Test
  void catchJailStartAroundStartCatchesAFailingCommandWithItsOutput(
      JailHost host, FakeHostSystem fake) {
    fake.onCommand("false", CommandResult.exit(1).stderr("no disk\n"));
    Jail jail = Jail.builder().from(web()).addExecPrestart("false").build();
    String caught = null;
    try {
      host.start(jail);
    } catch (JailStartException e) {
      FailedStep where = e.failedStep().orElseThrow();
      caught = where.step() + ": " + e.getMessage() + "\n" + where.output();
      assertThat(where.command()).contains("false");
      assertThat(where.exitCode()).hasValue(1);
      assertThat(where.phase()).isEqualTo("start");
    }
    assertThat(caught)
        .isEqualTo(
            "EXEC_PRESTART: jail: web: exec.prestart: false: failed (exit status 1)\nno disk\n");
  }

  /** The example of JailException#failedStep and JailStep: branch on the step, any kind. */
  @Test
  void catchJailExceptionAndBranchOnTheStep(JailHost host, FakeHostSystem fake) {
    fake.failNextCommand("false", 1);
    Jail jail = Jail.builder().from(web()).addExecPrestart("false").build();
    JailStep failed = null;
    try {
      host.start(jail);
    } catch (JailException e) {
      if (e.failedStep().map(FailedStep::step).orElse(null) == JailStep.EXEC_PRESTART) {
        failed = JailStep.EXEC_PRESTART;
      }
    }
    assertThat(failed).isEqualTo(JailStep.EXEC_PRESTART);
  }

  /** The example of JailStopException: exec.stop fails, the jail keeps running. */
  @Test
  void catchJailStopAroundStopCatchesAFailingCommand(JailHost host, FakeHostSystem fake) {
    RunningJail web = host.start(Jail.builder().from(web()).addExecStop("halt-app").build());
    fake.failNextCommand("halt-app", 2);
    String caught = null;
    try {
      web.stop();
    } catch (JailStopException e) {
      FailedStep where = e.failedStep().orElseThrow();
      caught = where.step() + " " + where.phase() + " " + where.exitCode().orElse(-1);
    }
    assertThat(caught).isEqualTo("EXEC_STOP stop 2");
    assertThat(web.isAlive()).isTrue();
    web.remove();
  }

  /** docs/TESTKIT.md: an injected host fault with an errno of no kind is a step exception. */
  @Test
  void aMountFaultWithoutAKindIsAJailStartExceptionWithTheErrno(
      JailHost host, FakeHostSystem fake) {
    fake.failNextMount(Errno.EBUSY);
    Jail jail = Jail.builder().from(web()).mountDevfs(true).build();
    JailStartException e = catchThrowableOfType(JailStartException.class, () -> host.start(jail));
    assertThat(e.errno()).contains(Errno.EBUSY);
    assertThat(e.operation()).isEqualTo("mount");
    assertThat(e.failedStep().map(FailedStep::step)).contains(JailStep.MOUNT_DEVFS);
  }

  /** The same EPERM from a mount is the permission kind, like the kernel's. */
  @Test
  void aMountFaultWithEpermIsAJailPermissionException(JailHost host, FakeHostSystem fake) {
    fake.failNextMount(Errno.EPERM);
    Jail jail = Jail.builder().from(web()).mountDevfs(true).build();
    JailPermissionException e =
        catchThrowableOfType(JailPermissionException.class, () -> host.start(jail));
    assertThat(e.operation()).isEqualTo("mount");
    assertThat(e.failedStep().map(FailedStep::step)).contains(JailStep.MOUNT_DEVFS);
  }

  /** The example of InvalidJailParameterException: every violation, by field. */
  @Test
  void catchInvalidJailParameterAroundBuildListsEveryViolation() {
    StringBuilder err = new StringBuilder();
    try {
      Jail.builder().name("a..b").path("jail/web").build();
    } catch (InvalidJailParameterException e) {
      e.violations().forEach(v -> err.append(v.field()).append(": ").append(v.rule()).append('\n'));
    }
    assertThat(err.toString())
        .startsWith("name: \"a..b\" has an empty component")
        .contains("\npath: must be absolute: \"jail/web\"\n");
  }

  /** A builder refusal and a start refusal of a parameter have one shape: kind, errno, text. */
  @Test
  void aBuilderRefusalAndAStartRefusalHaveTheSameShape(JailHost host) {
    InvalidJailParameterException built =
        catchThrowableOfType(
            InvalidJailParameterException.class,
            () -> Jail.builder().name("007").path("/jail/web").persist(true).build());
    InvalidJailParameterException started =
        catchThrowableOfType(
            InvalidJailParameterException.class,
            () ->
                host.start(
                    Jail.builder()
                        .from(web())
                        .param(JailParam.named("allow.nosuch"), "1")
                        .build()));
    assertThat(built.errno()).contains(Errno.EINVAL);
    assertThat(built.kernelMessage()).contains("name cannot be numeric (unless it is the jid)");
    assertThat(built.failedStep()).isEmpty();
    assertThat(started.errno()).contains(Errno.ENOENT);
    assertThat(started.kernelMessage()).contains("unknown parameter: allow.nosuch");
    assertThat(started.failedStep()).isPresent();
  }
}
