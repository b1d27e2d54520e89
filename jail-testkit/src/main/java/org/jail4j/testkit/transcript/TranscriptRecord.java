package org.jail4j.testkit.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One call of a transcript and its answer: the case, the operation, the caller, the flags or the
 * argument, each iovec entry passed in, and the return value, errno and every entry written back.
 * Values are in the text form of {@code docs/TRANSCRIPTS.md} (JIDs, descriptors and pids
 * normalised).
 *
 * <pre>{@code
 * for (TranscriptRecord r : Transcript.parse(text).records()) {
 *   System.out.println(r.caseName() + " " + r.op() + " -> " + r.rc());
 * }
 * }</pre>
 *
 * @param line the line the record starts on (0 when it was not parsed)
 * @param caseName the case that made the call
 * @param op the operation: {@code jail_set}, {@code jail_get}, {@code jail_remove}, {@code
 *     jail_attach}, {@code jail_remove_jd}, {@code jail_attach_jd}, {@code close}, or a contract
 *     hook ({@code spawn}, {@code exit}, {@code hold}, {@code release})
 * @param caller {@code root}, {@code unprivileged} or {@code jail T}
 * @param flags the flags of jail_set / jail_get, or -1 for the other operations
 * @param arg the argument of the other operations (a JID, descriptor or pid token), or empty
 * @param in the entries passed in, entry {@code i} at index {@code i}
 * @param rc the return value token
 * @param errno the errno name when the call failed, or null
 * @param out the entries the call changed, as {@link Entry index and value}
 */
public record TranscriptRecord(
    int line,
    String caseName,
    String op,
    String caller,
    int flags,
    String arg,
    List<String> in,
    String rc,
    @Nullable String errno,
    List<Entry> out) {

  /** jail_set and jail_get: flags and iovecs. */
  public static final Set<String> IOV_OPS = Set.of("jail_set", "jail_get");

  /** Operations with one int argument. */
  public static final Set<String> ARG_OPS =
      Set.of(
          "jail_remove",
          "jail_attach",
          "jail_remove_jd",
          "jail_attach_jd",
          "close",
          "spawn",
          "exit",
          "hold",
          "release");

  /**
   * One entry written back.
   *
   * @param index its position in the iovec array
   * @param value its text form
   */
  public record Entry(int index, String value) {}

  /** Copies the lists. */
  public TranscriptRecord {
    in = List.copyOf(in);
    out = List.copyOf(out);
  }

  /** The kind of the argument's token. */
  static Symbols.Kind argKind(String op) {
    switch (op) {
      case "jail_remove_jd":
      case "jail_attach_jd":
      case "close":
        return Symbols.Kind.FD;
      case "exit":
        return Symbols.Kind.PID;
      default:
        return Symbols.Kind.JID;
    }
  }

  /** The kind of the return value's token. */
  static Symbols.@Nullable Kind rcKind(String op) {
    if (IOV_OPS.contains(op)) {
      return Symbols.Kind.JID;
    }
    return op.equals("spawn") ? Symbols.Kind.PID : null;
  }

  /** The lines of the call: case, call, caller, flags or arg, in. */
  public List<String> requestLines() {
    List<String> l = new ArrayList<>();
    l.add("case " + caseName);
    l.add("call " + op);
    l.add("caller " + caller);
    if (flags >= 0) {
      l.add(String.format(Locale.ROOT, "flags 0x%02x", flags));
    }
    if (!arg.isEmpty()) {
      l.add("arg " + arg);
    }
    for (int i = 0; i < in.size(); i++) {
      l.add("in " + i + " " + in.get(i));
    }
    return l;
  }

  /** The lines of the answer: rc, errno, out. */
  public List<String> answerLines() {
    List<String> l = new ArrayList<>();
    l.add("rc " + rc);
    if (errno != null) {
      l.add("errno " + errno);
    }
    for (Entry e : out) {
      l.add("out " + e.index() + " " + e.value());
    }
    return l;
  }

  /** The record as text, one line per field, ending with a newline. */
  public String render() {
    StringBuilder b = new StringBuilder();
    for (String s : requestLines()) {
      b.append(s).append('\n');
    }
    for (String s : answerLines()) {
      b.append(s).append('\n');
    }
    return b.toString();
  }
}
