package org.jail4j.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.jail4j.Errno;
import org.jail4j.spi.JailFlags;
import org.jspecify.annotations.Nullable;

/**
 * One ordered record of what a fake did: the host's steps (mounts, unmounts, ifconfig, commands,
 * signals, as {@link FakeHostSystem#journal()} words them) and the kernel's system calls ({@code
 * jail_set}, {@code jail_get}, {@code jail_remove}, {@code jail_attach} and the 15.0 descriptor
 * calls) with their flags, parameters, decoded values and result, in the order they took effect.
 *
 * <pre>{@code
 * FakeJailKernel kernel = FakeJailKernel.builder().journal(true).build();
 * ...
 * Journal journal = kernel.journal();
 * assertThat(journal.indexOf(Journal.step("/etc/rc.shutdown")))
 *     .isLessThan(journal.indexOf(Journal.call("jail_remove")));
 * assertThat(journal.kernelCalls("jail_set")).anyMatch(c -> c.sent("allow.noraw_sockets"));
 * }</pre>
 *
 * <p>The journal is off unless asked for ({@link FakeJailKernel.Builder#journal(boolean)}; {@code
 * FakeJails} asks by default), so a kernel without one spends nothing on it. It keeps the last
 * {@link #CAPACITY} entries and counts the ones it let go in {@link #dropped()}. Entries are
 * immutable records; lists returned are snapshots. Safe for concurrent use.
 */
public final class Journal {

  /** How many entries a journal keeps; older ones are dropped (and counted). */
  public static final int CAPACITY = 10_000;

  // Guarded by this.
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private long dropped;

  Journal() {}

  /** One step of the journal: a {@link HostStep} or a {@link KernelCall}. */
  public sealed interface Entry permits HostStep, KernelCall {}

  /**
   * A host step, in the words of {@link FakeHostSystem#journal()}: {@code mount nullfs /a on /b},
   * {@code exec jail 3: /bin/sh /etc/rc}, {@code signal 15 to jail 3}, ...
   *
   * @param line the step
   */
  public record HostStep(String line) implements Entry {
    /** Checks the line. */
    public HostStep {
      Objects.requireNonNull(line, "line");
    }

    @Override
    public String toString() {
      return line;
    }
  }

  /**
   * One name/value pair of a {@code jail_set} or {@code jail_get}, its value decoded: a catalogued
   * parameter by its type (ints in decimal, booleans {@code true}/{@code false}, jailsys values
   * {@code new}/{@code inherit}/{@code disable}, addresses comma-separated, strings without their
   * NUL), any other entry as a 4-byte native int, a NUL-terminated text, or {@code 0x} and hex. A
   * {@code NULL} value (a presence-only boolean such as {@code allow.noraw_sockets}, or a size
   * probe) has the empty text.
   *
   * @param name the parameter name as sent
   * @param value the decoded value
   */
  public record Param(String name, String value) {
    /** Checks the fields. */
    public Param {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return value.isEmpty() ? name : name + "=" + value;
    }
  }

  /**
   * One system call of the fake kernel and its answer.
   *
   * @param op {@code jail_set}, {@code jail_get}, {@code jail_remove}, {@code jail_attach}, {@code
   *     jail_remove_jd}, {@code jail_attach_jd} or {@code close}
   * @param caller {@code root}, {@code unprivileged}, or {@code jail N} for a process inside jail N
   *     ({@code jail N unprivileged} for a non-root one)
   * @param flags the flags of {@code jail_set}/{@code jail_get}, -1 for the other calls
   * @param arg the JID or descriptor of the other calls, -1 for {@code jail_set}/{@code jail_get}
   * @param params the pairs passed in, without {@code errmsg}
   * @param returned the pairs whose value the kernel wrote (a {@code jail_get}'s answers)
   * @param rc the JID returned by {@code jail_set}/{@code jail_get}, 0 for the other calls, -1 on
   *     failure
   * @param errno the errno of a failed call, or null
   * @param errmsg what the kernel wrote into {@code errmsg}, or empty
   */
  public record KernelCall(
      String op,
      String caller,
      int flags,
      int arg,
      List<Param> params,
      List<Param> returned,
      int rc,
      @Nullable Errno errno,
      String errmsg)
      implements Entry {

    /** Copies the lists. */
    public KernelCall {
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(caller, "caller");
      params = List.copyOf(params);
      returned = List.copyOf(returned);
      Objects.requireNonNull(errmsg, "errmsg");
    }

    /** Whether the call failed. */
    public boolean failed() {
      return errno != null;
    }

    /** The names passed in, in order. */
    public List<String> names() {
      List<String> out = new ArrayList<>(params.size());
      for (Param p : params) {
        out.add(p.name());
      }
      return out;
    }

    /**
     * Whether the call carried this name (as sent: {@code allow.noraw_sockets}, not {@code
     * allow.raw_sockets=false}).
     *
     * @param name a parameter name
     * @return whether it was passed in
     */
    public boolean sent(String name) {
      return value(name).isPresent();
    }

    /**
     * The decoded value passed in under this name (the first, when it came twice).
     *
     * @param name a parameter name
     * @return the value, or empty when the name was not passed in
     */
    public Optional<String> value(String name) {
      return find(params, name);
    }

    /**
     * The decoded value the kernel wrote under this name.
     *
     * @param name a parameter name
     * @return the value, or empty when the kernel did not write it
     */
    public Optional<String> returnedValue(String name) {
      return find(returned, name);
    }

    private static Optional<String> find(List<Param> list, String name) {
      for (Param p : list) {
        if (p.name().equals(name)) {
          return Optional.of(p.value());
        }
      }
      return Optional.empty();
    }

    /**
     * The call as one line, e.g. {@code jail_set(CREATE) name=web persist -> 1} or {@code
     * jail_remove(7) -> ENOENT "..."}.
     */
    @Override
    public String toString() {
      StringBuilder b = new StringBuilder(op).append('(');
      b.append(flags >= 0 ? flagNames(flags) : Integer.toString(arg)).append(')');
      if (!caller.equals("root")) {
        b.append(" as ").append(caller);
      }
      for (Param p : params) {
        b.append(' ').append(p);
      }
      b.append(" -> ");
      if (errno != null) {
        b.append(errno.name());
      } else {
        b.append(rc);
      }
      if (!errmsg.isEmpty()) {
        b.append(" \"").append(errmsg).append('"');
      }
      for (Param p : returned) {
        b.append(' ').append(p);
      }
      return b.toString();
    }
  }

