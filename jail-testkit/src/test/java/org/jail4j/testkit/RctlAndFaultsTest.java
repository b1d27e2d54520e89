package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jail4j.testkit.Kernels.assertFails;
import static org.jail4j.testkit.Kernels.newJail;

import org.jail4j.Errno;
import org.jail4j.spi.RctlCall;
import org.jail4j.spi.SyscallException;
import org.junit.jupiter.api.Test;

/** rctl(4) recording and the fault injection a test can arm. */
class RctlAndFaultsTest {
  private final FakeJailKernel kernel = Kernels.v14();

  @Test
  void rulesAreRecordedAndFiltered() throws SyscallException {
    kernel.rctl(RctlCall.ADD_RULE, "jail:web:maxproc:deny=100");
    kernel.rctl(RctlCall.ADD_RULE, "jail:web:memoryuse:deny=1g");
    kernel.rctl(RctlCall.ADD_RULE, "jail:db:maxproc:deny=10");
    assertThat(kernel.rctl(RctlCall.GET_RULES, "jail:web"))
        .isEqualTo("jail:web:maxproc:deny=100,jail:web:memoryuse:deny=1g");
    assertThat(kernel.rctlRules()).hasSize(3);
  }

  @Test
  void addingTheSameRuleAgainReplacesTheAmount() throws SyscallException {
    kernel.rctl(RctlCall.ADD_RULE, "jail:web:maxproc:deny=100");
    kernel.rctl(RctlCall.ADD_RULE, "jail:web:maxproc:deny=50");
    assertThat(kernel.rctlRules()).containsExactly("jail:web:maxproc:deny=50");
  }

  @Test
  void removeTakesEveryMatchingRuleAndNoMatchIsEsrch() throws SyscallException {
    kernel.rctl(RctlCall.ADD_RULE, "jail:web:maxproc:deny=100");
    kernel.rctl(RctlCall.ADD_RULE, "jail:web:nthr:deny=100");
    kernel.rctl(RctlCall.REMOVE_RULE, "jail:web");
    assertThat(kernel.rctlRules()).isEmpty();
    assertFails(() -> kernel.rctl(RctlCall.REMOVE_RULE, "jail:web"), Errno.ESRCH);
  }

  @Test
  void malformedRulesAreInvalid() {
    for (String bad :
        new String[] {
          "jail:web",
          "jail::maxproc:deny=1",
          "jail:web:bogus:deny=1",
          "jail:web:maxproc:explode=1",
          "planet:web:maxproc:deny=1",
          "jail:web:maxproc:deny=x"
        }) {
      assertFails(() -> kernel.rctl(RctlCall.ADD_RULE, bad), Errno.EINVAL);
    }
  }

  @Test
  void usageIsAnsweredForALiveJail() throws SyscallException {
    int jid = newJail(kernel, "web");
    kernel.spawn(jid);
    String usage = kernel.rctl(RctlCall.GET_RACCT, "jail:web");
    assertThat(usage).contains("maxproc=1").contains("memoryuse=0");
    assertThat(kernel.rctl(RctlCall.GET_RACCT, "jail:" + jid)).isEqualTo(usage);
    assertFails(() -> kernel.rctl(RctlCall.GET_RACCT, "jail:nope"), Errno.ESRCH);
  }

  @Test
  void withoutRacctEveryCallIsEnosys() {
    FakeJailKernel k =
        FakeJailKernel.builder().paths(PathCheck.anyDirectory()).racct(false).build();
    assertFails(() -> k.rctl(RctlCall.GET_RULES, ""), Errno.ENOSYS);
    assertThat(k.capabilities().whyNoLimits()).isPresent();
  }

  @Test
  void failNextFailsOnlyTheNextCallWithoutSideEffects() throws SyscallException {
    kernel.failNext("jail_set", Errno.ENOMEM);
    Iov iov = Iov.of().str("name", "web").flag("persist");
    assertFails(() -> kernel.set(iov.array(), 1), Errno.ENOMEM);
    assertThat(iov.errmsg()).isEmpty();
    assertThat(kernel.jails()).isEmpty();
    assertThat(newJail(kernel, "web")).isEqualTo(1);
  }

  @Test
  void faultsQueuePerSystemCall() throws SyscallException {
    int jid = newJail(kernel, "web");
    kernel.failNext("jail_remove", Errno.EPERM);
    kernel.failNext("jail_remove", Errno.EINVAL);
    kernel.failNext("jail_attach", Errno.EAGAIN);
    assertFails(() -> kernel.remove(jid), Errno.EPERM);
    assertFails(() -> kernel.attach(jid), Errno.EAGAIN);
    assertFails(() -> kernel.remove(jid), Errno.EINVAL);
    kernel.remove(jid);
    assertThat(kernel.jails()).isEmpty();
  }

  @Test
  void faultsReachViewsToo() {
    int jid = newJail(kernel, Iov.of().str("name", "p").i32("children.max", 2).flag("persist"));
    kernel.failNext("jail_get", Errno.EFAULT);
    assertFails(
        () -> kernel.asProcessIn(jid).get(Iov.of().i32("lastjid", 0).array(), 0), Errno.EFAULT);
    kernel.failNext("rctl", Errno.EINVAL);
    assertFails(() -> kernel.rctl(RctlCall.GET_RULES, ""), Errno.EINVAL);
  }

  @Test
  void failNextOfAnUnknownSyscallIsAProgrammingError() {
    assertThatThrownBy(() -> kernel.failNext("mount", Errno.EIO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jail_set");
  }
}
