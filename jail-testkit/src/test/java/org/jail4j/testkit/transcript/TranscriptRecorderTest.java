package org.jail4j.testkit.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jail4j.FreeBsdVersion;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.SyscallException;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.PathCheck;
import org.junit.jupiter.api.Test;

/** What the recorder writes for a call, and how it normalises what differs between runs. */
class TranscriptRecorderTest {

  private static FakeJailKernel fake(int lastJid) {
    return FakeJailKernel.builder()
        .version(FreeBsdVersion.V14)
        .paths(PathCheck.anyDirectory())
        .lastAllocatedJid(lastJid)
        .build();
  }

  private static List<String> run(FakeJailKernel fake) throws SyscallException {
    TranscriptRecorder rec = TranscriptRecorder.around(fake, "Demo.run");
    int jid =
        rec.set(
            new IoVec[] {
              IoVec.name("name"), IoVec.string("j4jct_a"), IoVec.name("persist"), IoVec.empty()
            },
            JailFlags.CREATE);
    IoVec name = IoVec.buffer(16);
    IoVec errmsg = IoVec.buffer(JailFlags.ERRMSG_LEN);
    rec.get(
        new IoVec[] {
          IoVec.name("jid"),
          IoVec.of(intBytes(jid)),
          IoVec.name("name"),
          name,
          IoVec.name("errmsg"),
          errmsg
        },
        0);
    rec.remove(jid);
    assertThatThrownBy(() -> rec.remove(jid)).isInstanceOf(SyscallException.class);
    return rec.records().stream().map(TranscriptRecord::render).toList();
  }

  private static byte[] intBytes(int v) {
    return java.nio.ByteBuffer.allocate(4)
        .order(java.nio.ByteOrder.nativeOrder())
        .putInt(v)
        .array();
  }

  @Test
  void aCallIsRecordedWithWhatWentInAndWhatCameBack() throws SyscallException {
    List<String> records = run(fake(0));
    assertThat(records.get(0))
        .isEqualTo(
            "case Demo.run\ncall jail_set\ncaller root\nflags 0x01\n"
                + "in 0 \"name\\0\"\nin 1 \"j4jct_a\\0\"\nin 2 \"persist\\0\"\nin 3 null\n"
                + "rc J1\n");
    assertThat(records.get(1))
        .startsWith(
            "case Demo.run\ncall jail_get\ncaller root\nflags 0x00\n"
                + "in 0 \"jid\\0\"\nin 1 jid J1\nin 2 \"name\\0\"\nin 3 \"\\0\" cap 16\n"
                + "in 4 \"errmsg\\0\"\nin 5 \"\\0\" cap 1024\n"
                + "rc J1\nout 3 \"j4jct_a\\0\" cap 16");
    assertThat(records.get(2)).endsWith("call jail_remove\ncaller root\narg J1\nrc 0\n");
    assertThat(records.get(3))
        .endsWith("call jail_remove\ncaller root\narg J1\nrc -1\nerrno EINVAL\n");
  }

  @Test
  void jidsTheKernelChoseAreNormalisedSoTwoRunsCompareEqual() throws SyscallException {
    assertThat(run(fake(41))).isEqualTo(run(fake(0)));
  }

  @Test
  void aJidTheCallerChoseIsWrittenAsItIs() throws SyscallException {
    TranscriptRecorder rec = TranscriptRecorder.around(fake(0), "Demo.literal");
    rec.set(
        new IoVec[] {
          IoVec.name("jid"), IoVec.of(intBytes(7)), IoVec.name("persist"), IoVec.empty()
        },
        JailFlags.CREATE);
    assertThat(rec.records().get(0).render()).contains("in 1 jid 7\n").endsWith("rc 7\n");
  }

  @Test
  void aCaseNameMustBeOneLine() {
    assertThatThrownBy(() -> TranscriptRecorder.around(fake(0), "a\nb"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFakeIsNeverLabelledFreeBsd() {
    assertThat(TranscriptHeader.of(fake(0)).source()).isEqualTo("fake");
    assertThat(TranscriptHeader.of(TranscriptRecorder.around(fake(0), "x").delegate()).source())
        .isEqualTo("fake");
  }
}
