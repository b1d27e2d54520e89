package org.jail4j.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.jail4j.Errno;
import org.jail4j.FreeBsdVersion;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.SyscallException;
import org.jail4j.testkit.transcript.TranscriptFile;
import org.jail4j.testkit.transcript.TranscriptHeader;
import org.jail4j.testkit.transcript.TranscriptRecorder;
import org.jspecify.annotations.Nullable;

/**
 * What every case of the {@link JailKernelContract} works with: the kernel of the current case, the
 * jails it made or holds and the files it created (all cleaned up after the case), the provider's
 * hooks, and the helpers that build requests ({@link Req}) and check what a call did ({@link
 * Outcome}).
 *
 * <pre>{@code
 * ContractContext ctx = context();
 * int jid = ctx.persistent(jailName("web"));
 * ctx.get(Req.of().i32("jid", jid).out("j4jct.nosuch", 4), 0)
 *     .fails(Errno.EINVAL, "unknown parameter: j4jct.nosuch");
 * }</pre>
 */
public final class ContractContext {

  /** The prefix of every jail name the contract creates. */
  public static final String PREFIX = "j4jct_";

  private final JailKernelContract hooks;
  private @Nullable JailKernel kernel;
  private final List<Integer> made = new ArrayList<>();
  private final List<Integer> held = new ArrayList<>();
  private final List<Path> tempFiles = new ArrayList<>();
  private @Nullable TranscriptRecorder recorder;
  private @Nullable TranscriptFile transcript;
  private String title = "";

  ContractContext(JailKernelContract hooks) {
    this.hooks = hooks;
  }

  /**
   * Starts a case on this kernel and, when {@code file} is present, records every call of the case
   * into it (docs/TRANSCRIPTS.md).
   */
  void open(JailKernel kernel, Optional<TranscriptFile> file, String caseName, String title) {
    if (file.isPresent()) {
      TranscriptRecorder rec = TranscriptRecorder.around(kernel, caseName);
      this.recorder = rec;
      this.transcript = file.get();
      this.title = title;
      this.kernel = rec;
    } else {
      this.kernel = kernel;
    }
  }

  /** Writes the recorded case, if any, to its transcript. */
  private void flushTranscript() {
    TranscriptRecorder rec = recorder;
    TranscriptFile file = transcript;
    recorder = null;
    transcript = null;
    if (rec != null && file != null) {
      file.append(TranscriptHeader.of(rec.delegate()), title, rec.records());
    }
  }

  /** Runs a contract hook, recorded when the case is recorded. */
  private int hook(String op, int arg, TranscriptRecorder.Hook hook) throws SyscallException {
    TranscriptRecorder rec = recorder;
    return rec == null ? hook.run(arg) : rec.hook(op, arg, hook);
  }

  /** Removes what the case made, releases what it held and deletes its files. */
  void close() throws IOException {
    try {
      cleanUp();
    } finally {
      flushTranscript();
    }
  }

  private void cleanUp() throws IOException {
    JailKernel k = kernel;
    if (k == null) {
      return;
    }
    List<Integer> jids = new ArrayList<>(made);
    Collections.reverse(jids);
    for (int jid : jids) {
      try {
        k.remove(jid);
      } catch (SyscallException alreadyGone) {
        // removed by the case itself, or with its parent
      }
    }
    // anything named j4jct_ that is still alive (e.g. made through a jailed caller)
    for (int jid : listJids(k, 0)) {
      Optional<String> name = readName(k, jid);
      if (name.isPresent() && name.get().startsWith(PREFIX)) {
        try {
          k.remove(jid);
        } catch (SyscallException alreadyGone) {
          // a parent's removal took it
        }
      }
    }
    for (int jid : held) {
      try {
        hook(
            "release",
            jid,
            j -> {
              hooks.releaseReference(j);
              return 0;
            });
      } catch (SyscallException | RuntimeException freedOrRenumbered) {
        // the jail is gone, or (15.0) was renumbered when a case reused its JID
      }
    }
    for (Path p : tempFiles) {
      Files.deleteIfExists(p);
    }
    made.clear();
    held.clear();
    tempFiles.clear();
  }

  /**
   * The kernel of the current case.
   *
   * @return the kernel {@link JailKernelContract#kernel()} returned for this case
   */
  public JailKernel k() {
    JailKernel k = kernel;
    if (k == null) {
      throw new IllegalStateException("kernel() has not been called yet");
    }
    return k;
  }

