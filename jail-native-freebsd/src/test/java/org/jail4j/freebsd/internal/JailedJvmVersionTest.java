package org.jail4j.freebsd.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jnr.ffi.Runtime;
import org.jail4j.FreeBsdVersion;
import org.jail4j.HostCapabilities;
import org.junit.jupiter.api.Test;

/**
 * In a jail {@code kern.osreldate} and {@code kern.osrelease} are the jail's values (its creator
 * may set {@code osreldate} / {@code osrelease}); the kernel's own version comes from {@code
 * kern.version}, which sys/kern/kern_mib.c serves from the global build string (docs/ABI.md).
 */
class JailedJvmVersionTest {
  private final Runtime runtime = Runtime.getSystemRuntime();
  private final ScriptedKernel scripted = new ScriptedKernel();

  @Test
  void aJailedJvmTakesTheFamilyFromKernVersionNotTheJailsOsreldate() {
    scripted.version = FreeBsdVersion.V14;
    EmulatedLibc libc = new EmulatedLibc(scripted, runtime);
    libc.runAsJailedProcess(1302000, "13.2-RELEASE");
    NativeJailKernel kernel = libc.binding().kernel();

    assertThat(kernel.isJailed()).isTrue();
    assertThat(kernel.version()).isEqualTo(FreeBsdVersion.V14);
    HostCapabilities caps = kernel.capabilities();
    assertThat(caps.version()).isEqualTo(FreeBsdVersion.V14);
    assertThat(caps.osreldate()).isEqualTo(1302000); // what the jail is told, reported as read
    assertThat(caps.osrelease()).isEqualTo("13.2-RELEASE");
  }

  @Test
  void aJailedJvmOnAFifteenKernelToldItIsFourteenStillHasDescriptors() {
    scripted.version = FreeBsdVersion.V15;
    EmulatedLibc libc = new EmulatedLibc(scripted, runtime);
    libc.runAsJailedProcess(1403000, "14.3-RELEASE");

    assertThat(libc.binding().kernel().version()).isEqualTo(FreeBsdVersion.V15);
  }

  @Test
  void onTheHostTheFamilyComesFromOsreldate() {
    scripted.version = FreeBsdVersion.V13;
    NativeJailKernel kernel = new EmulatedLibc(scripted, runtime).binding().kernel();

    assertThat(kernel.isJailed()).isFalse();
    assertThat(kernel.version()).isEqualTo(FreeBsdVersion.V13);
  }

  @Test
  void theMajorReleaseIsTheNumberAfterFreeBsdInKernVersion() {
    assertThat(
            NativeJailKernel.majorOfKernVersion(
                "FreeBSD 14.3-RELEASE releng/14.3-n271432-8c9ce319fef7 GENERIC\n"))
        .contains(14);
    assertThat(NativeJailKernel.majorOfKernVersion("FreeBSD 15.0-CURRENT #0 main-n2: GENERIC"))
        .contains(15);
    assertThat(NativeJailKernel.majorOfKernVersion("Linux 6.1")).isEmpty();
    assertThat(NativeJailKernel.majorOfKernVersion("")).isEmpty();
  }
}
