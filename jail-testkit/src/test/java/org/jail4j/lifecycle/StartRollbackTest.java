package org.jail4j.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jail4j.CommandResult;
import org.jail4j.Errno;
import org.jail4j.Jail;
import org.jail4j.JailException;
import org.jail4j.JailStep;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailSys;
import org.jail4j.testkit.FakeHostSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A failure injected at every step of the create sequence: the start fails naming that step, and
 * everything done before it is undone (no jail, mount, alias, interface or rctl rule is left).
 */
class StartRollbackTest {

  @TempDir Path root;

  /**
   * Where the failure is injected, which jail exercises it, and the step it must be reported as.
   */
  @SuppressWarnings("ImmutableEnumChecker") // each fault's injection is a stateless lambda
  enum Fault {
    PREPARE(false, JailStep.EXEC_PREPARE, r -> r.fake.failNextCommand(has("prepare"), 1)),
    ALIAS(false, JailStep.ALIASES, r -> r.fake.failNextAlias(a -> !a.isIpv4(), Errno.EEXIST)),
    MOUNT_LINE(
        false,
        JailStep.MOUNT,
        r -> r.fake.failNextMount(m -> m.fsType().equals("nullfs"), Errno.EBUSY)),
    MOUNT_FSTAB(
        false,
        JailStep.MOUNT_FSTAB,
        r -> r.fake.failNextMount(m -> m.fsType().equals("tmpfs"), Errno.ENOSPC)),
    DEVFS(
        false,
        JailStep.MOUNT_DEVFS,
        r -> r.fake.failNextMount(m -> m.fsType().equals("devfs"), Errno.EPERM)),
    FDESCFS(
        false,
        JailStep.MOUNT_FDESCFS,
        r -> r.fake.failNextMount(m -> m.fsType().equals("fdescfs"), Errno.EPERM)),
    PROCFS(
        false,
        JailStep.MOUNT_PROCFS,
        r -> r.fake.failNextMount(m -> m.fsType().equals("procfs"), Errno.EPERM)),
    PRESTART(false, JailStep.EXEC_PRESTART, r -> r.fake.failNextCommand(has("prestart"), 1)),
    CREATE(false, JailStep.CREATE, r -> r.kernel.failNext("jail_set", Errno.EAGAIN)),
    LIMIT(false, JailStep.LIMITS, r -> r.kernel.failNext("rctl", Errno.EINVAL)),
    CREATED(false, JailStep.EXEC_CREATED, r -> r.fake.failNextCommand(has("created"), 1)),
    START(false, JailStep.EXEC_START, r -> r.fake.failNextCommand(has("/etc/rc"), 1)),
    COMMAND(false, JailStep.COMMAND, r -> r.fake.failNextCommand(has("/usr/local/bin/app"), 2)),
    POSTSTART(false, JailStep.EXEC_POSTSTART, r -> r.fake.failNextCommand(has("poststart"), 1)),
    DROP_PERSIST(
        false,
        JailStep.DROP_PERSIST,
        r ->
            r.fake.onCommand(
                has("poststart"),
                cmd -> {
                  r.kernel.failNext("jail_set", Errno.EPERM);
                  return CommandResult.exit(0);
                })),
    EPAIR_CREATE(
        true,
        JailStep.VNET_EPAIR,
        r -> r.fake.failNextInterface(a -> a.get(0).equals("epair"), Errno.ENOSPC)),
    EPAIR_BRIDGE(
        true,
        JailStep.VNET_EPAIR,
        r -> r.fake.failNextInterface(a -> a.contains("addm"), Errno.EBUSY)),
    VNET_INTERFACE(
        true,
        JailStep.VNET_INTERFACE,
        r ->
            r.fake.failNextInterface(
                a -> a.contains("vnet") && a.get(0).endsWith("_b"), Errno.ENXIO)),
    VNET_CONFIGURE(
        true,
        JailStep.VNET_CONFIGURE,
        r -> r.fake.failNextCommand(FakeHostSystem.programIs("/sbin/ifconfig"), 1)),
    VNET_START(true, JailStep.EXEC_START, r -> r.fake.failNextCommand(has("/etc/rc"), 1));

