package org.jail4j.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jail4j.Errno;
import org.jail4j.JailHost;
import org.jail4j.spi.RctlCall;
import org.jail4j.spi.SyscallException;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.api.Test;

// The example docs/TESTKIT.md shows (DocSnippetsTest checks the text).
// snippet testkit-capabilities spotless:off
@FakeJails(vimage = false, racct = false)
class FakeJailsCapabilitiesTest {
  @Test
  void withoutVimageThereIsNoVnet(JailHost host) {
    assertThat(host.capabilities().vimage()).isFalse();
    assertThat(host.kernel().param("vnet")).isEmpty();
  }

  @Test
  void withoutRacctRctlIsNotImplemented(JailHost host) {
    assertThat(host.capabilities().racct()).isFalse();
    assertThatThrownBy(() -> host.kernel().rctl(RctlCall.ADD_RULE, "jail:web:maxproc:deny=10"))
        .isInstanceOfSatisfying(
            SyscallException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOSYS));
  }
}
// end snippet spotless:on
