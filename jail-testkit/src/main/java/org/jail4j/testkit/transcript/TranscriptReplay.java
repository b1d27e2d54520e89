package org.jail4j.testkit.transcript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jail4j.FreeBsdVersion;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.SyscallException;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.PathCheck;
import org.jspecify.annotations.Nullable;

/**
 * Replays a transcript on the fake: every recorded call, in order, goes to a {@link FakeJailKernel}
 * configured from the header (version from {@code kern.osreldate}, VIMAGE, RACCT, modules; paths
 * checked on the real file system), a fresh one for each case as the contract uses, and the fake's
 * answer must equal the recorded one byte for byte.
 *
 * <pre>{@code
 * TranscriptReplay.onFake(Transcript.read(file)).ifPresent(report -> fail(report));
 * }</pre>
 */
public final class TranscriptReplay {
  private TranscriptReplay() {}

  /**
   * Replays the transcript and stops at the first call whose answer differs.
   *
   * @param transcript the transcript
   * @return empty when every answer matched, else a report naming the case, the call, what the
   *     recorded kernel said and what the fake said
   */
  public static Optional<String> onFake(Transcript transcript) {
    List<String> all = replayOnFake(transcript, true);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /**
   * Replays the transcript and lists every case whose answers differ: within a case the first
   * differing call (the fake's state may have gone another way after it, so later calls of that
   * case are not compared), then replay goes on with the next case on a fresh fake.
   *
   * <pre>{@code
   * for (String d : TranscriptReplay.disagreements(Transcript.read(file))) System.out.println(d);
   * }</pre>
   *
   * @param transcript the transcript
   * @return one report per disagreeing case, in transcript order (as {@link #onFake} words it);
   *     empty when the fake answered every call the same
   */
  public static List<String> disagreements(Transcript transcript) {
    return replayOnFake(transcript, false);
  }

  private static List<String> replayOnFake(Transcript transcript, boolean firstOnly) {
    TranscriptHeader h = transcript.header();
    Path tmp;
    try {
      tmp = Files.createTempFile("j4jct", ".file");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the replay's temporary file", e);
    }
    try {
      return replay(transcript, h, tmp.toString(), firstOnly);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // a temporary file left behind does not change the result
      }
    }
  }

  /**
   * The fake configured like the kernel a header describes: its version from {@code
   * kern.osreldate}, VIMAGE, RACCT and modules, paths checked on the real file system. Replay uses
   * a fresh one per case; a FreeBSD check compares its parameter table with the kernel's.
   *
   * @param h the header
   * @return a new fake
   * @throws IllegalArgumentException when the fake cannot model that kernel (e.g. a module)
   */
  public static FakeJailKernel fakeFor(TranscriptHeader h) {
    return fake(h);
  }

  private static FakeJailKernel fake(TranscriptHeader h) {
    return FakeJailKernel.builder()
        .version(FreeBsdVersion.fromOsreldate(h.osreldate()))
        .modules(h.modules())
        .vimage(h.vimage())
        .racct(h.racct())
        .paths(PathCheck.realFileSystem())
        .build();
  }

  private static List<String> replay(
      Transcript t, TranscriptHeader h, String tmpfile, boolean firstOnly) {
    try {
      fake(h);
    } catch (IllegalArgumentException e) {
      return List.of(
          "transcript "
              + h.fileName()
              + ": the fake cannot be configured like the recorded kernel: "
              + e.getMessage());
    }
    List<String> found = new ArrayList<>();
    @Nullable FakeJailKernel fake = null;
    @Nullable TranscriptRecorder rec = null;
    String currentCase = "";
    boolean caseDiffers = false;
    for (TranscriptRecord r : t.records()) {
      if (fake == null || rec == null || !r.caseName().equals(currentCase)) {
        fake = fake(h);
        rec = TranscriptRecorder.around(fake, r.caseName());
        currentCase = r.caseName();
        caseDiffers = false;
      }
      if (caseDiffers) {
        continue;
      }
      int before = rec.records().size();
      String trouble = null;
      try {
        run(r, fake, rec, tmpfile);
      } catch (SyscallException expected) {
        // recorded like any answer
      } catch (RuntimeException e) {
        trouble = "the fake could not make the call: " + e;
      }
      List<TranscriptRecord> now = rec.records();
      TranscriptRecord got = now.size() > before ? now.get(now.size() - 1) : null;
      if (trouble != null || got == null || !got.render().equals(r.render())) {
        found.add(report(t, r, got, trouble));
        if (firstOnly) {
          return found;
        }
        caseDiffers = true;
      }
    }
    return found;
  }

