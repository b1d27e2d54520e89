package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jail4j.spi.JailFlags.CREATE;
import static org.jail4j.testkit.Kernels.assertSetFails;
import static org.jail4j.testkit.Kernels.newJail;

import org.jail4j.Errno;
import org.jail4j.FreeBsdVersion;
import org.jail4j.spi.KernelParam;
import org.jail4j.spi.SyscallException;
import org.junit.jupiter.api.Test;

/** freebsd-jail-abi.md §4: what security.jail.param.* publishes, and module parameters. */
class ParamTableTest {

  @Test
  void coreParametersCarryTheirFormatAccessAndSize() {
    FakeJailKernel k = Kernels.v14();
    assertThat(k.param("name").orElseThrow())
        .isEqualTo(new KernelParam("name", "A", 3, KernelParam.Access.RW, 256));
    assertThat(k.param("path").orElseThrow().access()).isEqualTo(KernelParam.Access.RDTUN);
    assertThat(k.param("jid").orElseThrow().format()).isEqualTo("I");
    assertThat(k.param("host.hostid").orElseThrow().format()).isEqualTo("LU");
    assertThat(k.param("ip4.addr").orElseThrow().size()).isEqualTo(4);
    assertThat(k.param("ip6.addr").orElseThrow().format()).isEqualTo("S,in6_addr,a");
    assertThat(k.param("host").orElseThrow().isJailSys()).isTrue();
    assertThat(k.param("allow.mount").orElseThrow().isBoolean()).isTrue();
    assertThat(k.param("dying").orElseThrow().access()).isEqualTo(KernelParam.Access.RD);
    assertThat(k.param("osrelease").orElseThrow().size()).isEqualTo(32);
    assertThat(k.param("lastjid")).isEmpty();
    assertThat(k.param("allow.nomount")).isEmpty();
  }

  @Test
  void allowMountDevfsAlwaysExistsOtherFileSystemsNeedTheirModule() {
    FakeJailKernel bare = Kernels.v14();
    assertThat(bare.param("allow.mount.devfs")).isPresent();
    assertThat(bare.param("allow.mount.zfs")).isEmpty();
    assertSetFails(
        bare,
        Iov.of().str("name", "a").flag("persist").flag("allow.mount.nullfs"),
        CREATE,
        Errno.EINVAL,
        "unknown parameter: allow.mount.nullfs");
    FakeJailKernel loaded =
        FakeJailKernel.builder().paths(PathCheck.anyDirectory()).modules("nullfs", "zfs").build();
    assertThat(loaded.param("allow.mount.nullfs")).isPresent();
    assertThat(loaded.param("allow.mount.zfs")).isPresent();
    assertThat(loaded.param("zfs.mount_snapshot")).isPresent();
  }

  @Test
  void moduleParametersExistOnlyWithTheirModule() {
    FakeJailKernel bare = Kernels.v14();
    for (String p : new String[] {"linux", "sysvmsg", "sysvsem", "sysvshm", "zfs", "allow.vmm"}) {
      assertThat(bare.param(p)).as(p).isEmpty();
    }
    FakeJailKernel loaded =
        FakeJailKernel.builder()
            .paths(PathCheck.anyDirectory())
            .modules("linux", "sysvmsg", "sysvsem", "sysvshm", "vmm")
            .build();
    for (String p :
        new String[] {"linux", "linux.osname", "sysvmsg", "sysvsem", "sysvshm", "allow.vmm"}) {
      assertThat(loaded.param(p)).as(p).isPresent();
    }
  }

  @Test
  void vnetAndNfsdNeedVimage() {
    FakeJailKernel noVimage =
        FakeJailKernel.builder().paths(PathCheck.anyDirectory()).vimage(false).build();
    assertThat(noVimage.param("vnet")).isEmpty();
    assertThat(noVimage.param("allow.nfsd")).isEmpty();
    assertThat(noVimage.capabilities().whyNoVnet()).isPresent();
    assertSetFails(
        noVimage,
        Iov.of().str("name", "a").flag("persist").i32("vnet", 1),
        CREATE,
        Errno.EINVAL,
        "unknown parameter: vnet");
  }

  @Test
  void unverifiedFlagsAreSwitchable() {
    FakeJailKernel k =
        FakeJailKernel.builder()
            .version(FreeBsdVersion.V15)
            .paths(PathCheck.anyDirectory())
            .withParam("allow.setaudit")
            .withoutParam("allow.extattr")
            .build();
    assertThat(k.param("allow.setaudit")).isPresent();
    assertThat(k.param("allow.extattr")).isEmpty();
    assertThat(Kernels.v(FreeBsdVersion.V15).param("allow.setaudit")).isEmpty();
    assertThat(Kernels.v(FreeBsdVersion.V13).param("allow.extattr")).isEmpty();
  }

  @Test
  void unknownModulesAndParamsAreRefusedByTheBuilder() {
    assertThatThrownBy(() -> FakeJailKernel.builder().modules("nosuch"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nosuch");
    assertThatThrownBy(() -> FakeJailKernel.builder().withParam("bogus").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void paramsListsEveryPublishedParameterOnce() {
    FakeJailKernel k = Kernels.v14();
    assertThat(k.params())
        .extracting(KernelParam::name)
        .doesNotHaveDuplicates()
        .contains("jid", "name", "allow.mount.devfs");
    assertThat(k.capabilities().params()).contains("persist", "host.hostname");
    assertThat(k.capabilities().version()).isEqualTo(FreeBsdVersion.V14);
    assertThat(k.capabilities().osreldate()).isEqualTo(1403000);
  }

  @Test
  void dynamicAllowFlagsWorkOnceLoaded() throws SyscallException {
    FakeJailKernel k =
        FakeJailKernel.builder().paths(PathCheck.anyDirectory()).modules("tmpfs").build();
    int jid =
        newJail(
            k,
            Iov.of()
                .str("name", "a")
                .flag("persist")
                .flag("allow.mount")
                .flag("allow.mount.tmpfs"));
    assertThat(Kernels.getInt(k, jid, "allow.mount.tmpfs")).isEqualTo(1);
    assertThat(Kernels.getInt(k, jid, "allow.mount.nodevfs")).isEqualTo(1);
  }

  @Test
  void linuxParametersImplyANewLinuxIdentity() throws SyscallException {
    FakeJailKernel k =
        FakeJailKernel.builder().paths(PathCheck.anyDirectory()).modules("linux").build();
    int jid = newJail(k, Iov.of().str("name", "a").flag("persist").str("linux.osrelease", "6.1.0"));
    assertThat(Kernels.getString(k, jid, "linux.osrelease")).isEqualTo("6.1.0");
    assertSetFails(
        k, Iov.of().str("name", "b").flag("persist").i32("linux", 0), CREATE, Errno.EINVAL, "");
  }
}
