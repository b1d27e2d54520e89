package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jail4j.spi.JailFlags.UPDATE;
import static org.jail4j.testkit.Kernels.getInt;
import static org.jail4j.testkit.Kernels.getString;
import static org.jail4j.testkit.Kernels.newJail;

import java.util.ArrayList;
import java.util.List;
import org.jail4j.FreeBsdVersion;
import org.jail4j.param.JailParam;
import org.jail4j.param.ParamType;
import org.jail4j.spi.SyscallException;
import org.junit.jupiter.api.Test;

/**
 * freebsd-jail-abi.md §4.3: the modules' value parameters are kept by their catalogued type, so a
 * catalogued parameter without a kernel rule of its own needs no code in the fake to be set and
 * read back.
 */
class ValueParamsTest {

  private static final String[] ALL_MODULES = {
    "linux", "sysvmsg", "sysvsem", "sysvshm", "zfs", "vmm", "mac_do"
  };

  private static FakeJailKernel loaded(FreeBsdVersion v) {
    return FakeJailKernel.builder()
        .version(v)
        .modules(ALL_MODULES)
        .paths(PathCheck.anyDirectory())
        .build();
  }

  @Test
  void macDoRulesWhichTheFakeNeverNamesRoundTripsThroughSetAndGet() throws SyscallException {
    // mac.do.rules appears in the catalogue only: nothing in the fake's kernel names it
    FakeJailKernel k = loaded(FreeBsdVersion.V15);
    int jid =
        newJail(k, Iov.of().str("name", "mdo").flag("persist").str("mac.do.rules", "uid=0>uid=*"));
    assertThat(getString(k, jid, "mac.do.rules")).isEqualTo("uid=0>uid=*");
    k.set(Iov.of().i32("jid", jid).str("mac.do.rules", "gid=5>gid=6").array(), UPDATE);
    assertThat(getString(k, jid, "mac.do.rules")).isEqualTo("gid=5>gid=6");
  }

  @Test
  void zfsMountSnapshotStartsAtZeroAndKeepsWhatIsSet() throws SyscallException {
    FakeJailKernel k = loaded(FreeBsdVersion.V14);
    int plain = newJail(k, "plain");
    assertThat(getInt(k, plain, "zfs.mount_snapshot")).isZero();
    int snap =
        newJail(k, Iov.of().str("name", "snap").flag("persist").i32("zfs.mount_snapshot", 1));
    assertThat(getInt(k, snap, "zfs.mount_snapshot")).isEqualTo(1);
    assertThat(getInt(k, snap, "zfs")).as("a zfs value leaves the node alone").isEqualTo(2);
  }

  @Test
  void everyPublishedModuleValueParameterRoundTripsOnEveryVersion() throws SyscallException {
    for (FreeBsdVersion v : FreeBsdVersion.values()) {
      FakeJailKernel k = loaded(v);
      List<String> checked = new ArrayList<>();
      for (JailParam<?> p : JailParam.catalogue()) {
        ParamType.Kind kind = p.type().kind();
        boolean value = kind == ParamType.Kind.INT || kind == ParamType.Kind.STRING;
        if (!p.isKernel() || !value || p.module().isEmpty() || k.param(p.name()).isEmpty()) {
          continue;
        }
        String name = "v" + checked.size();
        Iov create = Iov.of().str("name", name).flag("persist");
        if (kind == ParamType.Kind.INT) {
          int jid = newJail(k, create.i32(p.name(), 7));
          assertThat(getInt(k, jid, p.name())).as(v + " " + p.name()).isEqualTo(7);
          k.set(Iov.of().i32("jid", jid).i32(p.name(), 3).array(), UPDATE);
          assertThat(getInt(k, jid, p.name())).as(v + " " + p.name()).isEqualTo(3);
        } else {
          int jid = newJail(k, create.str(p.name(), "set-" + name));
          assertThat(getString(k, jid, p.name())).as(v + " " + p.name()).isEqualTo("set-" + name);
          k.set(Iov.of().i32("jid", jid).str(p.name(), "again").array(), UPDATE);
          assertThat(getString(k, jid, p.name())).as(v + " " + p.name()).isEqualTo("again");
        }
        checked.add(p.name());
      }
      assertThat(checked).as(v + ": the module value parameters found").hasSizeGreaterThan(4);
    }
  }

  @Test
  void aLinuxValueGivesTheJailItsOwnIdentityAndInheritCopiesTheParents() throws SyscallException {
    FakeJailKernel k = loaded(FreeBsdVersion.V14);
    int jid = newJail(k, Iov.of().str("name", "lx").flag("persist").i32("linux", 2));
    assertThat(getInt(k, jid, "linux")).isEqualTo(2);
    k.set(Iov.of().i32("jid", jid).str("linux.osname", "Other").array(), UPDATE);
    assertThat(getInt(k, jid, "linux")).isEqualTo(1);
    assertThat(getString(k, jid, "linux.osname")).isEqualTo("Other");
    k.set(Iov.of().i32("jid", jid).i32("linux", 2).array(), UPDATE);
    assertThat(getString(k, jid, "linux.osname")).isEqualTo("Linux");
    assertThat(getInt(k, jid, "linux.oss_version")).isEqualTo(0x030600);
  }
}
