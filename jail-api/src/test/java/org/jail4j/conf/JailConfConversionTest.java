package org.jail4j.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.jail4j.Jail;
import org.jail4j.JailAddress;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailSys;
import org.junit.jupiter.api.Test;

/** Evaluated jails to {@link Jail} values: pseudo-parameters, checks, addresses, kernel types. */
class JailConfConversionTest {

  private static Jail jail(String body) {
    return JailConf.parse("j { " + body + " }").jail("j").orElseThrow().toJail();
  }

  private static List<String> problems(String body) {
    try {
      jail(body);
    } catch (JailConfException e) {
      return e.problems().stream().map(JailConfException.Problem::text).toList();
    }
    throw new AssertionError("expected a JailConfException for: " + body);
  }

  @Test
  void pseudoParametersBecomeManagementAttributes() {
    Jail j =
        jail(
            "exec.prepare = p; exec.prestart = a, b; exec.created = c; exec.start = \"/bin/sh"
                + " /etc/rc\"; command = /bin/x, -y; exec.poststart = d; exec.prestop = e;"
                + " exec.stop = f; exec.poststop = g; exec.release = h; exec.clean;"
                + " exec.jail_user = u; exec.system_jail_user; exec.system_user = s;"
                + " exec.timeout = 30; exec.consolelog = /var/log/c; exec.fib = 2;"
                + " stop.timeout = 5; interface = em0; ip_hostname; mount = \"/a /b nullfs ro 0 0\";"
                + " mount.fstab = /etc/fstab.j; mount.devfs; mount.fdescfs; mount.procfs;"
                + " vnet.interface = e0b, e1b; depend = db; allow.dying; zfs.dataset = z/a;");
    assertThat(j.execPrepare()).containsExactly("p");
    assertThat(j.execPrestart()).containsExactly("a", "b");
    assertThat(j.execCreated()).containsExactly("c");
    assertThat(j.execStart()).containsExactly("/bin/sh /etc/rc");
    assertThat(j.command()).containsExactly("/bin/x", "-y");
    assertThat(j.execPoststart()).containsExactly("d");
    assertThat(j.execPrestop()).containsExactly("e");
    assertThat(j.execStop()).containsExactly("f");
    assertThat(j.execPoststop()).containsExactly("g");
    assertThat(j.execRelease()).containsExactly("h");
    assertThat(j.execClean()).isTrue();
    assertThat(j.execJailUser()).hasValue("u");
    assertThat(j.execSystemJailUser()).isTrue();
    assertThat(j.execSystemUser()).hasValue("s");
    assertThat(j.execTimeout()).hasValue(Duration.ofSeconds(30));
    assertThat(j.execConsolelog()).hasValue("/var/log/c");
    assertThat(j.execFib()).hasValue(2);
    assertThat(j.stopTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(j.iface()).hasValue("em0");
    assertThat(j.ipHostname()).isTrue();
    assertThat(j.mounts()).containsExactly("/a /b nullfs ro 0 0");
    assertThat(j.mountFstab()).hasValue("/etc/fstab.j");
    assertThat(j.mountDevfs()).isTrue();
    assertThat(j.mountFdescfs()).isTrue();
    assertThat(j.mountProcfs()).isTrue();
    assertThat(j.vnetInterfaces()).containsExactly("e0b", "e1b");
    assertThat(j.depend()).containsExactly("db");
    assertThat(j.allowDying()).isTrue();
    assertThat(j.zfsDatasets()).containsExactly("z/a");
  }

  @Test
  void defaultsWhenNothingIsSet() {
    Jail j = jail("");
    assertThat(j.name()).hasValue("j");
    assertThat(j.stopTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(j.persist()).isFalse();
    assertThat(j.execTimeout()).isEmpty();
  }

  @Test
  void jailBooleanRejectsOtherWords() {
    assertThat(problems("mount.devfs = maybe;"))
        .containsExactly("j: mount.devfs: unknown boolean value \"maybe\"");
  }

  @Test
  void jailBooleanTakesNumbersAndAnyCase() {
    assertThat(jail("exec.clean = 2;").execClean()).isTrue();
    assertThat(jail("exec.clean = FALSE;").execClean()).isFalse();
    assertThat(jail("exec.clean = \"\";").execClean()).isFalse();
  }

  @Test
  void jailIntegerRejectsOtherText() {
    assertThat(problems("exec.timeout = 10s;"))
        .containsExactly("j: exec.timeout: non-integer value \"10s\"");
    assertThat(problems("stop.timeout = \"\";"))
        .containsExactly("j: stop.timeout: non-integer value \"\"");
  }

  @Test
  void everyProblemOfAJailIsReportedAtOnce() {
    assertThat(problems("exec.clean = x; exec.fib = y;"))
        .containsExactly(
            "j: exec.clean: unknown boolean value \"x\"", "j: exec.fib: non-integer value \"y\"");
  }

  @Test
  void scalarUsesTheLastValue() {
    assertThat(jail("host.hostname = a, b;").hostname()).hasValue("b");
    assertThat(jail("interface = a; interface += b;").iface()).hasValue("b");
  }

  @Test
  void addressesKeepInterfaceAndPrefix() {
    Jail j = jail("ip4.addr = \"em0|10.0.0.1/24\", 10.0.0.2/255.255.255.0; ip6.addr = fe80::1;");
    assertThat(j.addresses())
        .extracting(JailAddress::toString)
        .containsExactly("em0|10.0.0.1/24", "10.0.0.2/24", "fe80::1");
    assertThat(j.ip4()).hasSize(2);
    assertThat(j.ip6()).hasSize(1);
  }

  @Test
  void addressOfTheWrongFamilyIsRefused() {
    assertThat(problems("ip4.addr = fe80::1;"))
        .containsExactly("j: ip4.addr: not an IPv4 address: fe80::1");
  }

  @Test
  void kernelParametersAreTyped() {
    Jail j = jail("securelevel = 3; children.max = 4; enforce_statfs = 1; vnet = new;");
    assertThat(j.params())
        .containsEntry(JailParam.SECURELEVEL, 3)
        .containsEntry(JailParam.CHILDREN_MAX, 4)
        .containsEntry(JailParam.ENFORCE_STATFS, 1)
        .containsEntry(JailParam.VNET, JailSys.NEW);
  }

  @Test
  void valuelessJailsysMeansNew() {
    assertThat(jail("vnet;").params()).containsEntry(JailParam.VNET, JailSys.NEW);
  }

  @Test
  void noFormOfAKernelBooleanIsTheInvertedPositiveParameter() {
    assertThat(jail("allow.nomount;").params()).containsEntry(JailParam.ALLOW_MOUNT, false);
    assertThat(jail("allow.nomount = 0;").params()).containsEntry(JailParam.ALLOW_MOUNT, true);
    assertThat(jail("allow.raw_sockets = 1;").params())
        .containsEntry(JailParam.ALLOW_RAW_SOCKETS, true);
  }

  @Test
  void kernelBooleanRejectsOtherWords() {
    assertThat(problems("allow.raw_sockets = yes;"))
        .containsExactly("j: allow.raw_sockets: unknown boolean value \"yes\"");
  }

  @Test
  void scalarKernelParameterUsesTheLastValue() {
    assertThat(jail("securelevel = 1, 3;").params()).containsEntry(JailParam.SECURELEVEL, 3);
  }

  @Test
  void kernelIntegerRejectsText() {
    assertThat(problems("securelevel = high;"))
        .containsExactly("j: securelevel: non-integer value \"high\"");
  }

  @Test
  void jidMustBeAnInteger() {
    assertThat(problems("jid = stage;")).containsExactly("j: jid: non-integer value \"stage\"");
  }

  @Test
  void unknownParametersKeepTheirTextForTheKernel() {
    assertThat(jail("osrelease.x = 14.2;").params())
        .containsEntry(JailParam.named("osrelease.x"), "14.2");
  }

  @Test
  void relativePathIsRefused() {
    assertThatThrownBy(() -> jail("path = jails/j;"))
        .isInstanceOfSatisfying(
            JailConfException.class,
            e ->
                assertThat(e.problems().get(0).text())
                    .isEqualTo("j: path jails/j: not an absolute pathname"));
  }

  @Test
  void failedEvaluationIsReportedByToJails() {
    JailConf conf = JailConf.parse("a { } b { name = x; } c { x = $nope; }");
    assertThatThrownBy(conf::toJails)
        .isInstanceOfSatisfying(
            JailConfException.class,
            e ->
                assertThat(e.problems())
                    .extracting(JailConfException.Problem::text)
                    .containsExactly(
                        "b: cannot redefine parameter \"name\".",
                        "c: x: variable \"nope\" not found"));
  }
}
