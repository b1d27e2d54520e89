package org.jail4j.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.jail4j.Errno;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailFlags;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.RawCall;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.api.Test;

// The example docs/TESTKIT.md shows (DocSnippetsTest checks the text).
// snippet testkit-raw-call spotless:off
@FakeJails
class RawCallTest {
  @Test
  void rawCallsAnswerWithDecodedValuesOrTheKernelsErrnoAndWords(FakeJailKernel kernel) {
    int jid =
        RawCall.set(kernel)
            .param("name", "web")
            .flag("persist")
            .flags(JailFlags.CREATE)
            .call()
            .jid();

    RawCall.Result web = RawCall.get(kernel).param("jid", jid).want("name").want("persist").call();
    assertThat(web.stringValue("name")).isEqualTo("web");
    assertThat(web.value("persist")).isEqualTo("true");

    RawCall.Result unknown = RawCall.get(kernel).param("jid", jid).want("foo.bar").call();
    assertThat(unknown.errno()).contains(Errno.EINVAL);
    assertThat(unknown.errmsg()).isEqualTo("unknown parameter: foo.bar");

    RawCall.Result odd =
        RawCall.set(kernel).raw(IoVec.name("name")).noErrmsg().flags(JailFlags.CREATE).call();
    assertThat(odd.errno()).contains(Errno.EINVAL);

    assertThat(RawCall.remove(kernel, jid).errno()).isEmpty();
  }
}
// end snippet spotless:on