  /**
   * The names of {@code jail_set}/{@code jail_get} flags, {@code |}-separated ({@code 0} for none,
   * unknown bits in hex).
   *
   * @param flags the flags
   * @return e.g. {@code CREATE|ATTACH}
   */
  public static String flagNames(int flags) {
    String[] names = {
      "CREATE", "UPDATE", "ATTACH", "DYING", "USE_DESC", "AT_DESC", "GET_DESC", "OWN_DESC"
    };
    int[] bits = {
      JailFlags.CREATE,
      JailFlags.UPDATE,
      JailFlags.ATTACH,
      JailFlags.DYING,
      JailFlags.USE_DESC,
      JailFlags.AT_DESC,
      JailFlags.GET_DESC,
      JailFlags.OWN_DESC
    };
    StringBuilder b = new StringBuilder();
    int rest = flags;
    for (int i = 0; i < names.length; i++) {
      int bit = bits[i];
      if ((flags & bit) != 0) {
        b.append(b.length() == 0 ? "" : "|").append(names[i]);
        rest &= ~bit;
      }
    }
    if (rest != 0) {
      b.append(b.length() == 0 ? "" : "|").append(String.format(Locale.ROOT, "0x%x", rest));
    }
    return b.length() == 0 ? "0" : b.toString();
  }

  /**
   * Matches the kernel calls of one system call.
   *
   * @param op e.g. {@code jail_remove}
   * @return the predicate
   */
  public static Predicate<Entry> call(String op) {
    Objects.requireNonNull(op, "op");
    return e -> e instanceof KernelCall c && c.op().equals(op);
  }

  /**
   * Matches a {@code jail_set} that carried this name.
   *
   * @param name a parameter name as sent, e.g. {@code allow.noraw_sockets}
   * @return the predicate
   */
  public static Predicate<Entry> setSending(String name) {
    Objects.requireNonNull(name, "name");
    return e -> e instanceof KernelCall c && c.op().equals("jail_set") && c.sent(name);
  }

  /**
   * Matches host steps whose line contains this text.
   *
   * @param text e.g. {@code /etc/rc.shutdown} or {@code mount devfs}
   * @return the predicate
   */
  public static Predicate<Entry> step(String text) {
    Objects.requireNonNull(text, "text");
    return e -> e instanceof HostStep s && s.line().contains(text);
  }

  synchronized void add(Entry entry) {
    if (entries.size() == CAPACITY) {
      entries.removeFirst();
      dropped++;
    }
    entries.addLast(entry);
  }

  /** Every entry kept, oldest first. */
  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** The kernel calls kept, oldest first. */
  public List<KernelCall> kernelCalls() {
    List<KernelCall> out = new ArrayList<>();
    for (Entry e : entries()) {
      if (e instanceof KernelCall c) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * The kernel calls of one system call, oldest first.
   *
   * @param op e.g. {@code jail_set}
   * @return the calls
   */
  public List<KernelCall> kernelCalls(String op) {
    List<KernelCall> out = new ArrayList<>();
    for (KernelCall c : kernelCalls()) {
      if (c.op().equals(op)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The host steps kept, oldest first. */
  public List<HostStep> hostSteps() {
    List<HostStep> out = new ArrayList<>();
    for (Entry e : entries()) {
      if (e instanceof HostStep s) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * The position in {@link #entries()} of the first entry that matches, for order assertions.
   *
   * @param which e.g. {@link #call(String)} or {@link #step(String)}
   * @return the index, or -1 when none matches
   */
  public int indexOf(Predicate<? super Entry> which) {
    List<Entry> all = entries();
    for (int i = 0; i < all.size(); i++) {
      if (which.test(all.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The position in {@link #entries()} of the last entry that matches.
   *
   * @param which the predicate
   * @return the index, or -1 when none matches
   */
  public int lastIndexOf(Predicate<? super Entry> which) {
    List<Entry> all = entries();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (which.test(all.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** How many old entries were dropped to keep {@link #CAPACITY}. */
  public synchronized long dropped() {
    return dropped;
  }

  /** Forgets every entry (the count of dropped ones too), e.g. after a test's setup. */
  public synchronized void clear() {
    entries.clear();
    dropped = 0;
  }

  /** The entries, one per line. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (Entry e : entries()) {
      b.append(e).append('\n');
    }
    return b.toString();
  }
}
