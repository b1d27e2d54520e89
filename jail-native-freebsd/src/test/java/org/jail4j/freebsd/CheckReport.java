package org.jail4j.freebsd;

import java.util.List;
import org.jail4j.testkit.transcript.TranscriptHeader;
import org.jspecify.annotations.Nullable;

/**
 * The written report of a FreeBSD check ({@code report.md}): the host, its FreeBSD release and
 * architecture, VIMAGE and RACCT, every contract and lifecycle case with its outcome, each call
 * where the kernel and the fake (configured for that release) disagree, every difference between
 * the kernel's {@code security.jail.param.*} table and the fake's, and what the cleanup removed.
 *
 * @param hostName the host's name
 * @param header the kernel's identity, as the transcript header records it
 * @param prefix this run's jail name prefix
 * @param transcript the transcript's file name, or null when none was written
 * @param cases every case, in the order they ended
 * @param disagreements one replay report per disagreeing case
 * @param params the parameter-table differences
 * @param paramNote why the parameter table could not be compared, or null
 * @param before what the cleanup before the run removed (left by an earlier, interrupted run)
 * @param after what the cleanup after the run removed and left
 */
public record CheckReport(
    String hostName,
    TranscriptHeader header,
    String prefix,
    @Nullable String transcript,
    List<CaseResults.Case> cases,
    List<String> disagreements,
    List<ParamTableDiff.Difference> params,
    @Nullable String paramNote,
    CheckCleanup.Result before,
    CheckCleanup.Result after) {

  /**
   * How many cases ended this way.
   *
   * @param outcome the outcome
   * @return the count
   */
  public long count(CaseResults.Outcome outcome) {
    return cases.stream().filter(c -> c.outcome() == outcome).count();
  }

  /**
   * Whether the check found nothing wrong: no failed case, no disagreement with the fake, no
   * parameter-table difference, nothing left behind.
   *
   * @return true when all is well
   */
  public boolean ok() {
    return count(CaseResults.Outcome.FAILED) == 0
        && disagreements.isEmpty()
        && params.isEmpty()
        && paramNote == null
        && after.left().isEmpty();
  }

  /**
   * The one-line summary the check prints.
   *
   * @return e.g. {@code 214 cases: 190 passed, 0 failed, 24 skipped; 0 disagreements; 0 parameter
   *     differences}
   */
  public String summary() {
    return cases.size()
        + " cases: "
        + count(CaseResults.Outcome.PASSED)
        + " passed, "
        + count(CaseResults.Outcome.FAILED)
        + " failed, "
        + count(CaseResults.Outcome.SKIPPED)
        + " skipped; "
        + disagreements.size()
        + " disagreements with the fake; "
        + params.size()
        + " parameter differences";
  }

  /**
   * The report as Markdown.
   *
   * @return the text of {@code report.md}
   */
  public String render() {
    StringBuilder b = new StringBuilder();
    b.append("# jail4j FreeBSD check\n\n");
    b.append(summary()).append(ok() ? " (OK)" : " (NOT OK)").append("\n\n");
    b.append("| | |\n|---|---|\n");
    row(b, "host", hostName);
    row(b, "kernel source", header.source());
    row(b, "FreeBSD", header.osrelease() + " (kern.osreldate " + header.osreldate() + ")");
    row(b, "architecture", header.machineArch() + " (" + header.byteOrder() + " endian)");
    row(b, "VIMAGE", header.vimage() ? "yes" : "no");
    row(b, "RACCT", header.racct() ? "yes" : "no");
    row(b, "modules", String.join(" ", header.modules()));
    row(b, "jail name prefix", prefix + " (and the contract's j4jct_)");
    row(b, "transcript", transcript == null ? "none written" : transcript);
    b.append('\n');

    b.append("## Cases\n\n");
    for (CaseResults.Outcome o : CaseResults.Outcome.values()) {
      b.append("### ").append(o.name().toLowerCase(java.util.Locale.ROOT)).append(" (");
      b.append(count(o)).append(")\n\n");
      for (CaseResults.Case c : cases) {
        if (c.outcome() == o) {
          b.append("- `").append(c.name()).append('`');
          if (!c.detail().isEmpty()) {
            b.append(": ").append(c.detail().replace('\n', ' '));
          }
          b.append('\n');
        }
      }
      b.append('\n');
    }

    b.append("## Where the kernel and the fake disagree (")
        .append(disagreements.size())
        .append(")\n\n");
    if (transcript == null) {
      b.append("No transcript was recorded, so nothing was replayed.\n\n");
    } else if (disagreements.isEmpty()) {
      b.append("Replayed on the fake for ")
          .append(header.osrelease())
          .append(": every call answered the same.\n\n");
    } else {
      b.append("Replayed on the fake for ")
          .append(header.osrelease())
          .append("; the first differing call of each case:\n\n");
      for (String d : disagreements) {
        b.append("```\n").append(d.strip()).append("\n```\n\n");
      }
    }

    b.append("## security.jail.param.* against the fake's table (")
        .append(params.size())
        .append(")\n\n");
    if (paramNote != null) {
      b.append(paramNote).append("\n\n");
    } else if (params.isEmpty()) {
      b.append("Every parameter has the same name, format, kind, access and size.\n\n");
    } else {
      b.append("| parameter | kernel | fake |\n|---|---|---|\n");
      for (ParamTableDiff.Difference d : params) {
        b.append("| `")
            .append(d.name())
            .append("` | ")
            .append(ParamTableDiff.Difference.describe(d.kernel()))
            .append(" | ")
            .append(ParamTableDiff.Difference.describe(d.fake()))
            .append(" |\n");
      }
      b.append('\n');
    }

    b.append("## Cleanup\n\n");
    list(b, "left by an earlier run, removed before this one", before.removed());
    list(b, "could not be removed before the run", before.left());
    list(b, "removed after the run", after.removed());
    list(b, "left behind", after.left());
    if (after.left().isEmpty()) {
      b.append("Nothing was left behind.\n");
    }
    return b.toString();
  }

  private static void row(StringBuilder b, String key, String value) {
    b.append("| ").append(key).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
  }

  private static void list(StringBuilder b, String title, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    b.append(title).append(":\n\n");
    for (String i : items) {
      b.append("- ").append(i).append('\n');
    }
    b.append('\n');
  }
}
