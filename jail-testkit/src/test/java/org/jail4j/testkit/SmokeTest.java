package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.jail4j.spi.JailFlags;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void createGetRemove() throws Exception {
    FakeJailKernel k = Kernels.v14();
    int jid = Kernels.create(k, "web");
    assertThat(jid).isEqualTo(1);
    Iov get = Iov.of().str("name", "web").out("jid", 4).out("path", 1024).out("host.hostname", 256);
    assertThat(k.get(get.array(), 0)).isEqualTo(1);
    assertThat(get.stringValue("path")).isEqualTo("/");
    k.remove(jid);
    assertThat(k.jails()).isEmpty();
    k.checkInvariants();
    Kernels.assertSetFails(k, Iov.of().str("name", "x"), JailFlags.CREATE,
        org.jail4j.Errno.EINVAL, "new jail must persist or attach");
  }
}