  /**
   * The JIDs {@code lastjid} iteration returns (§1.5), in order.
   *
   * @param k the kernel to ask
   * @param flags the jail_get flags, e.g. {@code JAIL_DYING}
   * @return the JIDs
   */
  public static List<Integer> listJids(JailKernel k, int flags) {
    List<Integer> jids = new ArrayList<>();
    int last = 0;
    while (jids.size() < 100_000) {
      IoVec[] iov = {IoVec.name("lastjid"), IoVec.of(intBytes(last))};
      try {
        last = k.get(iov, flags);
      } catch (SyscallException end) {
        break;
      }
      jids.add(last);
    }
    return jids;
  }

  private static Optional<String> readName(JailKernel k, int jid) {
    IoVec value = IoVec.buffer(256);
    IoVec[] iov = {IoVec.name("jid"), IoVec.of(intBytes(jid)), IoVec.name("name"), value};
    try {
      k.get(iov, 0);
    } catch (SyscallException e) {
      return Optional.empty();
    }
    return Optional.of(cString(value.bytes()));
  }

  /** A 4-byte native-order int, as the kernel reads {@code int} parameters (§2.5). */
  public static byte[] intBytes(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
  }

  /** The int in the first four bytes, native order. */
  public static int intOf(byte[] b) {
    return ByteBuffer.wrap(b, 0, 4).order(ByteOrder.nativeOrder()).getInt();
  }

  /** The text before the first NUL. */
  public static String cString(byte[] b) {
    int n = 0;
    while (n < b.length && b[n] != 0) {
      n++;
    }
    return new String(b, 0, n, StandardCharsets.UTF_8);
  }

  /** Address bytes in network order (§4.1 {@code S,in_addr,a}). */
  public static byte[] addresses(String... literals) {
    ByteBuffer out = null;
    for (String s : literals) {
      byte[] a;
      try {
        a = InetAddress.getByName(s).getAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(s, e);
      }
      if (out == null) {
        out = ByteBuffer.allocate(a.length * literals.length);
      }
      out.put(a);
    }
    return out == null ? new byte[0] : out.array();
  }

  /** A unique jail name for this case. */
  public static String jailName(String what) {
    return PREFIX + what;
  }

  /**
   * A jail_set / jail_get request: name/value iovec pairs built in order, plus the {@code errmsg}
   * pair libjail always appends (§1.4).
   */
  public static final class Req {
    private final List<IoVec> iov = new ArrayList<>();

    /** A request with these name/value pairs. */
    public static Req of() {
      return new Req();
    }

    /** Adds a NUL-terminated string value (§2.5). */
    public Req str(String name, String value) {
      iov.add(IoVec.name(name));
      iov.add(IoVec.string(value));
      return this;
    }

    /** Adds a 4-byte native-order int value (§2.5). */
    public Req i32(String name, int value) {
      return bytes(name, intBytes(value));
    }

    /** Adds a value of exactly these bytes. */
    public Req bytes(String name, byte[] value) {
      iov.add(IoVec.name(name));
      iov.add(IoVec.of(value));
      return this;
    }

    /** A presence-only boolean (§2.6): the name with a NULL, zero-length value. */
    public Req flag(String name) {
      iov.add(IoVec.name(name));
      iov.add(IoVec.empty());
      return this;
    }

    /** Adds a name and a value iovec as given, e.g. a name without its NUL. */
    public Req raw(IoVec name, IoVec value) {
      iov.add(name);
      iov.add(value);
      return this;
    }

    /** A buffer for jail_get to fill. */
    public Req out(String name, int capacity) {
      iov.add(IoVec.name(name));
      iov.add(capacity == 0 ? IoVec.empty() : IoVec.buffer(capacity));
      return this;
    }

    /** The iovec array: the pairs in order, then {@code errmsg} with this buffer. */
    public IoVec[] build(IoVec errmsg) {
      List<IoVec> all = new ArrayList<>(iov);
      all.add(IoVec.name("errmsg"));
      all.add(errmsg);
      return all.toArray(new IoVec[0]);
    }

    /** The value iovec of the first pair with this name, as the kernel left it. */
    public IoVec valueOf(String name) {
      for (int i = 0; i + 1 < iov.size(); i += 2) {
        if (cString(iov.get(i).bytes()).equals(name)) {
          return iov.get(i + 1);
        }
      }
      throw new IllegalArgumentException("no " + name + " in the request");
    }
  }

  /**
   * What a call did: the return value, or the errno and the errmsg text the kernel wrote.
   *
   * @param rc the JID returned, or -1
   * @param errno the errno, or null on success
   * @param errmsg the errmsg buffer's text (empty when the kernel wrote none)
   */
  public record Outcome(int rc, @Nullable Errno errno, String errmsg) {
    /** Asserts success and returns the JID. */
    public int ok() {
      if (errno != null) {
        fail("expected success, got " + errno + (errmsg.isEmpty() ? "" : " \"" + errmsg + "\""));
      }
      return rc;
    }

