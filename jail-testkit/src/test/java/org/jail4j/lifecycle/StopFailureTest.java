package org.jail4j.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.jail4j.Errno;
import org.jail4j.Jail;
import org.jail4j.JailBuilder;
import org.jail4j.JailException;
import org.jail4j.JailStep;
import org.jail4j.RunningJail;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailSys;
import org.jail4j.testkit.Leftovers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A failure injected at every step of the remove sequence. Before the removal a failure stops the
 * sequence and the jail keeps running; after it, every other clean-up still happens and only the
 * failed item is left.
 */
class StopFailureTest {

  @TempDir Path root;

  @SuppressWarnings("ImmutableEnumChecker") // each fault's injection is a stateless lambda
  enum Fault {
    PRESTOP(JailStep.EXEC_PRESTOP, true, r -> r.fake.failNextCommand(has("prestop"), 1)),
    STOP(JailStep.EXEC_STOP, true, r -> r.fake.failNextCommand(has("rc.shutdown"), 1)),
    REMOVE(JailStep.REMOVE, true, r -> r.kernel.failNext("jail_remove", Errno.EPERM)),
    POSTSTOP(JailStep.EXEC_POSTSTOP, false, r -> r.fake.failNextCommand(has("poststop"), 1)),
    UNMOUNT(JailStep.UNMOUNT, false, r -> r.fake.failNextUnmount(Errno.EBUSY)),
    ALIAS(JailStep.REMOVE_ALIASES, false, r -> r.fake.failNextAlias(Errno.EADDRNOTAVAIL)),
    LIMITS(JailStep.REMOVE_LIMITS, false, r -> r.kernel.failNext("rctl", Errno.EPERM)),
    EPAIR(
        JailStep.DESTROY_EPAIR,
        false,
        r -> r.fake.failNextInterface(a -> a.contains("destroy"), Errno.EBUSY)),
    RELEASE(JailStep.EXEC_RELEASE, false, r -> r.fake.failNextCommand(has("release"), 1));

    final JailStep step;
    final boolean jailSurvives;
    final Consumer<FakeRig> inject;

    Fault(JailStep step, boolean jailSurvives, Consumer<FakeRig> inject) {
      this.step = step;
      this.jailSurvives = jailSurvives;
      this.inject = inject;
    }
  }

  private static java.util.function.Predicate<org.jail4j.spi.CommandSpec> has(String word) {
    return spec -> spec.argv().stream().anyMatch(a -> a.contains(word));
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void failureAtEveryStopStepIsReportedAndTheRestIsCleaned(Fault fault) {
    FakeRig rig = FakeRig.create();
    rig.fake.createInterface("bridge", null);
    rig.baseline();
    JailBuilder b = Jail.builder().name("web").path(FakeRig.dir(root));
    if (fault == Fault.EPAIR) {
      b.param(JailParam.VNET, JailSys.NEW).vnetBridge("bridge0").vnetAddress("192.0.2.60/24");
    } else {
      b.iface("em0").ip4("192.0.2.60/24");
    }
    RunningJail r =
        rig.host.start(
            b.mountDevfs(true)
                .limit("maxproc", "50", "deny")
                .addExecPrestop("echo prestop")
                .addExecStop("/bin/sh /etc/rc.shutdown")
                .addExecPoststop("echo poststop")
                .addExecRelease("echo release")
                .persist(true)
                .build());
    fault.inject.accept(rig);

    assertThatThrownBy(r::stop)
        .isInstanceOfSatisfying(
            JailException.class,
            e -> {
              assertThat(e.failedStep().orElseThrow().step()).isEqualTo(fault.step);
              assertThat(e).isInstanceOf(StepKinds.expected(e.errno(), false));
            });

    assertThat(r.isAlive()).isEqualTo(fault.jailSurvives);
    if (!fault.jailSurvives) {
      Leftovers left = rig.fake.leftovers();
      int items =
          left.mounts().size()
              + left.aliases().size()
              + (fault == Fault.EPAIR ? 1 : left.interfaces().size() - 1) // bridge0 is the test's
              + rig.kernel.rctlRules().size();
      assertThat(items)
          .as("only the failed item is left: %s %s", left.describe(), rig.kernel.rctlRules())
          .isLessThanOrEqualTo(1);
    }
  }
}