  private static void run(
      TranscriptRecord r, FakeJailKernel fake, TranscriptRecorder rec, String tmpfile)
      throws SyscallException {
    Symbols s = rec.symbols();
    Values.Resolver resolver =
        new Values.Resolver() {
          @Override
          public int number(Symbols.Kind kind, String token) {
            return s.resolve(kind, token);
          }

          @Override
          public String tmpfile() {
            return tmpfile;
          }
        };
    JailKernel k = rec;
    if (r.caller().equals("unprivileged")) {
      k = rec.unprivilegedCaller(fake.asUnprivileged());
    } else if (r.caller().startsWith("jail ")) {
      int jid = s.resolve(Symbols.Kind.JID, r.caller().substring(5));
      k = rec.jailedCaller(jid, fake.asProcessIn(jid));
    }
    String op = r.op();
    if (TranscriptRecord.IOV_OPS.contains(op)) {
      IoVec[] iov = new IoVec[r.in().size()];
      for (int i = 0; i < iov.length; i++) {
        Values.Raw raw = Values.parse(r.in().get(i), resolver);
        iov[i] = IoVec.raw(raw.base(), raw.length());
      }
      if (op.equals("jail_set")) {
        k.set(iov, r.flags());
      } else {
        k.get(iov, r.flags());
      }
      return;
    }
    int arg = s.resolve(TranscriptRecord.argKind(op), r.arg());
    switch (op) {
      case "jail_remove" -> k.remove(arg);
      case "jail_attach" -> k.attach(arg);
      case "jail_remove_jd" -> k.removeDescriptor(arg);
      case "jail_attach_jd" -> k.attachDescriptor(arg);
      case "close" -> k.closeDescriptor(arg);
      case "spawn" -> rec.hook(op, arg, fake::spawn);
      case "exit" -> rec.hook(op, arg, pid -> exit(fake, pid));
      case "hold" -> rec.hook(op, arg, jid -> hold(fake, jid));
      case "release" -> rec.hook(op, arg, jid -> release(fake, jid));
      default -> throw new IllegalArgumentException("unknown operation " + op);
    }
  }

  private static int exit(FakeJailKernel fake, int pid) {
    fake.exit(pid);
    return 0;
  }

  private static int hold(FakeJailKernel fake, int jid) {
    var unused = fake.hold(jid);
    return 0;
  }

  private static int release(FakeJailKernel fake, int jid) {
    fake.release(jid);
    return 0;
  }

  private static String report(
      Transcript t, TranscriptRecord r, @Nullable TranscriptRecord got, @Nullable String trouble) {
    TranscriptHeader h = t.header();
    StringBuilder b = new StringBuilder();
    b.append("transcript ")
        .append(h.fileName())
        .append(": the fake's answer differs at line ")
        .append(r.line())
        .append('\n');
    b.append("case: ").append(r.caseName()).append('\n');
    b.append("call:\n");
    for (String l : r.requestLines()) {
      b.append("  ").append(l).append('\n');
    }
    if (got != null && !got.requestLines().equals(r.requestLines())) {
      b.append("the fake was called as:\n");
      for (String l : got.requestLines()) {
        b.append("  ").append(l).append('\n');
      }
    }
    b.append("recorded kernel (source: ")
        .append(h.source())
        .append(", ")
        .append(h.osrelease())
        .append(") said:\n");
    for (String l : r.answerLines()) {
      b.append("  ").append(l).append('\n');
    }
    b.append("fake said:\n");
    if (got == null) {
      b.append("  ").append(trouble == null ? "nothing (no call was recorded)" : trouble);
      b.append('\n');
    } else {
      for (String l : got.answerLines()) {
        b.append("  ").append(l).append('\n');
      }
    }
    if (h.source().equals("fake")) {
      b.append(
          "This transcript was recorded from the fake itself: if the fake changed on purpose,"
              + " regenerate the source: fake transcripts (docs/TRANSCRIPTS.md, \"Regenerating\").");
    } else {
      b.append(
          "This transcript was recorded from a real kernel: the fake must follow it; fix the"
              + " fake (or re-record on the same release if the host was not clean).");
    }
    return b.toString();
  }
}
