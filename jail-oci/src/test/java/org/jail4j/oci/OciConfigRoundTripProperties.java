package org.jail4j.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.Jail;
import org.jail4j.JailAddress;
import org.jail4j.JailBuilder;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailSys;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Property: random jails survive {@code Jail -> config.json -> Jail} unchanged, and every config
 * jail4j writes is valid against the runtime-spec schema. QuickTheories prints the seed and the
 * shrunk example of any failure.
 */
class OciConfigRoundTripProperties {

  private static final List<String> ALPHABET =
      List.of("a", "b", "z", "0", "7", "_", "-", ".", "/", " ", "\"", "'", "$", "\\", "é", "\n");

  private static Gen<String> text(int max) {
    return lists().of(Generate.pick(ALPHABET)).ofSizeBetween(0, max).map(l -> String.join("", l));
  }

  private static Gen<String> word() {
    return lists()
        .of(Generate.pick(List.of("a", "z", "0", "9", "_")))
        .ofSizeBetween(1, 6)
        .map(l -> String.join("", l));
  }

  private static Gen<Integer> octet() {
    return integers().between(0, 255);
  }

  private static Gen<JailAddress> ip4() {
    Gen<String> addr =
        octet().zip(octet(), octet(), octet(), (a, b, c, d) -> a + "." + b + "." + c + "." + d);
    Gen<String> iface = Generate.pick(List.of("", "", "em0|"));
    Gen<String> prefix = integers().between(-4, 32).map(p -> p < 0 ? "" : "/" + p);
    return iface.zip(addr, prefix, (i, a, p) -> JailAddress.parse(i + a + p));
  }

  private static Gen<JailAddress> ip6() {
    Gen<String> group = integers().between(0, 0xffff).map(Integer::toHexString);
    return lists().of(group).ofSize(8).map(l -> JailAddress.parse(String.join(":", l)));
  }

  private static Gen<Consumer<JailBuilder>> mutation() {
    Gen<List<String>> commands = lists().of(text(10)).ofSizeBetween(0, 3);
    Gen<String> mountLine =
        word()
            .zip(
                word(),
                Generate.pick(List.of("nullfs", "tmpfs")),
                (s, d, t) -> "/" + s + " /j/r/" + d + " " + t + " ro 0 0");
    return Generate.oneOf(
        text(12).map(t -> b -> b.hostname(t)),
        integers().between(1, 99999).map(n -> b -> b.jid(n)),
        ip4().map(a -> b -> b.addAddresses(a)),
        ip6().map(a -> b -> b.addAddresses(a)),
        Generate.booleans().map(v -> b -> b.persist(v)),
        integers().between(-1, 3).map(n -> b -> b.param(JailParam.SECURELEVEL, n)),
        integers().between(0, 1000).map(n -> b -> b.param(JailParam.CHILDREN_MAX, n)),
        integers().between(0, 2).map(n -> b -> b.param(JailParam.ENFORCE_STATFS, n)),
        integers().between(0, 9).map(n -> b -> b.param(JailParam.DEVFS_RULESET, n)),
        Generate.pick(List.of(JailSys.NEW, JailSys.INHERIT))
            .map(v -> b -> b.param(JailParam.VNET, v)),
        Generate.enumValues(JailSys.class).map(v -> b -> b.param(JailParam.SYSVSHM, v)),
        Generate.enumValues(JailSys.class).map(v -> b -> b.param(JailParam.IP4, v)),
        Generate.booleans().map(v -> b -> b.param(JailParam.ALLOW_RAW_SOCKETS, v)),
        Generate.booleans().map(v -> b -> b.param(JailParam.ALLOW_SET_HOSTNAME, v)),
        Generate.booleans().map(v -> b -> b.param(JailParam.ALLOW_MOUNT, v)),
        Generate.booleans().map(v -> b -> b.param(JailParam.ALLOW_MOUNT_NULLFS, v)),
        Generate.booleans().map(v -> b -> b.param(JailParam.ALLOW_READ_MSGBUF, v)),
        text(10).map(t -> b -> b.param(JailParam.OSRELEASE, t)),
        text(10).map(t -> b -> b.param(JailParam.named("test.text"), t)),
        commands.map(c -> b -> b.execStart(c)),
        commands.map(c -> b -> b.execPrestart(c)),
        commands.map(c -> b -> b.execCreated(c)),
        commands.map(c -> b -> b.execPoststart(c)),
        commands.map(c -> b -> b.execPoststop(c)),
        commands.map(c -> b -> b.execStop(c)),
        commands.map(c -> b -> b.command(c)),
        lists().of(mountLine).ofSizeBetween(0, 2).map(m -> b -> b.mounts(m)),
        commands.map(c -> b -> b.mounts(c)),
        lists().of(word()).ofSizeBetween(0, 2).map(c -> b -> b.vnetInterfaces(c)),
        commands.map(c -> b -> b.depend(c)),
        Generate.booleans().map(v -> b -> b.execClean(v)),
        Generate.booleans().map(v -> b -> b.mountDevfs(v).mountProcfs(!v)),
        Generate.booleans().map(v -> b -> b.mountFdescfs(v)),
        word().map(t -> b -> b.iface(t)),
        word().map(t -> b -> b.execJailUser(t)),
        word().map(t -> b -> b.vnetBridge(t)),
        word().map(t -> b -> b.mountFstab("/etc/fstab." + t)),
        integers().between(1, 100000).map(n -> b -> b.limit("memoryuse", n + "m", "deny")),
        integers().between(0, 100000).map(s -> b -> b.execTimeout(Duration.ofSeconds(s))),
        integers().between(0, 100000).map(s -> b -> b.stopTimeout(Duration.ofSeconds(s))),
        integers().between(0, 15).map(f -> b -> b.execFib(f)));
  }

  private static Gen<Jail> jail() {
    Gen<String> name =
        word().map(w -> "j" + w).zip(Generate.pick(List.of("", "", ".sub")), (w, t) -> w + t);
    return name.zip(
        lists().of(mutation()).ofSizeBetween(0, 14),
        (n, ms) -> {
          Jail j = Jail.builder().name(n).path("/j/r").build();
          for (Consumer<JailBuilder> m : ms) {
            JailBuilder b = Jail.builder().from(j);
            m.accept(b);
            try {
              j = b.build();
            } catch (InvalidJailParameterException e) {
              // skip a change that breaks a jail rule
            }
          }
          return j;
        });
  }

  @Test
  void jailsSurviveTheTripThroughConfigJson() {
    OciSchema schema = OciSchema.runtimeConfig(OciReference.runtimeSchemas());
    qt().withExamples(300)
        .forAll(jail())
        .checkAssert(
            j -> {
              String json = OciConfig.fromJail(j).toJson();
              assertThat(OciConfig.parse(json).jail()).as(json).isEqualTo(j);
              assertThat(schema.problems(json)).as(json).isEmpty();
            });
  }
}