    final boolean vnet;
    final JailStep step;
    final Consumer<FakeRig> inject;

    Fault(boolean vnet, JailStep step, Consumer<FakeRig> inject) {
      this.vnet = vnet;
      this.step = step;
      this.inject = inject;
    }
  }

  private static java.util.function.Predicate<org.jail4j.spi.CommandSpec> has(String word) {
    return spec -> spec.argv().stream().anyMatch(a -> a.contains(word));
  }

  private Jail classicJail() throws Exception {
    String p = FakeRig.dir(root);
    Path fstab = Files.writeString(root.resolve("fstab"), "tmpfs " + p + "/tmp tmpfs rw 0 0\n");
    return Jail.builder()
        .name("web")
        .path(p)
        .iface("em0")
        .ip4("192.0.2.20")
        .ip6("em0|2001:db8::20/64")
        .addMounts("/jails/base " + p + "/base nullfs ro 0 0")
        .mountFstab(FakeRig.dir(fstab))
        .mountDevfs(true)
        .mountFdescfs(true)
        .mountProcfs(true)
        .addExecPrepare("echo prepare")
        .addExecPrestart("echo prestart")
        .addExecCreated("echo created")
        .addExecStart("/bin/sh /etc/rc")
        .addCommand("/usr/local/bin/app")
        .addExecPoststart("echo poststart")
        .limit("maxproc", "100", "deny")
        .limit("memoryuse", "1g", "deny")
        .build();
  }

  private Jail vnetJail(FakeRig rig) {
    rig.fake.createInterface("bridge", null);
    rig.fake.addHostInterface("tap7");
    rig.baseline();
    return Jail.builder()
        .name("vweb")
        .path(FakeRig.dir(root))
        .param(JailParam.VNET, JailSys.NEW)
        .vnetBridge("bridge0")
        .addVnetInterfaces("tap7")
        .vnetAddress("192.0.2.30/24")
        .addExecStart("/bin/sh /etc/rc")
        .persist(true)
        .build();
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void failureAtEveryStepLeavesNothingBehind(Fault fault) throws Exception {
    FakeRig rig = FakeRig.create();
    Jail jail = fault.vnet ? vnetJail(rig) : classicJail();
    fault.inject.accept(rig);

    assertThatThrownBy(() -> rig.host.start(jail))
        .isInstanceOfSatisfying(
            JailException.class,
            e -> {
              assertThat(e.failedStep().orElseThrow().step()).isEqualTo(fault.step);
              assertThat(e).isInstanceOf(StepKinds.expected(e.errno(), true));
              assertThat(e.getSuppressed()).isEmpty();
            });

    assertThat(rig.leftovers()).isEmpty();
    assertThat(rig.kernel.jails()).allMatch(j -> j.dying());
    assertThat(rig.fake.runningProcesses()).isEmpty();
    if (fault.vnet) {
      assertThat(rig.fake.interfaces()).contains("tap7").doesNotContain("evweb_a", "evweb_b");
    }
    rig.kernel.checkInvariants();
  }

  @Test
  void withoutAFailureTheClassicFixtureStartsAndStopsClean() throws Exception {
    FakeRig rig = FakeRig.create();

    rig.host.start(classicJail()).stop();

    assertThat(rig.leftovers()).isEmpty();
  }

  @Test
  void withoutAFailureTheVnetFixtureStartsAndStopsClean() {
    FakeRig rig = FakeRig.create();
    Jail jail = vnetJail(rig);

    rig.host.start(jail).stop();

    assertThat(rig.leftovers()).isEmpty();
    assertThat(rig.fake.interfaces()).contains("tap7");
  }
}
