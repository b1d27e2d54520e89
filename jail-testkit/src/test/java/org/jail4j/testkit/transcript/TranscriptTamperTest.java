package org.jail4j.testkit.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A transcript changed in one place no longer replays, and the report names the case, the call,
 * what the recorded kernel said and what the fake said.
 */
class TranscriptTamperTest {

  private String text = "";

  @BeforeEach
  void readTheFifteenTranscript() throws IOException {
    try (var files = Files.list(TranscriptReplayTest.DIR)) {
      Path file =
          files
              .filter(p -> p.getFileName().toString().startsWith("fake-15."))
              .findFirst()
              .orElseThrow();
      text = Files.readString(file);
    }
  }

  private static String replace(String text, String from, String to) {
    int at = text.indexOf(from);
    assertThat(at).as("the transcript contains " + from).isGreaterThanOrEqualTo(0);
    return text.substring(0, at) + to + text.substring(at + from.length());
  }

  private static String report(String tampered) {
    Optional<String> report = TranscriptReplay.onFake(Transcript.parse(tampered));
    assertThat(report).as("the tampered transcript must not replay").isPresent();
    return report.orElseThrow();
  }

  @Test
  void theUntouchedTranscriptReplays() {
    assertThat(TranscriptReplay.onFake(Transcript.parse(text))).isEmpty();
  }

  @Test
  void aChangedErrnoIsReported() {
    String record =
        "case ParameterTransportCases.nullValueWithLengthIsEfault\n"
            + "call jail_set\n"
            + "caller root\n"
            + "flags 0x01\n"
            + "in 0 \"name\\0\"\n"
            + "in 1 \"j4jct_efault\\0\"\n"
            + "in 2 \"persist\\0\"\n"
            + "in 3 null\n"
            + "in 4 \"host.hostname\\0\"\n"
            + "in 5 null len 8\n"
            + "in 6 \"errmsg\\0\"\n"
            + "in 7 \"\\0\" cap 1024\n"
            + "rc -1\n"
            + "errno EFAULT\n";
    String report = report(replace(text, record, record.replace("EFAULT", "EINVAL")));
    assertThat(report)
        .contains("case: ParameterTransportCases.nullValueWithLengthIsEfault")
        .contains("  call jail_set\n")
        .contains("  in 5 null len 8\n")
        .contains("recorded kernel (source: fake, 15.0-RELEASE) said:\n  rc -1\n  errno EINVAL\n")
        .contains("fake said:\n  rc -1\n  errno EFAULT\n")
        .contains("regenerate the source: fake transcripts");
  }

  @Test
  void everyDisagreeingCaseIsListedNotOnlyTheFirst() {
    assertThat(TranscriptReplay.disagreements(Transcript.parse(text))).isEmpty();
    int at = text.indexOf("\nerrno EFAULT\n");
    int second = text.indexOf("\nerrno EEXIST\n");
    assertThat(at).as("an EFAULT answer").isPositive();
    assertThat(second).as("an EEXIST answer").isPositive();
    String firstCase = caseAt(at);
    String otherCase = caseAt(second);
    assertThat(otherCase).as("two cases").isNotEqualTo(firstCase);
    String tampered =
        replace(
            replace(text, "\nerrno EFAULT\n", "\nerrno EINVAL\n"),
            "\nerrno EEXIST\n",
            "\nerrno EPERM\n");
    List<String> all = TranscriptReplay.disagreements(Transcript.parse(tampered));
    assertThat(all).hasSize(2);
    String earlier = at < second ? firstCase : otherCase;
    String later = at < second ? otherCase : firstCase;
    assertThat(all.get(0)).contains("case: " + earlier);
    assertThat(all.get(1)).contains("case: " + later);
    assertThat(String.join("\n", all))
        .contains("said:\n  rc -1\n  errno EINVAL\n")
        .contains("said:\n  rc -1\n  errno EPERM\n");
    assertThat(TranscriptReplay.onFake(Transcript.parse(tampered))).contains(all.get(0));
  }

  private String caseAt(int index) {
    int start = text.lastIndexOf("\ncase ", index) + "\ncase ".length();
    return text.substring(start, text.indexOf('\n', start));
  }

  @Test
  void aChangedErrmsgIsReported() {
    String report =
        report(
            replace(
                text,
                "out 7 \"unknown parameter: parent\\0\" cap 1024",
                "out 7 \"unknown parameter: parenT\\0\" cap 1024"));
    assertThat(report)
        .contains("case: ParameterTransportCases.parentIsUnknownToSet")
        .contains(
            "said:\n  rc -1\n  errno EINVAL\n  out 7 \"unknown parameter: parenT\\0\" cap 1024")
        .contains("fake said:\n  rc -1\n  errno EINVAL\n  out 7 \"unknown parameter: parent\\0\"");
  }

  @Test
  void aChangedValueIsReported() {
    String report =
        report(
            replace(
                text,
                "out 7 \"jail ${J1} already exists\\0\"",
                "out 7 \"jail ${J1} already existz\\0\""));
    assertThat(report)
        .contains("recorded kernel (source: fake, 15.0-RELEASE) said:")
        .contains("out 7 \"jail ${J1} already existz\\0\" cap 1024")
        .contains("fake said:")
        .contains("out 7 \"jail ${J1} already exists\\0\" cap 1024");
  }

  @Test
  void twoCallsInTheOtherOrderAreReported() {
    Transcript t = Transcript.parse(text);
    List<TranscriptRecord> records = new ArrayList<>(t.records());
    int i = 0;
    while (!(records.get(i).op().equals("jail_set")
        && records.get(i).rc().equals("J1")
        && records.get(i + 1).caseName().equals(records.get(i).caseName())
        && records.get(i + 1).op().equals("jail_get"))) {
      i++;
    }
    TranscriptRecord create = records.get(i);
    records.set(i, records.get(i + 1));
    records.set(i + 1, create);
    String report = report(new Transcript(t.header(), records).render());
    assertThat(report)
        .contains("case: " + create.caseName())
        .contains("  call jail_get\n")
        .contains("fake said:\n  the fake could not make the call")
        .contains("J1 is used before the kernel returned it in this case");
  }

  @Test
  void aReportForARealKernelSaysToFixTheFake() {
    String tampered =
        replace(text, "source: fake", "source: freebsd")
            .replace("out 7 \"unknown parameter: parent\\0\"", "out 7 \"unknown parameter: x\\0\"");
    assertThat(report(tampered)).contains("recorded from a real kernel: the fake must follow it");
  }

  @Test
  void aModuleTheFakeDoesNotModelIsReported() {
    String tampered = text.replaceFirst("modules: ", "modules: j4jct_nosuch ");
    assertThat(report(tampered))
        .contains("the fake cannot be configured like the recorded kernel")
        .contains("unknown module j4jct_nosuch");
  }
}
