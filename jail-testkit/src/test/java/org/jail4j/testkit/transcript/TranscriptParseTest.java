package org.jail4j.testkit.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The transcript format's parser: what it accepts, and the line and field of what it refuses. */
class TranscriptParseTest {

  static final String HEADER =
      "jail4j-transcript 1\n"
          + "source: fake\n"
          + "kern.osrelease: 14.3-RELEASE\n"
          + "kern.osreldate: 1403000\n"
          + "hw.machine_arch: amd64\n"
          + "byte-order: little\n"
          + "vimage: 1\n"
          + "racct: 0\n"
          + "modules: nullfs zfs\n";

  static final String RECORD =
      "case Demo.create\n"
          + "call jail_set\n"
          + "caller root\n"
          + "flags 0x01\n"
          + "in 0 \"name\\0\"\n"
          + "in 1 \"j4jct_a\\0\"\n"
          + "in 2 \"persist\\0\"\n"
          + "in 3 null\n"
          + "in 4 \"errmsg\\0\"\n"
          + "in 5 \"\\0\" cap 1024\n"
          + "rc J1\n";

  private static TranscriptFormatException refused(String text) {
    try {
      Transcript.parse(text);
    } catch (TranscriptFormatException e) {
      return e;
    }
    throw new AssertionError("accepted: " + text);
  }

  @Test
  void aHeaderAndOneRecordParse() {
    Transcript t = Transcript.parse(HEADER + "\n" + RECORD);
    assertThat(t.header())
        .isEqualTo(
            new TranscriptHeader(
                "fake",
                "14.3-RELEASE",
                1403000,
                "amd64",
                "little",
                true,
                false,
                List.of("nullfs", "zfs")));
    assertThat(t.records()).hasSize(1);
    TranscriptRecord r = t.records().get(0);
    assertThat(r.line()).isEqualTo(11);
    assertThat(r.op()).isEqualTo("jail_set");
    assertThat(r.flags()).isEqualTo(1);
    assertThat(r.in()).hasSize(6).element(5).isEqualTo("\"\\0\" cap 1024");
    assertThat(r.rc()).isEqualTo("J1");
    assertThat(r.errno()).isNull();
  }

  @Test
  void renderingGivesTheTextBack() {
    String text = HEADER + "\n" + RECORD;
    assertThat(Transcript.parse(text).render()).isEqualTo(text);
  }

  @Test
  void commentsAreIgnored() {
    Transcript t = Transcript.parse(HEADER + "\n# the title\n" + RECORD);
    assertThat(t.records()).hasSize(1);
  }

  @Test
  void aWrongFirstLineIsRefusedOnLine1() {
    TranscriptFormatException e = refused("jail4j-transcript 2\n");
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.field()).isEqualTo("magic");
  }

  @Test
  void aMissingHeaderKeyIsNamed() {
    TranscriptFormatException e = refused(HEADER.replace("racct: 0\n", "") + "\n");
    assertThat(e.field()).isEqualTo("racct");
    assertThat(e.getMessage()).contains("the header has no racct");
  }

  @Test
  void anUnknownSourceIsRefusedOnItsLine() {
    TranscriptFormatException e = refused(HEADER.replace("source: fake", "source: real") + "\n");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.field()).isEqualTo("source");
  }

  @Test
  void anUnknownErrnoIsRefusedOnItsLine() {
    TranscriptFormatException e =
        refused(HEADER + "\n" + RECORD.replace("rc J1\n", "rc -1\nerrno EFOO\n"));
    assertThat(e.line()).isEqualTo(22);
    assertThat(e.field()).isEqualTo("errno");
    assertThat(e.rule()).isEqualTo("unknown errno EFOO");
    assertThat(e.getMessage()).contains("line 22: errno: unknown errno EFOO");
  }

  @Test
  void aFailureWithoutAnErrnoIsRefused() {
    TranscriptFormatException e = refused(HEADER + "\n" + RECORD.replace("rc J1", "rc -1"));
    assertThat(e.field()).isEqualTo("errno");
    assertThat(e.line()).isEqualTo(11);
  }

  @Test
  void aBadEscapeIsRefusedOnItsLine() {
    TranscriptFormatException e =
        refused(HEADER + "\n" + RECORD.replace("\"j4jct_a\\0\"", "\"j4jct_a\\q\""));
    assertThat(e.line()).isEqualTo(16);
    assertThat(e.field()).isEqualTo("in");
    assertThat(e.rule()).isEqualTo("unknown escape \\q");
  }

  @Test
  void entriesOutOfOrderAreRefused() {
    TranscriptFormatException e = refused(HEADER + "\n" + RECORD.replace("in 1 ", "in 2 "));
    assertThat(e.line()).isEqualTo(16);
    assertThat(e.rule()).isEqualTo("expected index 1, found 2");
  }

  @Test
  void anOutEntryMustNameAnEntryPassedIn() {
    TranscriptFormatException e = refused(HEADER + "\n" + RECORD + "out 9 null\n");
    assertThat(e.field()).isEqualTo("out");
    assertThat(e.line()).isEqualTo(22);
  }

  @Test
  void anUnknownOperationIsRefused() {
    TranscriptFormatException e =
        refused(HEADER + "\n" + RECORD.replace("call jail_set", "call jail_frob"));
    assertThat(e.line()).isEqualTo(12);
    assertThat(e.rule()).isEqualTo("unknown operation jail_frob");
  }

  @Test
  void aLiteralDollarMustBeEscaped() {
    TranscriptFormatException e =
        refused(HEADER + "\n" + RECORD.replace("\"j4jct_a\\0\"", "\"$x\""));
    assertThat(e.rule()).isEqualTo("a literal $ is written \\$");
  }

  @Test
  void aCapSmallerThanTheStringIsRefused() {
    TranscriptFormatException e =
        refused(HEADER + "\n" + RECORD.replace("\"j4jct_a\\0\"", "\"j4jct_a\\0\" cap 2"));
    assertThat(e.rule()).isEqualTo("cap 2 is less than the string's bytes");
  }

  @Test
  void anArgumentCallNeedsArg() {
    TranscriptFormatException e =
        refused(HEADER + "\ncase X.y\ncall jail_remove\ncaller root\nrc 0\n");
    assertThat(e.field()).isEqualTo("arg");
    assertThatThrownBy(() -> Transcript.parse(HEADER + "\ncase X.y\ncall jail_remove\n"))
        .isInstanceOf(TranscriptFormatException.class);
  }
}