    /** Asserts this errno and this exact errmsg ("" for none). */
    public void fails(Errno expected, String message) {
      assertEquals(expected, errno, "errno (errmsg \"" + errmsg + "\")");
      assertEquals(message, errmsg, "errmsg");
    }

    /** Asserts this errno; the errmsg is not specified for this error. */
    public void failsWith(Errno expected) {
      assertEquals(expected, errno, "errno (errmsg \"" + errmsg + "\")");
    }
  }

  /** Calls jail_set on the case's kernel; a created jail is removed after the case. */
  public Outcome set(Req r, int flags) {
    return set(k(), r, flags);
  }

  /** Calls jail_set on this kernel (e.g. a jailed or unprivileged view). */
  public Outcome set(JailKernel k, Req r, int flags) {
    return call(k, r, flags, true);
  }

  /** Calls jail_get on the case's kernel. */
  public Outcome get(Req r, int flags) {
    return get(k(), r, flags);
  }

  /** Calls jail_get on this kernel (e.g. a jailed or unprivileged view). */
  public Outcome get(JailKernel k, Req r, int flags) {
    return call(k, r, flags, false);
  }

  private Outcome call(JailKernel k, Req r, int flags, boolean isSet) {
    IoVec errmsg = IoVec.buffer(JailFlags.ERRMSG_LEN);
    IoVec[] iov = r.build(errmsg);
    try {
      int rc = isSet ? k.set(iov, flags) : k.get(iov, flags);
      if (isSet && (flags & JailFlags.CREATE) != 0 && k == kernel) {
        made.add(rc);
      }
      return new Outcome(rc, null, "");
    } catch (SyscallException e) {
      return new Outcome(-1, e.errno(), cString(errmsg.bytes()));
    }
  }

  /**
   * The errno a call failed with, or empty when it succeeded.
   *
   * @param call the call
   * @return the errno
   */
  public static Optional<Errno> errnoOf(ThrowingCall call) {
    try {
      call.run();
      return Optional.empty();
    } catch (SyscallException e) {
      return Optional.of(e.errno());
    }
  }

  /** A kernel call that may fail with a {@link SyscallException}. */
  @FunctionalInterface
  public interface ThrowingCall {
    /**
     * Makes the call.
     *
     * @throws SyscallException as the kernel fails it
     */
    void run() throws SyscallException;
  }

  /** Creates a persistent jail at path / and returns its JID. */
  public int persistent(String name, Req extra) {
    Req r = Req.of().str("name", name).str("path", "/").flag("persist");
    r.iov.addAll(extra.iov);
    return set(r, JailFlags.CREATE).ok();
  }

  /** Creates a persistent jail at path / and returns its JID. */
  public int persistent(String name) {
    return persistent(name, Req.of());
  }

  /** Reads an int parameter of a live jail. */
  public int readInt(int jid, String param) {
    return readInt(k(), jid, param, 0);
  }

  /** Reads an int parameter through this kernel with these jail_get flags. */
  public int readInt(JailKernel k, int jid, String param, int flags) {
    Req r = Req.of().i32("jid", jid).out(param, 4);
    get(k, r, flags).ok();
    return intOf(r.valueOf(param).bytes());
  }

  /** Reads a string parameter of a live jail. */
  public String readString(int jid, String param) {
    Req r = Req.of().i32("jid", jid).out(param, 8192);
    get(r, 0).ok();
    return cString(r.valueOf(param).bytes());
  }

  /** Reads a parameter's bytes into a buffer of this capacity. */
  public byte[] readBytes(int jid, String param, int capacity) {
    Req r = Req.of().i32("jid", jid).out(param, capacity);
    get(r, 0).ok();
    return r.valueOf(param).bytes();
  }

  /** True when a live jail has this JID (a get without JAIL_DYING succeeds). */
  public boolean alive(int jid) {
    return get(Req.of().i32("jid", jid), 0).errno() == null;
  }

  /** A JID no jail (live or dying) holds, searched from {@code start} up. */
  public int freeJid(int start) {
    int end = start < JailFlags.JAIL_MAX ? JailFlags.JAIL_MAX : start + JailFlags.JAIL_MAX;
    for (int jid = start; jid < end; jid++) {
      if (get(Req.of().i32("jid", jid), JailFlags.DYING).errno() == Errno.ENOENT) {
        return jid;
      }
    }
    throw new IllegalStateException("no free JID from " + start);
  }

