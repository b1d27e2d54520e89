package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.jail4j.CommandResult;
import org.jail4j.Errno;
import org.jail4j.FailedStep;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.InvalidJailParameterException.Violation;
import org.jail4j.Jail;
import org.jail4j.JailException;
import org.jail4j.JailExistsException;
import org.jail4j.JailGoneException;
import org.jail4j.JailHost;
import org.jail4j.JailNotFoundException;
import org.jail4j.JailPermissionException;
import org.jail4j.JailStartException;
import org.jail4j.JailStep;
import org.jail4j.JailStopException;
import org.jail4j.RunningJail;
import org.jail4j.UnsupportedHostException;
import org.jail4j.param.JailParam;
import org.jail4j.testkit.junit.FakeJails;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The message of every {@link JailException} subtype, built every way the API builds it and thrown
 * by real calls on the fake, says each fact once and the errno once ({@link SaidOnce}).
 */
@FakeJails
class MessagesOfEveryKindTest {

  @Test
  void theIssuesEpermWithoutKernelTextIsSaidOnce() {
    JailException k = JailException.fromErrno("jail_set", null, "p.c", Errno.EPERM, null);
    JailStartException wrapped =
        JailStartException.of(
            FailedStep.of(JailStep.CREATE), null, "p.c", String.valueOf(k.getMessage()), k);
    JailException asKind =
        JailException.fromErrno(
            FailedStep.of(JailStep.CREATE), "jail_set", null, "p.c", Errno.EPERM, null, null, k);
    for (JailException e : List.of(k, wrapped, asKind)) {
      assertThat(e).hasMessage("jail: p.c: jail_set: Operation not permitted (EPERM)");
    }
    assertThat(asKind).isInstanceOf(JailPermissionException.class);
  }

  @Test
  void everyErrnoEveryWayIsSaidOnce() {
    List<String> messages = new ArrayList<>();
    for (Errno e : Errno.values()) {
      for (boolean withText : new boolean[] {false, true}) {
        @Nullable String km = withText ? "prison limit exceeded" : null;
        JailException plain = JailException.fromErrno("jail_set", 3, "web", e, km);
        messages.add(plain.getMessage());
        messages.add(JailException.fromErrno("jail_remove", 3, null, e, km).getMessage());
        for (JailStep step : List.of(JailStep.CREATE, JailStep.MOUNT_DEVFS, JailStep.REMOVE)) {
          FailedStep where = FailedStep.of(step);
          messages.add(
              JailException.fromErrno(where, "nmount", 3, "web", e, km, "/jail/web/dev", null)
                  .getMessage());
          messages.add(
              JailException.fromErrno(where, "jail_set", 3, "web", e, null, null, plain)
                  .getMessage());
        }
        messages.add(
            JailStartException.of(
                    FailedStep.of(JailStep.CREATE),
                    3,
                    "web",
                    String.valueOf(plain.getMessage()),
                    plain)
                .getMessage());
        messages.add(
            JailStopException.of(
                    FailedStep.of(JailStep.UNMOUNT),
                    3,
                    "web",
                    plain.kernelMessage().orElse("umount /jail/web/dev"),
                    plain)
                .getMessage());
      }
    }
    messages.forEach(SaidOnce::assertSaidOnce);
    assertThat(messages).hasSizeGreaterThan(Errno.values().length * 10);
  }

  @Test
  void everySubtypeBuiltByHandIsSaidOnce() {
    CommandResult failed = CommandResult.exit(1).stderr("no disk\n");
    List<JailException> all =
        List.of(
            new JailException("exec", "web", "interrupted: /bin/sh /etc/rc"),
            new JailExistsException("start", "web", "jail \"web\" already exists"),
            new JailPermissionException("start", "web", "not root"),
            new JailNotFoundException("jail_get", null, "jail 42 not found"),
            new JailGoneException("stop", 5, "web", "db"),
            new UnsupportedHostException("usage web", "RACCT is not enabled (kern.racct.enable=0)"),
            new InvalidJailParameterException("build", "web", "path", "must be absolute: \"x\""),
            new InvalidJailParameterException(
                "build",
                "007",
                List.of(
                    Violation.ofKernel(
                        "name",
                        Errno.EINVAL,
                        "name cannot be numeric (unless it is the jid)",
                        "\"007\" has leading zeros"),
                    new Violation("path", "must be absolute: \"x\""),
                    Violation.ofKernel("ip4.addr", Errno.EINVAL, "", "0.0.0.0 is unspecified"))),
            JailStartException.of(
                FailedStep.ofCommand(JailStep.EXEC_PRESTART, "false", failed),
                null,
                "web",
                "false: failed (exit status 1)",
                null),
            JailStopException.of(
                FailedStep.ofCommand(JailStep.EXEC_STOP, "sleep 30", null),
                5,
                "web",
                "exec sleep 30: no such program",
                null));
    for (JailException e : all) {
      SaidOnce.assertSaidOnce(e.getMessage());
    }
  }

  @Test
  void realFailuresOnTheFakeAreSaidOnce(JailHost host, FakeJailKernel kernel, FakeHostSystem fake) {
    List<String> messages = new ArrayList<>();
    Jail web = Jail.builder().name("web").path("/jail/web").persist(true).build();
    try (RunningJail running = host.start(web)) {
      messages.add(catchThrowableOfType(JailException.class, () -> host.start(web)).getMessage());
      messages.add(
          catchThrowableOfType(JailException.class, () -> running.update(JailParam.PATH, "/x"))
              .getMessage());
      messages.add(
          catchThrowableOfType(JailException.class, () -> running.info().param("foo.bar"))
              .getMessage());
    }
    for (Errno e : List.of(Errno.EPERM, Errno.EINVAL, Errno.EAGAIN, Errno.ENOENT)) {
      kernel.failNext("jail_set", e);
      messages.add(catchThrowableOfType(JailException.class, () -> host.start(web)).getMessage());
    }
    for (Errno e : List.of(Errno.EPERM, Errno.EBUSY)) {
      fake.failNextMount(e);
      Jail devfs = Jail.builder().from(web).mountDevfs(true).build();
      messages.add(catchThrowableOfType(JailException.class, () -> host.start(devfs)).getMessage());
    }
    messages.add(
        catchThrowableOfType(
                JailException.class,
                () -> Jail.builder().name("007").path("rel").ip4("nope").build())
            .getMessage());
    messages.add(catchThrowableOfType(JailException.class, () -> host.get(42)).getMessage());
    messages.forEach(SaidOnce::assertSaidOnce);
    assertThat(messages).hasSize(11);
  }
}