  /** The kernel as seen from inside the jail, or skips the case when the provider has none. */
  public JailKernel jailed(int jid) {
    Optional<JailKernel> view = hooks.jailedCaller(jid);
    assumeTrue(
        view.isPresent(),
        "this implementation offers no caller inside a jail (override jailedCaller)");
    TranscriptRecorder rec = recorder;
    return rec == null ? view.orElseThrow() : rec.jailedCaller(jid, view.orElseThrow());
  }

  /** The kernel as seen by a non-root caller, or skips the case when the provider has none. */
  public JailKernel unprivileged() {
    Optional<JailKernel> view = hooks.unprivilegedCaller();
    assumeTrue(
        view.isPresent(),
        "this implementation offers no unprivileged caller (override unprivilegedCaller)");
    TranscriptRecorder rec = recorder;
    return rec == null ? view.orElseThrow() : rec.unprivilegedCaller(view.orElseThrow());
  }

  /** Skips the case unless the provider models processes in jails. */
  public void needProcesses() {
    assumeTrue(hooks.canModelProcesses(), "this implementation does not model processes in jails");
  }

  /** A jail removed while a reference holds it: dying, still visible with JAIL_DYING. */
  public int dyingJail(String name) throws SyscallException {
    assumeTrue(
        hooks.canHoldJails(),
        "this implementation cannot keep a removed jail dying (override holdReference)");
    int jid = persistent(name);
    hook(
        "hold",
        jid,
        j -> {
          hooks.holdReference(j);
          return 0;
        });
    held.add(jid);
    k().remove(jid);
    return jid;
  }

  /**
   * Drops the reference {@link #dyingJail} took on a jail, which frees it when nothing else holds
   * it.
   *
   * @param heldJid the JID the jail had when it was held
   * @param nowJid the JID it has now (differs when 15.0 renumbered it)
   */
  public void release(int heldJid, int nowJid) {
    held.remove(Integer.valueOf(heldJid));
    try {
      hook(
          "release",
          nowJid,
          j -> {
            hooks.releaseReference(j);
            return 0;
          });
    } catch (SyscallException e) {
      throw new IllegalStateException("releasing a reference on jail " + nowJid + ": " + e, e);
    }
  }

  /**
   * The JID of the jail (live or dying) with this name, as the host sees it.
   *
   * @param name the name
   * @return the JID, or empty
   */
  public Optional<Integer> jidOfName(String name) {
    for (int jid : listJids(k(), JailFlags.DYING)) {
      Req r = Req.of().i32("jid", jid).out("name", 512);
      if (get(r, JailFlags.DYING).errno() == null
          && cString(r.valueOf("name").bytes()).equals(name)) {
        return Optional.of(jid);
      }
    }
    return Optional.empty();
  }

  /** Skips the case unless the kernel publishes this parameter. */
  public void needParam(String name, String why) {
    assumeTrue(k().param(name).isPresent(), "the kernel does not publish " + name + ": " + why);
  }

  /**
   * Skips the case unless the kernel's FreeBSD version has the behaviour the case is about, so that
   * a later release takes the newest behaviour (§9).
   *
   * @param why the version difference, e.g. {@code "jail descriptors"}
   * @param feature the question to ask the version, e.g. {@code v -> v.hasJailDescriptors()}
   */
  public void needFeature(String why, Predicate<FreeBsdVersion> feature) {
    FreeBsdVersion version = hooks.version();
    assumeTrue(
        feature.test(version), "FreeBSD " + version + " does not follow this rule (" + why + ")");
  }

  /** A temporary regular file, deleted after the case. */
  public Path regularFile() throws IOException {
    Path f = Files.createTempFile("j4jct", ".file");
    tempFiles.add(f);
    return f;
  }

  /**
   * Starts a process in the jail through {@link JailKernelContract#spawnProcess}.
   *
   * @param jid the jail
   * @return its pid
   * @throws SyscallException as jail_attach would fail
   */
  public int spawnProcess(int jid) throws SyscallException {
    return hook("spawn", jid, hooks::spawnProcess);
  }

  /**
   * Ends a process through {@link JailKernelContract#exitProcess}.
   *
   * @param pid the process
   */
  public void exitProcess(int pid) {
    try {
      hook(
          "exit",
          pid,
          p -> {
            hooks.exitProcess(p);
            return 0;
          });
    } catch (SyscallException cannotHappen) {
      throw new IllegalStateException(cannotHappen);
    }
  }

  /**
   * Records a jail the case made with a raw call, so that it is removed after the case.
   *
   * @param jid the jail
   * @return the jail
   */
  public int made(int jid) {
    made.add(jid);
    return jid;
  }
}
