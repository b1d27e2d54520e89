package org.jail4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jail4j.Errno;
import org.jail4j.FreeBsdVersion;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.SyscallException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link JailKernel} must pass: FreeBSD's jail system call rules at the byte
 * level, each case taken from freebsd-jail-abi.md (§1-§3, §9), FreeBSD's own jail tests or the
 * assertions of other jail libraries, and named so in its {@link DisplayName}. Each case asserts
 * the errno and, where the kernel writes one, the exact {@code errmsg} text.
 *
 * <p>Subclass it in a test class and return the kernel under test; override the hooks for what only
 * some implementations can do (a jailed or unprivileged caller, processes, holding a dying jail).
 * Cases that need a hook the implementation does not offer, a module it has not loaded or another
 * FreeBSD version are skipped with an assumption that says why.
 *
 * <pre>{@code
 * class NativeKernelContractTest extends JailKernelContract {
 *   @Override
 *   protected JailKernel kernel() {
 *     return JailHost.local().kernel();
 *   }
 * }
 * }</pre>
 *
 * <p>The cases only use jails named {@code j4jct_...} with path {@code /} (and a temporary file for
 * the ENOTDIR case), and remove every jail they made, so they can run as root on a real FreeBSD
 * host. They never attach the calling process to a jail.
 */
public abstract class JailKernelContract {

  /** The prefix of every jail name the contract creates. */
  protected static final String PREFIX = "j4jct_";

  private static final int ERRMSG_FILL = 'Z';

  private @Nullable JailKernel kernel;
  private final List<Integer> made = new ArrayList<>();
  private final List<Integer> held = new ArrayList<>();
  private final List<Path> tempFiles = new ArrayList<>();

  /**
   * The kernel under test, called once before each case. A fake should return a fresh kernel; a
   * real one the host's kernel.
   *
   * @return the kernel
   */
  protected abstract JailKernel kernel();

  /**
   * The FreeBSD behaviour the kernel follows (default: what its capabilities say).
   *
   * @return the version
   */
  protected FreeBsdVersion version() {
    return k().capabilities().version();
  }

  /**
   * The kernel as seen by a root process attached to a jail, when the implementation can offer one
   * without attaching the test's own process (a fake can; a real kernel would need a child
   * process).
   *
   * @param jid the jail
   * @return the view, or empty to skip the cases that need it
   */
  protected Optional<JailKernel> jailedCaller(int jid) {
    return Optional.empty();
  }

  /**
   * The kernel as seen by a non-root host process, when the implementation can offer one.
   *
   * @return the view, or empty to skip the cases that need it
   */
  protected Optional<JailKernel> unprivilegedCaller() {
    return Optional.empty();
  }

  /**
   * Whether {@link #spawnProcess} and {@link #exitProcess} work.
   *
   * @return true when the implementation models processes in jails
   */
  protected boolean canModelProcesses() {
    return false;
  }

  /**
   * Starts a process in the jail (as jexec does).
   *
   * @param jid the jail
   * @return its pid
   * @throws SyscallException as jail_attach would fail
   */
  protected int spawnProcess(int jid) throws SyscallException {
    throw new UnsupportedOperationException("override spawnProcess with canModelProcesses");
  }

  /**
   * Ends a process started with {@link #spawnProcess}.
   *
   * @param pid the process
   */
  protected void exitProcess(int pid) {
    throw new UnsupportedOperationException("override exitProcess with canModelProcesses");
  }

  /**
   * Whether {@link #holdReference} and {@link #releaseReference} work.
   *
   * @return true when a jail can be kept dying on purpose
   */
  protected boolean canHoldJails() {
    return false;
  }

  /**
   * Takes a plain reference on a jail (as an open socket does), so that once removed it stays dying
   * and visible with {@code JAIL_DYING} until {@link #releaseReference}.
   *
   * @param jid the jail
   */
  protected void holdReference(int jid) {
    throw new UnsupportedOperationException("override holdReference with canHoldJails");
  }

  /**
   * Drops a reference taken with {@link #holdReference}.
   *
   * @param jid the jail
   */
  protected void releaseReference(int jid) {
    throw new UnsupportedOperationException("override releaseReference with canHoldJails");
  }

  // ------------------------------------------------------------------------------------------
  // set-up, clean-up and helpers

  @BeforeEach
  final void openKernel() {
    kernel = kernel();
  }

  @AfterEach
  final void removeWhatTheCaseMade() throws IOException {
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
        releaseReference(jid);
      } catch (RuntimeException freedOrRenumbered) {
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

  /** The kernel of the current case. */
  protected final JailKernel k() {
    JailKernel k = kernel;
    if (k == null) {
      throw new IllegalStateException("kernel() has not been called yet");
    }
    return k;
  }

  private static List<Integer> listJids(JailKernel k, int flags) {
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
  protected static byte[] intBytes(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
  }

  /** The int in the first four bytes, native order. */
  protected static int intOf(byte[] b) {
    return ByteBuffer.wrap(b, 0, 4).order(ByteOrder.nativeOrder()).getInt();
  }

  /** The text before the first NUL. */
  protected static String cString(byte[] b) {
    int n = 0;
    while (n < b.length && b[n] != 0) {
      n++;
    }
    return new String(b, 0, n, StandardCharsets.UTF_8);
  }

  /** Address bytes in network order (§4.1 {@code S,in_addr,a}). */
  protected static byte[] addresses(String... literals) {
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
  protected static String jailName(String what) {
    return PREFIX + what;
  }

  /**
   * A jail_set / jail_get request: name/value iovec pairs built in order, plus the {@code errmsg}
   * pair libjail always appends (§1.4).
   */
  protected static final class Req {
    private final List<IoVec> iov = new ArrayList<>();

    /** A request with these name/value pairs. */
    public static Req of() {
      return new Req();
    }

    public Req str(String name, String value) {
      iov.add(IoVec.name(name));
      iov.add(IoVec.string(value));
      return this;
    }

    public Req i32(String name, int value) {
      return bytes(name, intBytes(value));
    }

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

    public IoVec[] build(IoVec errmsg) {
      List<IoVec> all = new ArrayList<>(iov);
      all.add(IoVec.name("errmsg"));
      all.add(errmsg);
      return all.toArray(new IoVec[0]);
    }

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
  protected record Outcome(int rc, @Nullable Errno errno, String errmsg) {
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

  protected final Outcome set(Req r, int flags) {
    return set(k(), r, flags);
  }

  protected final Outcome set(JailKernel k, Req r, int flags) {
    return call(k, r, flags, true);
  }

  protected final Outcome get(Req r, int flags) {
    return get(k(), r, flags);
  }

  protected final Outcome get(JailKernel k, Req r, int flags) {
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

  private static Optional<Errno> errnoOf(ThrowingCall call) {
    try {
      call.run();
      return Optional.empty();
    } catch (SyscallException e) {
      return Optional.of(e.errno());
    }
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws SyscallException;
  }

  /** Creates a persistent jail at path / and returns its JID. */
  protected final int persistent(String name, Req extra) {
    Req r = Req.of().str("name", name).str("path", "/").flag("persist");
    r.iov.addAll(extra.iov);
    return set(r, JailFlags.CREATE).ok();
  }

  protected final int persistent(String name) {
    return persistent(name, Req.of());
  }

  protected final int readInt(int jid, String param) {
    return readInt(k(), jid, param, 0);
  }

  protected final int readInt(JailKernel k, int jid, String param, int flags) {
    Req r = Req.of().i32("jid", jid).out(param, 4);
    get(k, r, flags).ok();
    return intOf(r.valueOf(param).bytes());
  }

  protected final String readString(int jid, String param) {
    Req r = Req.of().i32("jid", jid).out(param, 8192);
    get(r, 0).ok();
    return cString(r.valueOf(param).bytes());
  }

  protected final byte[] readBytes(int jid, String param, int capacity) {
    Req r = Req.of().i32("jid", jid).out(param, capacity);
    get(r, 0).ok();
    return r.valueOf(param).bytes();
  }

  /** True when a live jail has this JID (a get without JAIL_DYING succeeds). */
  protected final boolean alive(int jid) {
    return get(Req.of().i32("jid", jid), 0).errno() == null;
  }

  /** A JID no jail (live or dying) holds, searched from {@code start} up. */
  protected final int freeJid(int start) {
    for (int jid = start; jid < JailFlags.JAIL_MAX; jid++) {
      if (get(Req.of().i32("jid", jid), JailFlags.DYING).errno() == Errno.ENOENT) {
        return jid;
      }
    }
    throw new IllegalStateException("no free JID from " + start);
  }

  protected final JailKernel jailed(int jid) {
    Optional<JailKernel> view = jailedCaller(jid);
    assumeTrue(
        view.isPresent(),
        "this implementation offers no caller inside a jail (override jailedCaller)");
    return view.orElseThrow();
  }

  protected final JailKernel unprivileged() {
    Optional<JailKernel> view = unprivilegedCaller();
    assumeTrue(
        view.isPresent(),
        "this implementation offers no unprivileged caller (override unprivilegedCaller)");
    return view.orElseThrow();
  }

  protected final void needProcesses() {
    assumeTrue(canModelProcesses(), "this implementation does not model processes in jails");
  }

  /** A jail removed while a reference holds it: dying, still visible with JAIL_DYING. */
  protected final int dyingJail(String name) throws SyscallException {
    assumeTrue(
        canHoldJails(),
        "this implementation cannot keep a removed jail dying (override holdReference)");
    int jid = persistent(name);
    holdReference(jid);
    held.add(jid);
    k().remove(jid);
    return jid;
  }

  protected final void needParam(String name, String why) {
    assumeTrue(k().param(name).isPresent(), "the kernel does not publish " + name + ": " + why);
  }

  protected final void needVersions(String why, FreeBsdVersion... versions) {
    assumeTrue(
        Set.of(versions).contains(version()),
        "this rule is for FreeBSD "
            + Arrays.toString(versions)
            + " ("
            + why
            + "); kernel is "
            + version());
  }

  protected final Path regularFile() throws IOException {
    Path f = Files.createTempFile("j4jct", ".file");
    tempFiles.add(f);
    return f;
  }

  // ------------------------------------------------------------------------------------------
  // §2 parameter transport

  @Test
  @DisplayName("§2.1 an odd number of iovecs is EINVAL")
  void oddNiovIsEinval() {
    IoVec[] iov = {IoVec.name("name"), IoVec.string(jailName("odd")), IoVec.name("persist")};
    assertEquals(Optional.of(Errno.EINVAL), errnoOf(() -> k().set(iov, JailFlags.CREATE)), "errno");
  }

  @Test
  @DisplayName("§2.1 more than UIO_MAXIOV (1024) iovecs is EINVAL")
  void tooManyIovecsIsEinval() {
    Req r = Req.of().str("name", jailName("many")).flag("persist");
    for (int i = 0; i < 512; i++) {
      r.str("host.hostname", "h");
    }
    set(r, JailFlags.CREATE).failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§2.2 a name without its NUL terminator is EINVAL")
  void nameWithoutNulIsEinval() {
    byte[] noNul = "persist".getBytes(StandardCharsets.UTF_8);
    Req r = Req.of().str("name", jailName("nonul")).raw(IoVec.of(noNul), IoVec.empty());
    set(r, JailFlags.CREATE).failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§2.2 a zero-length name is EINVAL")
  void emptyNameEntryIsEinval() {
    Req r =
        Req.of()
            .str("name", jailName("zeroname"))
            .flag("persist")
            .raw(IoVec.empty(), IoVec.empty());
    set(r, JailFlags.CREATE).failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§2.3 a NULL value with a non-zero length is EFAULT")
  void nullValueWithLengthIsEfault() {
    Req r =
        Req.of()
            .str("name", jailName("efault"))
            .flag("persist")
            .raw(IoVec.name("host.hostname"), IoVec.raw(null, 8));
    set(r, JailFlags.CREATE).failsWith(Errno.EFAULT);
  }

  @Test
  @DisplayName("§2.5 an int parameter that is not exactly 4 bytes is EINVAL (securelevel, 8 bytes)")
  void eightByteSecurelevelIsEinval() {
    Req r =
        Req.of().str("name", jailName("int8")).flag("persist").bytes("securelevel", new byte[8]);
    set(r, JailFlags.CREATE).failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§2.5 a 2-byte jid is EINVAL")
  void twoByteJidIsEinval() {
    Req r = Req.of().bytes("jid", new byte[2]).str("name", jailName("jid2")).flag("persist");
    set(r, JailFlags.CREATE).failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§2.5 a string value without NUL is EINVAL (host.hostname)")
  void unterminatedStringIsEinval() {
    Req r =
        Req.of()
            .str("name", jailName("nonulval"))
            .flag("persist")
            .bytes("host.hostname", "web".getBytes(StandardCharsets.UTF_8));
    set(r, JailFlags.CREATE).failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§2.6 a boolean's value is ignored: persist with int 0 sets persist")
  void persistWithZeroValueSetsPersist() {
    int jid = set(Req.of().str("name", jailName("p0")).i32("persist", 0), JailFlags.CREATE).ok();
    assertEquals(1, readInt(jid, "persist"));
  }

  @Test
  @DisplayName("§2.4 the last duplicate wins: persist then nopersist is a create without persist")
  void persistThenNopersistIsNotPersistent() {
    set(Req.of().str("name", jailName("dup1")).flag("persist").flag("nopersist"), JailFlags.CREATE)
        .fails(Errno.EINVAL, "new jail must persist or attach");
  }

  @Test
  @DisplayName("§2.4 the last duplicate wins: nopersist then persist creates a persistent jail")
  void nopersistThenPersistIsPersistent() {
    int jid =
        set(
                Req.of().str("name", jailName("dup2")).flag("nopersist").flag("persist"),
                JailFlags.CREATE)
            .ok();
    assertEquals(1, readInt(jid, "persist"));
  }

  @Test
  @DisplayName("§2.4 the last duplicate wins for strings (host.hostname given twice)")
  void lastHostnameWins() {
    int jid =
        persistent(
            jailName("dup3"),
            Req.of().str("host.hostname", "first").str("host.hostname", "second"));
    assertEquals("second", readString(jid, "host.hostname"));
  }

  @Test
  @DisplayName(
      "§2.4 the no-form twin matches per dotted component: allow.mount.devfs then allow.mount.nodevfs")
  void noFormPerDottedComponentWins() {
    int jid =
        persistent(
            jailName("nodev"), Req.of().flag("allow.mount.devfs").flag("allow.mount.nodevfs"));
    assertEquals(0, readInt(jid, "allow.mount.devfs"));
  }

  @Test
  @DisplayName("§2.6 ip4.nosaddrsel clears source address selection")
  void nosaddrselClearsSaddrsel() {
    int jid = persistent(jailName("nosaddr"), Req.of().flag("ip4.nosaddrsel"));
    assertEquals(0, readInt(jid, "ip4.saddrsel"));
  }

  @Test
  @DisplayName("§3.3 defaults: ip4.saddrsel and ip6.saddrsel are on")
  void saddrselDefaultsOn() {
    int jid = persistent(jailName("saddr"));
    assertEquals(1, readInt(jid, "ip4.saddrsel"), "ip4.saddrsel");
    assertEquals(1, readInt(jid, "ip6.saddrsel"), "ip6.saddrsel");
  }

  @Test
  @DisplayName("§2.7 an unknown parameter is EINVAL \"unknown parameter: NAME\" on jail_set")
  void unknownParameterOnSet() {
    set(
            Req.of().str("name", jailName("unk")).flag("persist").i32("j4jct.nosuch", 1),
            JailFlags.CREATE)
        .fails(Errno.EINVAL, "unknown parameter: j4jct.nosuch");
  }

  @Test
  @DisplayName("§2.7 an unknown parameter is EINVAL \"unknown parameter: NAME\" on jail_get")
  void unknownParameterOnGet() {
    int jid = persistent(jailName("unkget"));
    get(Req.of().i32("jid", jid).out("j4jct.nosuch", 4), 0)
        .fails(Errno.EINVAL, "unknown parameter: j4jct.nosuch");
  }

  @Test
  @DisplayName("§2.7 read-only dying is unknown to jail_set")
  void dyingIsUnknownToSet() {
    set(Req.of().str("name", jailName("rod")).flag("persist").flag("dying"), JailFlags.CREATE)
        .fails(Errno.EINVAL, "unknown parameter: dying");
  }

  @Test
  @DisplayName("§2.7 read-only children.cur is unknown to jail_set")
  void childrenCurIsUnknownToSet() {
    set(
            Req.of().str("name", jailName("roc")).flag("persist").i32("children.cur", 0),
            JailFlags.CREATE)
        .fails(Errno.EINVAL, "unknown parameter: children.cur");
  }

  @Test
  @DisplayName("§2.7 read-only parent is unknown to jail_set")
  void parentIsUnknownToSet() {
    set(Req.of().str("name", jailName("rop")).flag("persist").i32("parent", 0), JailFlags.CREATE)
        .fails(Errno.EINVAL, "unknown parameter: parent");
  }

  @Test
  @DisplayName("§1.5/§2.7 lastjid is unknown to jail_set")
  void lastjidIsUnknownToSet() {
    set(Req.of().str("name", jailName("rol")).flag("persist").i32("lastjid", 0), JailFlags.CREATE)
        .fails(Errno.EINVAL, "unknown parameter: lastjid");
  }

  @Test
  @DisplayName("§1.4 errmsg is left untouched on success")
  void errmsgUntouchedOnSuccess() throws SyscallException {
    byte[] sentinel = new byte[64];
    Arrays.fill(sentinel, (byte) ERRMSG_FILL);
    IoVec errmsg = IoVec.of(sentinel.clone());
    IoVec[] iov = {
      IoVec.name("name"),
      IoVec.string(jailName("errok")),
      IoVec.name("path"),
      IoVec.string("/"),
      IoVec.name("persist"),
      IoVec.empty(),
      IoVec.name("errmsg"),
      errmsg
    };
    made.add(k().set(iov, JailFlags.CREATE));
    assertArrayEquals(sentinel, errmsg.bytes());
  }

  @Test
  @DisplayName("peer: Go syscall TestJailAttach - jail_set needs neither name nor errmsg")
  void createWithoutNameOrErrmsg() throws SyscallException {
    IoVec[] iov = {IoVec.name("path"), IoVec.string("/"), IoVec.name("persist"), IoVec.empty()};
    int jid = k().set(iov, JailFlags.CREATE);
    made.add(jid);
    assertTrue(jid > 0, "jid " + jid);
    assertEquals(String.valueOf(jid), readString(jid, "name"), "§3.3 the default name is the JID");
  }

  @Test
  @DisplayName("§2.8 a size probe (NULL value) sets iov_len to the string length with its NUL")
  void sizeProbeOfString() {
    int jid = persistent(jailName("probe"), Req.of().str("host.hostname", "web"));
    Req r = Req.of().i32("jid", jid).out("host.hostname", 0);
    get(r, 0).ok();
    assertEquals(4, r.valueOf("host.hostname").length());
  }

  @Test
  @DisplayName("§2.8 a size probe of an int sets iov_len to 4")
  void sizeProbeOfInt() {
    int jid = persistent(jailName("probeint"));
    Req r = Req.of().i32("jid", jid).out("securelevel", 0);
    get(r, 0).ok();
    assertEquals(4, r.valueOf("securelevel").length());
  }

  @Test
  @DisplayName("§2.8 jail_get of an int into a buffer that is not 4 bytes is EINVAL")
  void intGetIntoWrongSizeIsEinval() {
    int jid = persistent(jailName("getint8"));
    get(Req.of().i32("jid", jid).out("securelevel", 8), 0).failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§2.8 jail_get of a string into a buffer without room for the NUL is EINVAL")
  void stringGetIntoSmallBufferIsEinval() {
    int jid = persistent(jailName("getstr"), Req.of().str("host.hostname", "webserver"));
    get(Req.of().i32("jid", jid).out("host.hostname", 9), 0).failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§2.8 jail_get of ip4.addr into a too small buffer is EINVAL")
  void addressGetIntoSmallBufferIsEinval() {
    int jid =
        persistent(
            jailName("getip"), Req.of().bytes("ip4.addr", addresses("192.0.2.31", "192.0.2.32")));
    get(Req.of().i32("jid", jid).out("ip4.addr", 4), 0).failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§2.8 jail_get trims ip4.addr's iov_len to n x 4")
  void addressGetTrimsLength() {
    int jid =
        persistent(
            jailName("trim"), Req.of().bytes("ip4.addr", addresses("192.0.2.33", "192.0.2.34")));
    Req r = Req.of().i32("jid", jid).out("ip4.addr", 40);
    get(r, 0).ok();
    assertArrayEquals(addresses("192.0.2.33", "192.0.2.34"), r.valueOf("ip4.addr").bytes());
  }

  @Test
  @DisplayName("§2.8 jail_get writes a no-twin with the inverted value (nopersist = 0)")
  void noTwinReadsInverted() {
    int jid = persistent(jailName("twin"));
    assertEquals(0, readInt(jid, "nopersist"));
  }

  @Test
  @DisplayName("§2.8 the key parameters are outputs too: a name-keyed get writes jid")
  void nameKeyedGetWritesJid() {
    int jid = persistent(jailName("keyout"));
    Req r = Req.of().str("name", jailName("keyout")).bytes("jid", intBytes(0));
    assertEquals(jid, get(r, 0).ok());
    assertEquals(jid, intOf(r.valueOf("jid").bytes()));
  }

  // ------------------------------------------------------------------------------------------
  // §1.2 flags and §3.1 the order of jail_set's checks

  @Test
  @DisplayName("§1.2 an undefined jail_set flag bit (0x100) is EINVAL")
  void undefinedSetFlagIsEinval() {
    set(Req.of().str("name", jailName("flag")).flag("persist"), JailFlags.CREATE | 0x100)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§1.2/§9 13.x/14.x: descriptor flag 0x10 is outside JAIL_SET_MASK and EINVAL")
  void descriptorFlagBefore15IsEinval() {
    needVersions("JAIL_SET_MASK is 0x0f", FreeBsdVersion.V13, FreeBsdVersion.V14);
    set(
            Req.of().str("name", jailName("flag10")).flag("persist"),
            JailFlags.CREATE | JailFlags.USE_DESC)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§1.2 jail_get flags outside JAIL_GET_MASK (CREATE) are EINVAL")
  void getWithCreateFlagIsEinval() {
    int jid = persistent(jailName("getflag"));
    get(Req.of().i32("jid", jid), JailFlags.CREATE).failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§1.2/§9 13.x/14.x: JAIL_GET_DESC on jail_get is EINVAL")
  void getDescFlagBefore15IsEinval() {
    needVersions("JAIL_GET_MASK is 0x08", FreeBsdVersion.V13, FreeBsdVersion.V14);
    int jid = persistent(jailName("getdesc"));
    get(Req.of().i32("jid", jid), JailFlags.GET_DESC).failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName(
      "§3.1.4 neither CREATE nor UPDATE is EINVAL \"no valid operation (create or update)\"")
  void noOperationIsEinval() {
    set(Req.of().str("name", jailName("noop")).flag("persist"), 0)
        .fails(Errno.EINVAL, "no valid operation (create or update)");
  }

  @Test
  @DisplayName(
      "§3.1 CREATE without ATTACH or persist is EINVAL \"new jail must persist or attach\"")
  void createWithoutPersistIsEinval() {
    set(Req.of().str("name", jailName("nopersist")).str("path", "/"), JailFlags.CREATE)
        .fails(Errno.EINVAL, "new jail must persist or attach");
  }

  @Test
  @DisplayName("§3.1/§9 13.1+: CREATE|UPDATE without persist is refused even for an existing jail")
  void createUpdateWithoutPersistIsEinvalEvenWhenTheJailExists() {
    persistent(jailName("cu"));
    set(
            Req.of().str("name", jailName("cu")).str("host.hostname", "x"),
            JailFlags.CREATE | JailFlags.UPDATE)
        .fails(Errno.EINVAL, "new jail must persist or attach");
  }

  @Test
  @DisplayName("§3.1 UPDATE with path is EINVAL \"path cannot be changed after creation\"")
  void updatePathIsEinval() {
    int jid = persistent(jailName("upath"));
    set(Req.of().i32("jid", jid).str("path", "/"), JailFlags.UPDATE)
        .fails(Errno.EINVAL, "path cannot be changed after creation");
  }

  @Test
  @DisplayName("§3.1 CREATE|UPDATE with path is refused even when the jail does not exist yet")
  void createUpdateWithPathIsEinval() {
    set(
            Req.of().str("name", jailName("cupath")).str("path", "/").flag("persist"),
            JailFlags.CREATE | JailFlags.UPDATE)
        .fails(Errno.EINVAL, "path cannot be changed after creation");
  }

  @Test
  @DisplayName(
      "§3.1 UPDATE with osrelease is EINVAL \"osrelease cannot be changed after creation\"")
  void updateOsreleaseIsEinval() {
    int jid = persistent(jailName("uosrel"));
    set(Req.of().i32("jid", jid).str("osrelease", "13.0-RELEASE"), JailFlags.UPDATE)
        .fails(Errno.EINVAL, "osrelease cannot be changed after creation");
  }

  @Test
  @DisplayName(
      "§3.1 UPDATE with osreldate is EINVAL \"osreldate cannot be changed after creation\"")
  void updateOsreldateIsEinval() {
    int jid = persistent(jailName("uosdate"));
    set(Req.of().i32("jid", jid).i32("osreldate", 1300000), JailFlags.UPDATE)
        .fails(Errno.EINVAL, "osreldate cannot be changed after creation");
  }

  @Test
  @DisplayName("§3.1 UPDATE with ip4 is EINVAL \"ip4 cannot be changed after creation\"")
  void updateIp4JailsysIsEinval() {
    int jid = persistent(jailName("uip4"));
    set(Req.of().i32("jid", jid).i32("ip4", JailFlags.JAIL_SYS_INHERIT), JailFlags.UPDATE)
        .fails(Errno.EINVAL, "ip4 cannot be changed after creation");
  }

  @Test
  @DisplayName("§3.1 UPDATE with vnet is EINVAL \"vnet cannot be changed after creation\"")
  void updateVnetIsEinval() {
    needParam("vnet", "vnet needs a VIMAGE kernel");
    int jid = persistent(jailName("uvnet"));
    set(Req.of().i32("jid", jid).i32("vnet", JailFlags.JAIL_SYS_NEW), JailFlags.UPDATE)
        .fails(Errno.EINVAL, "vnet cannot be changed after creation");
  }

  @Test
  @DisplayName(
      "peer: libjail-rs - osrelease (a create-only parameter) cannot be set on a running jail")
  void createOnlyParameterRefusedOnUpdateByName() {
    persistent(jailName("tunable"));
    set(Req.of().str("name", jailName("tunable")).str("osrelease", "12.0-J4JCT"), JailFlags.UPDATE)
        .fails(Errno.EINVAL, "osrelease cannot be changed after creation");
  }

  @Test
  @DisplayName("§3.1 a zero-length name value is EINVAL")
  void zeroLengthNameIsEinval() {
    set(
            Req.of().raw(IoVec.name("name"), IoVec.empty()).str("path", "/").flag("persist"),
            JailFlags.CREATE)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§3.3 an empty name (only the NUL) gives the jail its JID as name")
  void emptyNameBecomesTheJid() {
    int jid = set(Req.of().str("name", "").str("path", "/").flag("persist"), JailFlags.CREATE).ok();
    assertEquals(String.valueOf(jid), readString(jid, "name"));
  }

  @Test
  @DisplayName("§3.1 a name of 256 bytes plus NUL is ENAMETOOLONG")
  void longNameIsEnametoolong() {
    set(
            Req.of().str("name", PREFIX + "n".repeat(256 - PREFIX.length())).flag("persist"),
            JailFlags.CREATE)
        .failsWith(Errno.ENAMETOOLONG);
  }

  @Test
  @DisplayName("§3.1 a host.hostname of 256 bytes plus NUL is ENAMETOOLONG")
  void longHostnameIsEnametoolong() {
    set(
            Req.of()
                .str("name", jailName("longhost"))
                .flag("persist")
                .str("host.hostname", "h".repeat(256)),
            JailFlags.CREATE)
        .failsWith(Errno.ENAMETOOLONG);
  }

  @Test
  @DisplayName("§3.1 a host.hostname of 255 bytes plus NUL fits MAXHOSTNAMELEN")
  void hostnameOf255Fits() {
    int jid = persistent(jailName("host255"), Req.of().str("host.hostname", "h".repeat(255)));
    assertEquals("h".repeat(255), readString(jid, "host.hostname"));
  }

  @Test
  @DisplayName("§3.1 a host.hostuuid longer than 63 bytes is ENAMETOOLONG")
  void longHostuuidIsEnametoolong() {
    set(
            Req.of()
                .str("name", jailName("uuid"))
                .flag("persist")
                .str("host.hostuuid", "u".repeat(64)),
            JailFlags.CREATE)
        .failsWith(Errno.ENAMETOOLONG);
  }

  @Test
  @DisplayName("§3.1 setting host.hostname implies host=new")
  void hostnameImpliesHostNew() {
    int jid = persistent(jailName("hostnew"), Req.of().str("host.hostname", "web"));
    assertEquals(JailFlags.JAIL_SYS_NEW, readInt(jid, "host"));
  }

  // ------------------------------------------------------------------------------------------
  // §3.1 addresses, osrelease, path, ranges

  @Test
  @DisplayName("§3.1 an ip4.addr whose length is not a multiple of 4 is EINVAL")
  void ip4AddrOddLengthIsEinval() {
    set(
            Req.of()
                .str("name", jailName("ip6b"))
                .flag("persist")
                .bytes("ip4.addr", new byte[] {(byte) 192, 0, 2, 1, 0, 0}),
            JailFlags.CREATE)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§3.1 more than 255 IPv4 addresses is EINVAL \"too many IPv4 addresses\"")
  void tooManyIp4AddressesIsEinval() {
    ByteBuffer b = ByteBuffer.allocate(256 * 4);
    for (int i = 0; i < 256; i++) {
      b.put(new byte[] {10, 77, (byte) (i >> 8), (byte) i});
    }
    set(
            Req.of().str("name", jailName("ipmany")).flag("persist").bytes("ip4.addr", b.array()),
            JailFlags.CREATE)
        .fails(Errno.EINVAL, "too many IPv4 addresses");
  }

  @Test
  @DisplayName("§3.1 ip4.addr 0.0.0.0 is EINVAL")
  void anyAddressIsEinval() {
    set(
            Req.of()
                .str("name", jailName("ipany"))
                .flag("persist")
                .bytes("ip4.addr", addresses("0.0.0.0")),
            JailFlags.CREATE)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§3.1 ip4.addr 255.255.255.255 is EINVAL")
  void broadcastAddressIsEinval() {
    set(
            Req.of()
                .str("name", jailName("ipbc"))
                .flag("persist")
                .bytes("ip4.addr", addresses("255.255.255.255")),
            JailFlags.CREATE)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§3.1 a duplicate address in ip4.addr is EINVAL")
  void duplicateAddressIsEinval() {
    set(
            Req.of()
                .str("name", jailName("ipdup"))
                .flag("persist")
                .bytes("ip4.addr", addresses("192.0.2.40", "192.0.2.40")),
            JailFlags.CREATE)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§3.1 ip6.addr :: is EINVAL")
  void unspecifiedIp6IsEinval() {
    set(
            Req.of()
                .str("name", jailName("ip6any"))
                .flag("persist")
                .bytes("ip6.addr", new byte[16]),
            JailFlags.CREATE)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§3.1 the first address stays first (primary), the rest are sorted")
  void primaryAddressStaysFirst() {
    int jid =
        persistent(
            jailName("ipsort"),
            Req.of().bytes("ip4.addr", addresses("192.0.2.59", "192.0.2.57", "192.0.2.55")));
    assertArrayEquals(
        addresses("192.0.2.59", "192.0.2.55", "192.0.2.57"), readBytes(jid, "ip4.addr", 64));
  }

  @Test
  @DisplayName(
      "§3.1 vnet together with ip4.addr is EINVAL \"vnet jails cannot have IP address restrictions\"")
  void vnetWithAddressesIsEinval() {
    needParam("vnet", "vnet needs a VIMAGE kernel");
    set(
            Req.of()
                .str("name", jailName("vnetip"))
                .flag("persist")
                .i32("vnet", JailFlags.JAIL_SYS_NEW)
                .bytes("ip4.addr", addresses("192.0.2.60")),
            JailFlags.CREATE)
        .fails(Errno.EINVAL, "vnet jails cannot have IP address restrictions");
  }

  @Test
  @DisplayName("§3.1 even vnet=inherit with ip4=inherit is EINVAL (vnet was mentioned)")
  void vnetInheritWithIp4InheritIsEinval() {
    needParam("vnet", "vnet needs a VIMAGE kernel");
    set(
            Req.of()
                .str("name", jailName("vnetinh"))
                .flag("persist")
                .i32("vnet", JailFlags.JAIL_SYS_INHERIT)
                .i32("ip4", JailFlags.JAIL_SYS_INHERIT),
            JailFlags.CREATE)
        .fails(Errno.EINVAL, "vnet jails cannot have IP address restrictions");
  }

  @Test
  @DisplayName("§3.1/§9 13.x+: osrelease of 32 bytes with NUL is ENAMETOOLONG with errmsg")
  void longOsreleaseIsEnametoolong() {
    set(
            Req.of()
                .str("name", jailName("osrel"))
                .flag("persist")
                .str("osrelease", "r".repeat(31)),
            JailFlags.CREATE)
        .fails(Errno.ENAMETOOLONG, "osrelease string must be 1-31 bytes long");
  }

  @Test
  @DisplayName("§3.1 a zero-length osrelease is EINVAL without errmsg")
  void emptyOsreleaseIsEinvalWithoutMessage() {
    set(
            Req.of()
                .str("name", jailName("osrel0"))
                .flag("persist")
                .raw(IoVec.name("osrelease"), IoVec.empty()),
            JailFlags.CREATE)
        .fails(Errno.EINVAL, "");
  }

  @Test
  @DisplayName("§3.1 an unterminated osrelease is EINVAL without errmsg")
  void unterminatedOsreleaseIsEinvalWithoutMessage() {
    set(
            Req.of()
                .str("name", jailName("osrelnn"))
                .flag("persist")
                .bytes("osrelease", "14.0-J4JCT".getBytes(StandardCharsets.UTF_8)),
            JailFlags.CREATE)
        .fails(Errno.EINVAL, "");
  }

  @Test
  @DisplayName("§3.1 osreldate 0 is EINVAL \"osreldate cannot be 0\"")
  void zeroOsreldateIsEinval() {
    set(
            Req.of().str("name", jailName("osdate0")).flag("persist").i32("osreldate", 0),
            JailFlags.CREATE)
        .fails(Errno.EINVAL, "osreldate cannot be 0");
  }

  @Test
  @DisplayName("§3.1 a path that does not exist is ENOENT")
  void missingPathIsEnoent() {
    set(
            Req.of()
                .str("name", jailName("nopath"))
                .str("path", "/j4jct-no-such-directory/x")
                .flag("persist"),
            JailFlags.CREATE)
        .failsWith(Errno.ENOENT);
  }

  @Test
  @DisplayName("§3.1 a path that is a regular file is ENOTDIR")
  void filePathIsEnotdir() throws IOException {
    Path file = regularFile();
    set(
            Req.of().str("name", jailName("filepath")).str("path", file.toString()).flag("persist"),
            JailFlags.CREATE)
        .failsWith(Errno.ENOTDIR);
  }

  @Test
  @DisplayName("§3.1 enforce_statfs outside 0..2 is EINVAL")
  void enforceStatfsOutOfRangeIsEinval() {
    set(
            Req.of().str("name", jailName("statfs3")).flag("persist").i32("enforce_statfs", 3),
            JailFlags.CREATE)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§3.1 a jailsys value outside 0..2 is EINVAL (host=3)")
  void jailsysOutOfRangeIsEinval() {
    set(Req.of().str("name", jailName("sys3")).flag("persist").i32("host", 3), JailFlags.CREATE)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§3.1 host=disable is EINVAL (host has no disable state)")
  void hostDisableIsEinval() {
    set(
            Req.of()
                .str("name", jailName("hostdis"))
                .flag("persist")
                .i32("host", JailFlags.JAIL_SYS_DISABLE),
            JailFlags.CREATE)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§3.1 vnet=disable is EINVAL (vnet has no disable state)")
  void vnetDisableIsEinval() {
    needParam("vnet", "vnet needs a VIMAGE kernel");
    set(
            Req.of()
                .str("name", jailName("vnetdis"))
                .flag("persist")
                .i32("vnet", JailFlags.JAIL_SYS_DISABLE),
            JailFlags.CREATE)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§3.4 devfs_ruleset outside 0..65535 is EINVAL")
  void devfsRulesetOutOfRangeIsEinval() {
    set(
            Req.of().str("name", jailName("devfs")).flag("persist").i32("devfs_ruleset", 65536),
            JailFlags.CREATE)
        .failsWith(Errno.EINVAL);
  }

  // ------------------------------------------------------------------------------------------
  // §3.2 finding the target, §3.3 creation

  @Test
  @DisplayName("§3.2 a negative jid is EINVAL \"negative jid\"")
  void negativeJidIsEinval() {
    set(Req.of().i32("jid", -5).str("name", jailName("negjid")).flag("persist"), JailFlags.CREATE)
        .fails(Errno.EINVAL, "negative jid");
  }

  @Test
  @DisplayName("§3.2 an explicit free jid is the jail's JID, and its default name is that number")
  void explicitJidIsUsed() {
    int want = freeJid(987_000);
    int jid =
        set(Req.of().i32("jid", want).str("path", "/").flag("persist"), JailFlags.CREATE).ok();
    assertEquals(want, jid);
    assertEquals(String.valueOf(want), readString(jid, "name"));
  }

  @Test
  @DisplayName("§3.2 CREATE by a numeric name asks for that JID")
  void numericNameRequestsThatJid() {
    int want = freeJid(987_100);
    int jid =
        set(
                Req.of().str("name", String.valueOf(want)).str("path", "/").flag("persist"),
                JailFlags.CREATE)
            .ok();
    assertEquals(want, jid);
  }

  @Test
  @DisplayName(
      "§3.4 a numeric name that is not the JID is EINVAL \"name cannot be numeric (unless it is the jid)\"")
  void numericNameOtherThanJidIsEinval() {
    int want = freeJid(987_200);
    set(
            Req.of().i32("jid", want).str("name", String.valueOf(want + 1)).flag("persist"),
            JailFlags.CREATE)
        .fails(Errno.EINVAL, "name cannot be numeric (unless it is the jid)");
  }

  @Test
  @DisplayName(
      "peer: py-jail README - creating a used JID again is EEXIST \"jail N already exists\"")
  void duplicateJidIsEexist() {
    int jid = persistent(jailName("dupjid"));
    set(Req.of().i32("jid", jid).str("path", "/").flag("persist"), JailFlags.CREATE)
        .fails(Errno.EEXIST, "jail " + jid + " already exists");
  }

  @Test
  @DisplayName("§3.2 creating a used name is EEXIST \"jail \\\"x\\\" already exists\"")
  void duplicateNameIsEexist() {
    persistent(jailName("dupname"));
    set(Req.of().str("name", jailName("dupname")).flag("persist"), JailFlags.CREATE)
        .fails(Errno.EEXIST, "jail \"" + jailName("dupname") + "\" already exists");
  }

  @Test
  @DisplayName("§3.2 UPDATE of a missing jid is ENOENT \"jail N not found\"")
  void updateMissingJidIsEnoent() {
    int jid = freeJid(987_300);
    set(Req.of().i32("jid", jid).str("host.hostname", "x"), JailFlags.UPDATE)
        .fails(Errno.ENOENT, "jail " + jid + " not found");
  }

  @Test
  @DisplayName("§3.2 UPDATE of a missing name is ENOENT \"jail \\\"x\\\" not found\"")
  void updateMissingNameIsEnoent() {
    set(Req.of().str("name", jailName("ghost")).str("host.hostname", "x"), JailFlags.UPDATE)
        .fails(Errno.ENOENT, "jail \"" + jailName("ghost") + "\" not found");
  }

  @Test
  @DisplayName("§3.2 UPDATE with no jid and no name is ENOENT \"update specified no jail\"")
  void updateWithoutKeyIsEnoent() {
    set(Req.of().str("host.hostname", "x"), JailFlags.UPDATE)
        .fails(Errno.ENOENT, "update specified no jail");
  }

  @Test
  @DisplayName("§3.2 a dotted name whose parent is missing is ENOENT \"jail \\\"a\\\" not found\"")
  void dottedNameWithMissingParentIsEnoent() {
    set(Req.of().str("name", jailName("noparent") + ".child").flag("persist"), JailFlags.CREATE)
        .fails(Errno.ENOENT, "jail \"" + jailName("noparent") + "\" not found");
  }

  @Test
  @DisplayName("§3.2 a dotted name creates a child; its parent reads back as the parent's JID")
  void dottedNameCreatesChild() {
    int parent = persistent(jailName("par"));
    int child = persistent(jailName("par") + ".kid");
    assertEquals(parent, readInt(child, "parent"));
    assertEquals(jailName("par") + ".kid", readString(child, "name"));
  }

  @Test
  @DisplayName("§3.2 CREATE|UPDATE creates when nothing matches and updates when the jail exists")
  void createOrUpdate() {
    int flags = JailFlags.CREATE | JailFlags.UPDATE;
    int first =
        set(Req.of().str("name", jailName("cou")).str("host.hostname", "a").flag("persist"), flags)
            .ok();
    int second =
        set(Req.of().str("name", jailName("cou")).str("host.hostname", "b").flag("persist"), flags)
            .ok();
    assertEquals(first, second);
    assertEquals("b", readString(first, "host.hostname"));
  }

  @Test
  @DisplayName("peer: 0x1eef/jail SetName - a jid-keyed UPDATE renames a running jail")
  void renameByJid() {
    int jid = persistent(jailName("old"));
    set(Req.of().i32("jid", jid).str("name", jailName("new")), JailFlags.UPDATE).ok();
    assertEquals(jailName("new"), readString(jid, "name"));
  }

  @Test
  @DisplayName("§3.2 renaming to a live sibling's name is EEXIST \"jail \\\"x\\\" already exists\"")
  void renameToSiblingNameIsEexist() {
    persistent(jailName("taken"));
    int jid = persistent(jailName("mover"));
    set(Req.of().i32("jid", jid).str("name", jailName("taken")), JailFlags.UPDATE)
        .fails(Errno.EEXIST, "jail \"" + jailName("taken") + "\" already exists");
  }

  @Test
  @DisplayName(
      "§3.2 a jid-keyed UPDATE whose dotted name names another parent is EINVAL \"cannot change jail's parent\"")
  void changingParentIsEinval() {
    persistent(jailName("pa"));
    int kid = persistent(jailName("pb"), Req.of());
    set(Req.of().i32("jid", kid).str("name", jailName("pa") + ".moved"), JailFlags.UPDATE)
        .fails(Errno.EINVAL, "cannot change jail's parent");
  }

  @Test
  @DisplayName(
      "§3.3 JIDs are allocated monotonically, not lowest-free (after 1,2 and removing 1 comes 3)")
  void jidAllocationIsMonotonic() throws SyscallException {
    int a = persistent(jailName("mono_a"));
    int b = persistent(jailName("mono_b"));
    k().remove(a);
    int c = persistent(jailName("mono_c"));
    assertTrue(b > a, "b " + b + " after a " + a);
    assertTrue(c > b, "c " + c + " must come after b " + b + ", not reuse " + a);
  }

  @Test
  @DisplayName("§3.3 an explicit JID does not move the allocator (lastprid)")
  void explicitJidDoesNotMoveAllocator() {
    int a = persistent(jailName("alloc_a"));
    int explicit = freeJid(a + 50);
    set(
            Req.of()
                .i32("jid", explicit)
                .str("name", jailName("alloc_x"))
                .str("path", "/")
                .flag("persist"),
            JailFlags.CREATE)
        .ok();
    int b = persistent(jailName("alloc_b"));
    assertTrue(b < explicit, "auto JID " + b + " must not follow the explicit " + explicit);
  }

  @Test
  @DisplayName("peer: libjail-rs restart - a jail recreated after removal gets a new JID")
  void recreatedJailGetsNewJid() throws SyscallException {
    int first = persistent(jailName("restart"));
    k().remove(first);
    int second = persistent(jailName("restart"));
    assertNotEquals(first, second);
  }

  // ------------------------------------------------------------------------------------------
  // §3.3 defaults of a new jail

  @Test
  @DisplayName("§3.3 defaults: host.hostname and host.domainname are empty")
  void defaultHostnameIsEmpty() {
    int jid = persistent(jailName("defhost"));
    assertEquals("", readString(jid, "host.hostname"));
    assertEquals("", readString(jid, "host.domainname"));
  }

  @Test
  @DisplayName("§3.3 defaults: host.hostuuid is all zero")
  void defaultHostuuidIsZero() {
    int jid = persistent(jailName("defuuid"));
    assertEquals("00000000-0000-0000-0000-000000000000", readString(jid, "host.hostuuid"));
  }

  @Test
  @DisplayName("§3.3 defaults: path is / and reads back as given (peer: 0x1eef GetString(path))")
  void pathReadsBack() {
    int jid = persistent(jailName("defpath"));
    assertEquals("/", readString(jid, "path"));
  }

  @Test
  @DisplayName("§3.3 defaults: children.max and children.cur are 0")
  void defaultChildrenAreZero() {
    int jid = persistent(jailName("defkids"));
    assertEquals(0, readInt(jid, "children.max"));
    assertEquals(0, readInt(jid, "children.cur"));
  }

  @Test
  @DisplayName("§3.3 defaults: enforce_statfs is 2 (the sysctl), not the parent's")
  void defaultEnforceStatfsIsTwo() {
    persistent(jailName("statfsp"), Req.of().i32("enforce_statfs", 0));
    int child = persistent(jailName("statfsp") + ".c");
    assertEquals(2, readInt(child, "enforce_statfs"));
  }

  @Test
  @DisplayName("§3.3 defaults: securelevel is the parent's")
  void defaultSecurelevelIsParents() {
    persistent(jailName("slp"), Req.of().i32("securelevel", 2));
    int child = persistent(jailName("slp") + ".c");
    assertEquals(2, readInt(child, "securelevel"));
  }

  @Test
  @DisplayName("§3.3 defaults: devfs_ruleset is the parent's")
  void defaultDevfsRulesetIsParents() {
    persistent(jailName("rsp"), Req.of().i32("devfs_ruleset", 4));
    int child = persistent(jailName("rsp") + ".c");
    assertEquals(4, readInt(child, "devfs_ruleset"));
  }

  @Test
  @DisplayName("§3.3 defaults: osrelease is the parent's")
  void defaultOsreleaseIsParents() {
    persistent(jailName("osp"), Req.of().str("osrelease", "13.2-J4JCT"));
    int child = persistent(jailName("osp") + ".c");
    assertEquals("13.2-J4JCT", readString(child, "osrelease"));
  }

  @Test
  @DisplayName(
      "§3.3/§4.3 defaults: set_hostname, reserved_ports, unprivileged_proc_debug, suser on")
  void defaultAllowFlagsOn() {
    int jid = persistent(jailName("allowon"));
    assertEquals(1, readInt(jid, "allow.set_hostname"), "allow.set_hostname");
    assertEquals(1, readInt(jid, "allow.reserved_ports"), "allow.reserved_ports");
    assertEquals(1, readInt(jid, "allow.unprivileged_proc_debug"), "allow.unprivileged_proc_debug");
    assertEquals(1, readInt(jid, "allow.suser"), "allow.suser");
  }

  @Test
  @DisplayName("§3.3/§4.3 defaults: raw_sockets, chflags, mount, mlock off")
  void defaultAllowFlagsOff() {
    int jid = persistent(jailName("allowoff"));
    assertEquals(0, readInt(jid, "allow.raw_sockets"), "allow.raw_sockets");
    assertEquals(0, readInt(jid, "allow.chflags"), "allow.chflags");
    assertEquals(0, readInt(jid, "allow.mount"), "allow.mount");
    assertEquals(0, readInt(jid, "allow.mlock"), "allow.mlock");
  }

  @Test
  @DisplayName("§3.3/§3.6 ip4 reads back as disable for a jail created without addresses")
  void ip4WithoutAddressesReadsDisable() {
    int jid = persistent(jailName("ip4none"));
    assertEquals(JailFlags.JAIL_SYS_DISABLE, readInt(jid, "ip4"));
  }

  @Test
  @DisplayName("§3.6 ip4 reads back as disable even with addresses (new is never returned)")
  void ip4WithAddressesReadsDisable() {
    int jid = persistent(jailName("ip4some"), Req.of().bytes("ip4.addr", addresses("192.0.2.70")));
    assertEquals(JailFlags.JAIL_SYS_DISABLE, readInt(jid, "ip4"));
  }

  @Test
  @DisplayName("§3.6 ip4=inherit reads back as inherit")
  void ip4InheritReadsInherit() {
    int jid = persistent(jailName("ip4inh"), Req.of().i32("ip4", JailFlags.JAIL_SYS_INHERIT));
    assertEquals(JailFlags.JAIL_SYS_INHERIT, readInt(jid, "ip4"));
  }

  @Test
  @DisplayName("§3.3 defaults: vnet is inherit")
  void defaultVnetIsInherit() {
    needParam("vnet", "vnet needs a VIMAGE kernel");
    int jid = persistent(jailName("vnetdef"));
    assertEquals(JailFlags.JAIL_SYS_INHERIT, readInt(jid, "vnet"));
  }

  @Test
  @DisplayName("§3.3 defaults: sysvmsg is disable (no module slot)")
  void defaultSysvmsgIsDisable() {
    needParam("sysvmsg", "the sysvmsg module is not loaded");
    int jid = persistent(jailName("sysvdef"));
    assertEquals(JailFlags.JAIL_SYS_DISABLE, readInt(jid, "sysvmsg"));
  }

  @Test
  @DisplayName("peer: 0x1eef/jail - a fresh jail is not dying and persist reads 1")
  void freshJailIsNotDying() {
    int jid = persistent(jailName("fresh"));
    assertEquals(0, readInt(jid, "dying"));
    assertEquals(1, readInt(jid, "persist"));
  }

  // ------------------------------------------------------------------------------------------
  // §3.4 validation against the parent

  @Test
  @DisplayName("§3.4 securelevel below the parent's is EPERM without errmsg")
  void securelevelBelowParentIsEperm() {
    persistent(jailName("slhi"), Req.of().i32("securelevel", 2));
    set(
            Req.of().str("name", jailName("slhi") + ".c").flag("persist").i32("securelevel", 1),
            JailFlags.CREATE)
        .fails(Errno.EPERM, "");
  }

  @Test
  @DisplayName("§3.4 raising a parent's securelevel raises its descendants'")
  void raisingSecurelevelPropagates() {
    int parent = persistent(jailName("slup"), Req.of().i32("securelevel", 0));
    int child = persistent(jailName("slup") + ".c");
    set(Req.of().i32("jid", parent).i32("securelevel", 3), JailFlags.UPDATE).ok();
    assertEquals(3, readInt(child, "securelevel"));
  }

  @Test
  @DisplayName("peer: 0x1eef/jail SetSecureLevel - raising a jail's own securelevel works")
  void raisingOwnSecurelevelWorks() {
    int jid = persistent(jailName("slself"));
    set(Req.of().i32("jid", jid).i32("securelevel", 3), JailFlags.UPDATE).ok();
    assertEquals(3, readInt(jid, "securelevel"));
  }

  @Test
  @DisplayName("§3.4 children.max equal to the parent's is EPERM (must be strictly less)")
  void childrenMaxNotBelowParentIsEperm() {
    persistent(jailName("cmax"), Req.of().i32("children.max", 3));
    set(
            Req.of().str("name", jailName("cmax") + ".c").flag("persist").i32("children.max", 3),
            JailFlags.CREATE)
        .failsWith(Errno.EPERM);
  }

  @Test
  @DisplayName("§3.4 lowering children.max clamps descendants at depth d to value - d")
  void childrenMaxClampsDescendants() {
    int p = persistent(jailName("clamp"), Req.of().i32("children.max", 5));
    int c = persistent(jailName("clamp") + ".c", Req.of().i32("children.max", 4));
    int g = persistent(jailName("clamp") + ".c.g", Req.of().i32("children.max", 3));
    set(Req.of().i32("jid", p).i32("children.max", 2), JailFlags.UPDATE).ok();
    assertEquals(1, readInt(c, "children.max"), "child");
    assertEquals(0, readInt(g, "children.max"), "grandchild");
  }

  @Test
  @DisplayName("§3.4 enforce_statfs below the parent's is EPERM")
  void enforceStatfsBelowParentIsEperm() {
    persistent(jailName("efs"));
    set(
            Req.of().str("name", jailName("efs") + ".c").flag("persist").i32("enforce_statfs", 1),
            JailFlags.CREATE)
        .failsWith(Errno.EPERM);
  }

  @Test
  @DisplayName("§3.4 raising a parent's enforce_statfs raises its descendants'")
  void raisingEnforceStatfsPropagates() {
    int p = persistent(jailName("efsup"), Req.of().i32("enforce_statfs", 0));
    int c = persistent(jailName("efsup") + ".c", Req.of().i32("enforce_statfs", 0));
    set(Req.of().i32("jid", p).i32("enforce_statfs", 1), JailFlags.UPDATE).ok();
    assertEquals(1, readInt(c, "enforce_statfs"));
  }

  @Test
  @DisplayName("§3.4 setting devfs_ruleset overwrites it in all descendants")
  void devfsRulesetOverwritesDescendants() {
    int p = persistent(jailName("dfs"), Req.of().i32("devfs_ruleset", 4));
    int c = persistent(jailName("dfs") + ".c", Req.of().i32("devfs_ruleset", 5));
    set(Req.of().i32("jid", p).i32("devfs_ruleset", 6), JailFlags.UPDATE).ok();
    assertEquals(6, readInt(c, "devfs_ruleset"));
  }

  @Test
  @DisplayName("§3.4 addresses outside the IP-restricted parent's list are EPERM")
  void addressesOutsideParentAreEperm() {
    persistent(jailName("ipp"), Req.of().bytes("ip4.addr", addresses("192.0.2.80")));
    set(
            Req.of()
                .str("name", jailName("ipp") + ".c")
                .flag("persist")
                .bytes("ip4.addr", addresses("192.0.2.81")),
            JailFlags.CREATE)
        .failsWith(Errno.EPERM);
  }

  @Test
  @DisplayName("§3.4 a child may take its single-address parent's address")
  void addressSubsetIsAllowed() {
    persistent(jailName("ips"), Req.of().bytes("ip4.addr", addresses("192.0.2.82")));
    int c = persistent(jailName("ips") + ".c", Req.of().bytes("ip4.addr", addresses("192.0.2.82")));
    assertArrayEquals(addresses("192.0.2.82"), readBytes(c, "ip4.addr", 16));
  }

  @Test
  @DisplayName(
      "§3.4 a child's address held by its multi-address parent clashes: EADDRINUSE \"IPv4 addresses clash\"")
  void childAddressOfMultiAddressParentClashes() {
    persistent(jailName("ipm"), Req.of().bytes("ip4.addr", addresses("192.0.2.84", "192.0.2.85")));
    set(
            Req.of()
                .str("name", jailName("ipm") + ".c")
                .flag("persist")
                .bytes("ip4.addr", addresses("192.0.2.85")),
            JailFlags.CREATE)
        .fails(Errno.EADDRINUSE, "IPv4 addresses clash");
  }

  @Test
  @DisplayName("§3.4 overlapping multi-address jails are EADDRINUSE \"IPv4 addresses clash\"")
  void overlappingAddressesClash() {
    persistent(
        jailName("clash_a"), Req.of().bytes("ip4.addr", addresses("192.0.2.90", "192.0.2.91")));
    set(
            Req.of()
                .str("name", jailName("clash_b"))
                .flag("persist")
                .bytes("ip4.addr", addresses("192.0.2.91")),
            JailFlags.CREATE)
        .fails(Errno.EADDRINUSE, "IPv4 addresses clash");
  }

  @Test
  @DisplayName("§3.4 two single-address jails may share one address")
  void singleAddressJailsMayShare() {
    persistent(jailName("share_a"), Req.of().bytes("ip4.addr", addresses("192.0.2.92")));
    int b = persistent(jailName("share_b"), Req.of().bytes("ip4.addr", addresses("192.0.2.92")));
    assertTrue(alive(b));
  }

  @Test
  @DisplayName(
      "§3.4 ip4.addr on a jail that is not IP-restricted is EINVAL \"ip4 cannot be changed after creation\"")
  void addressesOnInheritJailIsEinval() {
    int jid = persistent(jailName("ipinh"), Req.of().i32("ip4", JailFlags.JAIL_SYS_INHERIT));
    set(Req.of().i32("jid", jid).bytes("ip4.addr", addresses("192.0.2.93")), JailFlags.UPDATE)
        .fails(Errno.EINVAL, "ip4 cannot be changed after creation");
  }

  @Test
  @DisplayName("§3.4 allow.X the parent lacks is EPERM (allow.raw_sockets)")
  void allowFlagParentLacksIsEperm() {
    persistent(jailName("allowp"));
    set(
            Req.of()
                .str("name", jailName("allowp") + ".c")
                .flag("persist")
                .flag("allow.raw_sockets"),
            JailFlags.CREATE)
        .failsWith(Errno.EPERM);
  }

  @Test
  @DisplayName(
      "§3.4 allow.unprivileged_proc_debug may differ from the parent (PR_ALLOW_DIFFERENCES)")
  void unprivilegedProcDebugMayDiffer() {
    persistent(jailName("upd"), Req.of().flag("allow.nounprivileged_proc_debug"));
    int c = persistent(jailName("upd") + ".c", Req.of().flag("allow.unprivileged_proc_debug"));
    assertEquals(1, readInt(c, "allow.unprivileged_proc_debug"));
  }

  @Test
  @DisplayName("§3.4 clearing an allow flag on a jail clears it in its descendants")
  void clearingAllowPropagates() {
    int p = persistent(jailName("allowclr"), Req.of().flag("allow.raw_sockets"));
    int c = persistent(jailName("allowclr") + ".c", Req.of().flag("allow.raw_sockets"));
    set(Req.of().i32("jid", p).flag("allow.noraw_sockets"), JailFlags.UPDATE).ok();
    assertEquals(0, readInt(c, "allow.raw_sockets"));
  }

  @Test
  @DisplayName("§3.4 a full dotted name of 256 bytes or more is ENAMETOOLONG")
  void longDottedNameIsEnametoolong() {
    String parent = PREFIX + "p".repeat(200);
    persistent(parent);
    set(Req.of().str("name", parent + "." + "c".repeat(60)).flag("persist"), JailFlags.CREATE)
        .failsWith(Errno.ENAMETOOLONG);
  }

  @Test
  @DisplayName("§3.4 host.* changes propagate to host=inherit descendants")
  void hostnamePropagatesToInheritingChildren() {
    int p = persistent(jailName("hinh"), Req.of().str("host.hostname", "before"));
    int c = persistent(jailName("hinh") + ".c", Req.of().i32("host", JailFlags.JAIL_SYS_INHERIT));
    set(Req.of().i32("jid", p).str("host.hostname", "after"), JailFlags.UPDATE).ok();
    assertEquals("after", readString(c, "host.hostname"));
  }

  @Test
  @DisplayName("§3.4 renaming a jail renames its descendants' dotted names")
  void renameRewritesDescendants() {
    int p = persistent(jailName("rn"));
    int c = persistent(jailName("rn") + ".c");
    set(Req.of().i32("jid", p).str("name", jailName("rn2")), JailFlags.UPDATE).ok();
    assertEquals(jailName("rn2") + ".c", readString(c, "name"));
  }

  @Test
  @DisplayName("§3.4 sysvmsg=new under a parent with sysvmsg disabled is EPERM (module check)")
  void sysvmsgNewUnderDisabledParentIsEperm() {
    needParam("sysvmsg", "the sysvmsg module is not loaded");
    persistent(jailName("sysvp"));
    set(
            Req.of()
                .str("name", jailName("sysvp") + ".c")
                .flag("persist")
                .i32("sysvmsg", JailFlags.JAIL_SYS_NEW),
            JailFlags.CREATE)
        .failsWith(Errno.EPERM);
  }

  @Test
  @DisplayName("§3.3 an ancestor may create a.b even when a has children.max 0")
  void hostCreatesGrandchildPastChildrenMaxZero() {
    int p = persistent(jailName("cm0"));
    int c = persistent(jailName("cm0") + ".c");
    assertEquals(p, readInt(c, "parent"));
  }

  @Test
  @DisplayName("FreeBSD sysctl_security_jail_children max_cur: children.cur counts all descendants")
  void childrenCurCountsAllDescendants() {
    int p = persistent(jailName("cur"), Req.of().i32("children.max", 5));
    persistent(jailName("cur") + ".a", Req.of().i32("children.max", 4));
    persistent(jailName("cur") + ".a.x");
    persistent(jailName("cur") + ".b");
    assertEquals(3, readInt(p, "children.cur"));
  }

  // ------------------------------------------------------------------------------------------
  // §3.5 persistence and processes

  @Test
  @DisplayName("§3.5 nopersist on a jail without processes succeeds and the jail stops being alive")
  void nopersistWithoutProcessesKillsTheJail() {
    int jid = persistent(jailName("np"));
    assertEquals(jid, set(Req.of().i32("jid", jid).flag("nopersist"), JailFlags.UPDATE).ok());
    Outcome o = get(Req.of().i32("jid", jid), 0);
    o.failsWith(Errno.ENOENT);
    // freed at once or still dying, depending on references the kernel holds
    assertTrue(
        Set.of("jail " + jid + " not found", "jail " + jid + " is dying").contains(o.errmsg()),
        "errmsg \"" + o.errmsg() + "\"");
  }

  @Test
  @DisplayName("§3.5 a child keeps a non-persistent parent without processes alive")
  void childKeepsParentAlive() {
    int p = persistent(jailName("keep"));
    persistent(jailName("keep") + ".c");
    set(Req.of().i32("jid", p).flag("nopersist"), JailFlags.UPDATE).ok();
    assertTrue(alive(p), "parent must stay alive while it has a child");
  }

  @Test
  @DisplayName("§3.5 a process keeps a jail alive after nopersist; it dies when the last one exits")
  void lastProcessExitKillsNonPersistentJail() throws SyscallException {
    needProcesses();
    int jid = persistent(jailName("proc"));
    int pid = spawnProcess(jid);
    set(Req.of().i32("jid", jid).flag("nopersist"), JailFlags.UPDATE).ok();
    assertTrue(alive(jid), "alive while a process runs");
    exitProcess(pid);
    assertFalse(alive(jid), "dead once the last process exited");
  }

  @Test
  @DisplayName("§3.7 a process cannot enter a jail that does not exist (EINVAL)")
  void spawnIntoMissingJailIsEinval() {
    needProcesses();
    int jid = freeJid(987_400);
    assertEquals(Optional.of(Errno.EINVAL), errnoOf(() -> spawnProcess(jid)));
  }

  @Test
  @DisplayName("§3.7 jail_remove kills the jail's processes (nothing can enter it afterwards)")
  void removeKillsProcesses() throws SyscallException {
    needProcesses();
    int jid = persistent(jailName("kill"));
    spawnProcess(jid);
    k().remove(jid);
    assertFalse(alive(jid));
    assertEquals(Optional.of(Errno.EINVAL), errnoOf(() -> spawnProcess(jid)));
  }

  // ------------------------------------------------------------------------------------------
  // §3.6 jail_get and §1.5 lastjid

  @Test
  @DisplayName("§3.6 jail_get without a key is ENOENT \"no jail specified\"")
  void getWithoutKeyIsEnoent() {
    get(Req.of().out("host.hostname", 256), 0).fails(Errno.ENOENT, "no jail specified");
  }

  @Test
  @DisplayName(
      "peer: libjail-rs test_name_nonexistent_jail - jail_get of a missing jid is ENOENT \"jail N not found\"")
  void getMissingJidIsEnoent() {
    int jid = freeJid(424_242);
    get(Req.of().i32("jid", jid).out("name", 256), 0)
        .fails(Errno.ENOENT, "jail " + jid + " not found");
  }

  @Test
  @DisplayName(
      "peer: py-jail test_jid_lookup - jail_get of a missing name is ENOENT \"jail \\\"x\\\" not found\"")
  void getMissingNameIsEnoent() {
    get(Req.of().str("name", jailName("test-jid-lookup")), 0)
        .fails(Errno.ENOENT, "jail \"" + jailName("test-jid-lookup") + "\" not found");
  }

  @Test
  @DisplayName("peer: libjail-rs id - looking a name up returns the JID creation returned")
  void getByNameReturnsTheJid() {
    int jid = persistent(jailName("getid"));
    assertEquals(jid, get(Req.of().str("name", jailName("getid")), 0).ok());
  }

  @Test
  @DisplayName("§3.6 jid 0 is not a key: the name decides")
  void jidZeroIsNotAKey() {
    int jid = persistent(jailName("jid0"));
    assertEquals(jid, get(Req.of().i32("jid", 0).str("name", jailName("jid0")), 0).ok());
  }

  @Test
  @DisplayName("§3.6 a non-zero jid is the key over name")
  void jidIsKeyOverName() {
    int a = persistent(jailName("keya"));
    persistent(jailName("keyb"));
    Req r =
        Req.of()
            .i32("jid", a)
            .raw(
                IoVec.name("name"),
                IoVec.of(Arrays.copyOf(jailName("keyb").getBytes(StandardCharsets.UTF_8), 256)));
    assertEquals(a, get(r, 0).ok());
    assertEquals(jailName("keya"), cString(r.valueOf("name").bytes()));
  }

  @Test
  @DisplayName("§3.6 lastjid is the key over jid")
  void lastjidIsKeyOverJid() {
    int a = persistent(jailName("lja"));
    int b = persistent(jailName("ljb"));
    assertEquals(b, get(Req.of().i32("lastjid", a).i32("jid", a), 0).ok());
  }

  @Test
  @DisplayName("§1.5 lastjid returns the next jail in ascending JID order")
  void lastjidIteratesInOrder() {
    int a = persistent(jailName("it_a"));
    int b = persistent(jailName("it_b"));
    List<Integer> all = listJids(k(), 0);
    assertTrue(all.indexOf(a) >= 0 && all.indexOf(a) < all.indexOf(b), all.toString());
    for (int i = 1; i < all.size(); i++) {
      assertTrue(all.get(i - 1) < all.get(i), "ascending: " + all);
    }
  }

  @Test
  @DisplayName("§1.5 past the highest JID lastjid is ENOENT \"no jail after N\"")
  void lastjidPastTheEndIsEnoent() {
    persistent(jailName("end"));
    List<Integer> all = listJids(k(), 0);
    int last = all.get(all.size() - 1);
    get(Req.of().i32("lastjid", last), 0).fails(Errno.ENOENT, "no jail after " + last);
  }

  @Test
  @DisplayName(
      "§1.5 lastjid never returns prison0 and sees the jails just made (peer: libjail-rs all())")
  void lastjidSeesNewJails() {
    int a = persistent(jailName("all_a"));
    int b = persistent(jailName("all_b"));
    List<Integer> all = listJids(k(), 0);
    assertFalse(all.contains(0));
    assertTrue(all.containsAll(List.of(a, b)), all.toString());
  }

  // ------------------------------------------------------------------------------------------
  // §3.7 jail_remove and jail_attach

  @Test
  @DisplayName("jail(2) / peer: py-jail - jail_remove of a missing jid is EINVAL")
  void removeMissingIsEinval() {
    int jid = freeJid(987_500);
    assertEquals(Optional.of(Errno.EINVAL), errnoOf(() -> k().remove(jid)));
  }

  @Test
  @DisplayName("peer: libjail-rs create_remove - a removed jail is gone")
  void removedJailIsGone() throws SyscallException {
    int jid = persistent(jailName("rm"));
    k().remove(jid);
    assertFalse(alive(jid));
  }

  @Test
  @DisplayName("§3.7 jail_remove removes the whole subtree (FreeBSD max_cur cleanup)")
  void removeTakesTheSubtree() throws SyscallException {
    int p = persistent(jailName("tree"));
    int c = persistent(jailName("tree") + ".c");
    int g = persistent(jailName("tree") + ".c.g");
    k().remove(p);
    assertFalse(alive(c), "child");
    assertFalse(alive(g), "grandchild");
  }

  @Test
  @DisplayName("§3.7 jail_attach to a missing jid is EINVAL (not ENOENT)")
  void attachMissingIsEinval() {
    int jid = freeJid(987_600);
    assertEquals(Optional.of(Errno.EINVAL), errnoOf(() -> k().attach(jid)));
  }

  @Test
  @DisplayName("§3.7 jail_attach to JID 0 (the caller's own jail) is EINVAL")
  void attachZeroIsEinval() {
    assertEquals(Optional.of(Errno.EINVAL), errnoOf(() -> k().attach(0)));
  }

  // ------------------------------------------------------------------------------------------
  // dying jails (§3.5, §3.6, §9)

  @Test
  @DisplayName("§3.6 jail_get of a dying jail without JAIL_DYING is ENOENT \"jail N is dying\"")
  void getDyingWithoutFlagIsEnoent() throws SyscallException {
    int jid = dyingJail(jailName("dy1"));
    get(Req.of().i32("jid", jid), 0).fails(Errno.ENOENT, "jail " + jid + " is dying");
  }

  @Test
  @DisplayName("§3.6 jail_get with JAIL_DYING reads a dying jail with dying = 1")
  void getDyingWithFlagReadsIt() throws SyscallException {
    int jid = dyingJail(jailName("dy2"));
    assertEquals(1, readInt(k(), jid, "dying", JailFlags.DYING));
  }

  @Test
  @DisplayName("§1.5 lastjid skips dying jails unless JAIL_DYING is given")
  void lastjidSkipsDyingJails() throws SyscallException {
    int jid = dyingJail(jailName("dy3"));
    assertFalse(listJids(k(), 0).contains(jid));
    assertTrue(listJids(k(), JailFlags.DYING).contains(jid));
  }

  @Test
  @DisplayName("§3.7 jail_remove of an already dying jail returns 0")
  void removeDyingSucceeds() throws SyscallException {
    int jid = dyingJail(jailName("dy4"));
    assertEquals(Optional.empty(), errnoOf(() -> k().remove(jid)));
  }

  @Test
  @DisplayName("§3.7 jail_attach to a dying jail is EINVAL")
  void attachDyingIsEinval() throws SyscallException {
    int jid = dyingJail(jailName("dy5"));
    assertEquals(Optional.of(Errno.EINVAL), errnoOf(() -> k().attach(jid)));
  }

  @Test
  @DisplayName(
      "§3.2/§9 13.x/14.x: CREATE with a dying jail's JID is EEXIST \"jail N already exists\"")
  void createOverDyingJidIsEexistBefore15() throws SyscallException {
    needVersions("dying jails still count for CREATE", FreeBsdVersion.V13, FreeBsdVersion.V14);
    int jid = dyingJail(jailName("dy6"));
    set(Req.of().i32("jid", jid).str("path", "/").flag("persist"), JailFlags.CREATE)
        .fails(Errno.EEXIST, "jail " + jid + " already exists");
  }

  @Test
  @DisplayName("§3.2/§9 15.0: CREATE with a dying jail's JID renumbers the dying jail and succeeds")
  void createOverDyingJidRenumbersOn15() throws SyscallException {
    needVersions("ed31b3f4: dying jails are renumbered", FreeBsdVersion.V15);
    int jid = dyingJail(jailName("dy7"));
    assertEquals(
        jid,
        set(
                Req.of()
                    .i32("jid", jid)
                    .str("name", jailName("dy7new"))
                    .str("path", "/")
                    .flag("persist"),
                JailFlags.CREATE)
            .ok());
    assertEquals(jailName("dy7new"), readString(jid, "name"));
  }

  @Test
  @DisplayName(
      "§3.2/§9 13.x/14.x: UPDATE by a name only a dying jail holds is ENOENT \"jail \\\"x\\\" is dying\"")
  void updateDyingNameIsDyingBefore15() throws SyscallException {
    needVersions("dying jails still match names", FreeBsdVersion.V13, FreeBsdVersion.V14);
    dyingJail(jailName("dy8"));
    set(Req.of().str("name", jailName("dy8")).str("host.hostname", "x"), JailFlags.UPDATE)
        .fails(Errno.ENOENT, "jail \"" + jailName("dy8") + "\" is dying");
  }

  @Test
  @DisplayName(
      "§3.2/§9 15.0: UPDATE by a name only a dying jail holds is ENOENT \"jail \\\"x\\\" not found\"")
  void updateDyingNameIsNotFoundOn15() throws SyscallException {
    needVersions("dying jails never match", FreeBsdVersion.V15);
    dyingJail(jailName("dy9"));
    set(Req.of().str("name", jailName("dy9")).str("host.hostname", "x"), JailFlags.UPDATE)
        .fails(Errno.ENOENT, "jail \"" + jailName("dy9") + "\" not found");
  }

  @Test
  @DisplayName(
      "§3.2/§9 13.x/14.x: a jid-keyed UPDATE of a dying jail without JAIL_DYING is ENOENT \"jail N is dying\"")
  void updateDyingJidIsDyingBefore15() throws SyscallException {
    needVersions("JAIL_DYING selects dying jails", FreeBsdVersion.V13, FreeBsdVersion.V14);
    int jid = dyingJail(jailName("dy10"));
    set(Req.of().i32("jid", jid).str("host.hostname", "x"), JailFlags.UPDATE)
        .fails(Errno.ENOENT, "jail " + jid + " is dying");
  }

  @Test
  @DisplayName("§9 13.x/14.x: UPDATE|JAIL_DYING with persist resurrects a dying jail")
  void dyingFlagResurrectsBefore15() throws SyscallException {
    needVersions("JAIL_DYING revives dying jails", FreeBsdVersion.V13, FreeBsdVersion.V14);
    int jid = dyingJail(jailName("dy11"));
    assertEquals(
        jid,
        set(Req.of().i32("jid", jid).flag("persist"), JailFlags.UPDATE | JailFlags.DYING).ok());
    assertTrue(alive(jid), "alive again");
    assertEquals(0, readInt(jid, "dying"));
  }

  @Test
  @DisplayName("§1.2/§9 15.0: JAIL_DYING is accepted by jail_set and ignored")
  void dyingFlagIgnoredOn15() {
    needVersions("JAIL_DYING is deprecated in jail_set", FreeBsdVersion.V15);
    int jid =
        set(
                Req.of().str("name", jailName("dy12")).str("path", "/").flag("persist"),
                JailFlags.CREATE | JailFlags.DYING)
            .ok();
    assertTrue(alive(jid));
  }

  // ------------------------------------------------------------------------------------------
  // a caller inside a jail (§3, §3.3, §3.6, FreeBSD jail_basic_test nested)

  @Test
  @DisplayName(
      "FreeBSD jail_basic_test nested: CREATE inside a jail with children.max 0 is EPERM without errmsg")
  void createInsideJailWithoutChildrenIsEperm() {
    int jid = persistent(jailName("nochild"));
    set(
            jailed(jid),
            Req.of().str("name", "nested").str("path", "/").flag("persist"),
            JailFlags.CREATE)
        .fails(Errno.EPERM, "");
  }

  @Test
  @DisplayName(
      "FreeBSD jail_basic_test nested: a second child over children.max 1 is EPERM \"prison limit exceeded\"")
  void secondChildOverLimitIsPrisonLimitExceeded() {
    int jid = persistent(jailName("basejail"), Req.of().i32("children.max", 1));
    JailKernel inside = jailed(jid);
    set(
            inside,
            Req.of().str("name", "nestedjail").str("path", "/").flag("persist"),
            JailFlags.CREATE)
        .ok();
    set(
            inside,
            Req.of().str("name", "secondnestedjail").str("path", "/").flag("persist"),
            JailFlags.CREATE)
        .fails(Errno.EPERM, "prison limit exceeded");
  }

  @Test
  @DisplayName("FreeBSD jailmeta not_inheritable: a child made inside p is p.child from the host")
  void childMadeInsideIsDottedFromHost() {
    int jid = persistent(jailName("outer"), Req.of().i32("children.max", 1));
    int child =
        set(
                jailed(jid),
                Req.of().str("name", "child").str("path", "/").flag("persist"),
                JailFlags.CREATE)
            .ok();
    assertEquals(child, get(Req.of().str("name", jailName("outer") + ".child"), 0).ok());
  }

  @Test
  @DisplayName("§3.6 inside a jail, names are relative and the caller's jail is parent 0")
  void insideNamesAreRelative() {
    int jid = persistent(jailName("rel"), Req.of().i32("children.max", 1));
    JailKernel inside = jailed(jid);
    int child =
        set(inside, Req.of().str("name", "kid").str("path", "/").flag("persist"), JailFlags.CREATE)
            .ok();
    Req r = Req.of().i32("jid", child).out("name", 256);
    get(inside, r, 0).ok();
    assertEquals("kid", cString(r.valueOf("name").bytes()));
    assertEquals(0, readInt(inside, child, "parent", 0));
  }

  @Test
  @DisplayName(
      "§3 inside a jail, jails outside its subtree are invisible (ENOENT \"jail \\\"x\\\" not found\")")
  void outsideJailsAreInvisible() {
    persistent(jailName("visible"));
    int jid = persistent(jailName("viewer"));
    get(jailed(jid), Req.of().str("name", jailName("visible")), 0)
        .fails(Errno.ENOENT, "jail \"" + jailName("visible") + "\" not found");
  }

  @Test
  @DisplayName(
      "FreeBSD jaildesc curjail_get: a jail cannot see itself (ENOENT \"jail N not found\")")
  void ownJailIsInvisible() {
    int jid = persistent(jailName("self"));
    get(jailed(jid), Req.of().i32("jid", jid), 0).fails(Errno.ENOENT, "jail " + jid + " not found");
  }

  @Test
  @DisplayName(
      "§3.2 inside a jail, a jid outside the subtree is ENOENT \"jail N not found\" on UPDATE")
  void updateOutsideSubtreeIsNotFound() {
    int other = persistent(jailName("target"));
    int jid = persistent(jailName("updater"));
    set(jailed(jid), Req.of().i32("jid", other).str("host.hostname", "x"), JailFlags.UPDATE)
        .fails(Errno.ENOENT, "jail " + other + " not found");
  }

  @Test
  @DisplayName(
      "§3.2 inside a jail, CREATE with a live JID outside the subtree is EEXIST \"jail N already exists\"")
  void createWithOutsideJidLeaksExistence() {
    int other = persistent(jailName("leak"));
    int jid = persistent(jailName("leaker"), Req.of().i32("children.max", 1));
    set(jailed(jid), Req.of().i32("jid", other).str("path", "/").flag("persist"), JailFlags.CREATE)
        .fails(Errno.EEXIST, "jail " + other + " already exists");
  }

  @Test
  @DisplayName("§3.7 inside a jail, jail_remove of a jail outside the subtree is EINVAL")
  void removeOutsideSubtreeIsEinval() {
    int other = persistent(jailName("victim"));
    int jid = persistent(jailName("remover"));
    assertEquals(Optional.of(Errno.EINVAL), errnoOf(() -> jailed(jid).remove(other)));
    assertTrue(alive(other));
  }

  @Test
  @DisplayName("§3.7 inside a jail, jail_attach to its own JID is EINVAL")
  void attachOwnJailIsEinval() {
    int jid = persistent(jailName("attself"));
    assertEquals(Optional.of(Errno.EINVAL), errnoOf(() -> jailed(jid).attach(jid)));
  }

  @Test
  @DisplayName("§1.5 inside a jail, lastjid lists only its descendants")
  void insideLastjidListsDescendants() {
    persistent(jailName("sibling"));
    int jid = persistent(jailName("lister"), Req.of().i32("children.max", 1));
    JailKernel inside = jailed(jid);
    int child =
        set(inside, Req.of().str("name", "only").str("path", "/").flag("persist"), JailFlags.CREATE)
            .ok();
    assertEquals(List.of(child), listJids(inside, 0));
  }

  @Test
  @DisplayName("§3.4 inside a jail, a non-zero devfs_ruleset other than the parent's is EPERM")
  void insideDevfsRulesetOtherThanParentsIsEperm() {
    int jid =
        persistent(jailName("rsjail"), Req.of().i32("children.max", 1).i32("devfs_ruleset", 4));
    set(
            jailed(jid),
            Req.of().str("name", "c").str("path", "/").flag("persist").i32("devfs_ruleset", 5),
            JailFlags.CREATE)
        .failsWith(Errno.EPERM);
  }

  @Test
  @DisplayName(
      "FreeBSD sysctl_security_jail_children max_cur: a grandchild made inside counts for every ancestor")
  void grandchildCountsForEveryAncestor() {
    int top = persistent(jailName("maxallowed"), Req.of().i32("children.max", 10));
    int family =
        set(
                jailed(top),
                Req.of()
                    .str("name", "family")
                    .str("path", "/")
                    .flag("persist")
                    .i32("children.max", 4),
                JailFlags.CREATE)
            .ok();
    assertEquals(1, readInt(top, "children.cur"));
    assertEquals(4, readInt(family, "children.max"));
    assertEquals(0, readInt(family, "children.cur"));
  }

  // ------------------------------------------------------------------------------------------
  // an unprivileged caller (§3.1, §3.7, §9)

  @Test
  @DisplayName("§3.1 jail_set by a non-root caller is EPERM without errmsg")
  void unprivilegedSetIsEperm() {
    set(
            unprivileged(),
            Req.of().str("name", jailName("user")).str("path", "/").flag("persist"),
            JailFlags.CREATE)
        .fails(Errno.EPERM, "");
  }

  @Test
  @DisplayName("§3.7 jail_remove by a non-root caller is EPERM")
  void unprivilegedRemoveIsEperm() {
    int jid = persistent(jailName("userrm"));
    assertEquals(Optional.of(Errno.EPERM), errnoOf(() -> unprivileged().remove(jid)));
    assertTrue(alive(jid));
  }

  @Test
  @DisplayName("§3.7 jail_attach by a non-root caller is EPERM")
  void unprivilegedAttachIsEperm() {
    int jid = persistent(jailName("useratt"));
    assertEquals(Optional.of(Errno.EPERM), errnoOf(() -> unprivileged().attach(jid)));
  }

  @Test
  @DisplayName("FreeBSD jaildesc poll_close_race_get_desc: jail_get works for a non-root caller")
  void unprivilegedGetWorks() {
    int jid = persistent(jailName("userget"));
    assertEquals(jid, get(unprivileged(), Req.of().str("name", jailName("userget")), 0).ok());
  }

  @Test
  @DisplayName(
      "§3.1/§9 13.x/14.x: privilege is checked first (non-root with no operation is EPERM)")
  void privilegeFirstBefore15() {
    needVersions("privilege is checked before the flags", FreeBsdVersion.V13, FreeBsdVersion.V14);
    set(unprivileged(), Req.of().str("name", jailName("order")), 0).fails(Errno.EPERM, "");
  }

  @Test
  @DisplayName(
      "§3.1/§9 15.0: flags are checked before privilege (non-root with no operation is EINVAL)")
  void flagsBeforePrivilegeOn15() {
    needVersions("the descriptor rework moved the privilege check", FreeBsdVersion.V15);
    set(unprivileged(), Req.of().str("name", jailName("order")), 0)
        .fails(Errno.EINVAL, "no valid operation (create or update)");
  }

  // ------------------------------------------------------------------------------------------
  // FreeBSD 15.0: descriptors, meta and env (§1.2, §3.1, §4.4, FreeBSD jaildesc and jailmeta)

  @Test
  @DisplayName("§1.2 15.0: JAIL_USE_DESC with JAIL_AT_DESC is EINVAL")
  void useDescWithAtDescIsEinval() {
    needVersions("jail descriptors", FreeBsdVersion.V15);
    set(
            Req.of().i32("desc", 0).flag("persist"),
            JailFlags.UPDATE | JailFlags.USE_DESC | JailFlags.AT_DESC)
        .failsWith(Errno.EINVAL);
  }

  @Test
  @DisplayName("§3.1.5 15.0: JAIL_USE_DESC without desc is ENOENT \"missing desc\"")
  void useDescWithoutDescIsEnoent() {
    needVersions("jail descriptors", FreeBsdVersion.V15);
    set(Req.of().str("host.hostname", "x"), JailFlags.UPDATE | JailFlags.USE_DESC)
        .fails(Errno.ENOENT, "missing desc");
  }

  @Test
  @DisplayName(
      "§3.1.5 15.0: a desc that is not a jail descriptor is EBADF \"not a jail descriptor\"")
  void badDescIsEbadf() {
    needVersions("jail descriptors", FreeBsdVersion.V15);
    set(
            Req.of().i32("desc", 987_654).str("host.hostname", "x"),
            JailFlags.UPDATE | JailFlags.USE_DESC)
        .fails(Errno.EBADF, "not a jail descriptor");
  }

  @Test
  @DisplayName("FreeBSD jaildesc: closing an owning descriptor (JAIL_OWN_DESC) removes the jail")
  void closingOwningDescriptorRemovesJail() throws SyscallException {
    needVersions("jail descriptors", FreeBsdVersion.V15);
    Req r =
        Req.of()
            .str("name", jailName("owned"))
            .str("path", "/")
            .flag("persist")
            .bytes("desc", intBytes(-1));
    int jid = set(r, JailFlags.CREATE | JailFlags.OWN_DESC).ok();
    int fd = intOf(r.valueOf("desc").bytes());
    assertTrue(fd >= 0, "descriptor " + fd);
    k().closeDescriptor(fd);
    assertFalse(alive(jid));
  }

  @Test
  @DisplayName("FreeBSD jaildesc poll_remove_wakeup: jail_remove_jd removes the descriptor's jail")
  void removeByDescriptor() throws SyscallException {
    needVersions("jail descriptors", FreeBsdVersion.V15);
    Req r =
        Req.of()
            .str("name", jailName("rmjd"))
            .str("path", "/")
            .flag("persist")
            .bytes("desc", intBytes(-1));
    int jid = set(r, JailFlags.CREATE | JailFlags.GET_DESC).ok();
    int fd = intOf(r.valueOf("desc").bytes());
    k().removeDescriptor(fd);
    assertFalse(alive(jid));
    k().closeDescriptor(fd);
  }

  @Test
  @DisplayName("§3.7 15.0: jail_remove_jd of a bad descriptor is EBADF")
  void removeBadDescriptorIsEbadf() {
    needVersions("jail descriptors", FreeBsdVersion.V15);
    assertEquals(Optional.of(Errno.EBADF), errnoOf(() -> k().removeDescriptor(987_654)));
  }

  @Test
  @DisplayName("§1.1/§9 13.x/14.x: jail_attach_jd and jail_remove_jd do not exist (ENOSYS)")
  void descriptorCallsAreEnosysBefore15() {
    needVersions("syscalls 597/598 are 15.0", FreeBsdVersion.V13, FreeBsdVersion.V14);
    assertEquals(Optional.of(Errno.ENOSYS), errnoOf(() -> k().attachDescriptor(3)));
    assertEquals(Optional.of(Errno.ENOSYS), errnoOf(() -> k().removeDescriptor(3)));
  }

  @Test
  @DisplayName("§9 13.x/14.x: meta is an unknown parameter")
  void metaIsUnknownBefore15() {
    needVersions("meta and env are 15.0", FreeBsdVersion.V13, FreeBsdVersion.V14);
    set(Req.of().str("name", jailName("meta13")).flag("persist").str("meta", "a"), JailFlags.CREATE)
        .fails(Errno.EINVAL, "unknown parameter: meta");
  }

  @Test
  @DisplayName("FreeBSD jailmeta jail_create: meta and env read back as set")
  void metaAndEnvRoundTrip() {
    needVersions("meta and env are 15.0", FreeBsdVersion.V15);
    int jid = persistent(jailName("meta"), Req.of().str("meta", "a b c").str("env", "C B A"));
    assertEquals("a b c", readString(jid, "meta"));
    assertEquals("C B A", readString(jid, "env"));
  }

  @Test
  @DisplayName("FreeBSD jailmeta keyvalue: meta.KEY reads one key of the key=value lines")
  void metaKeyReadsOneKey() {
    needVersions("meta and env are 15.0", FreeBsdVersion.V15);
    int jid = persistent(jailName("metakv"), Req.of().str("meta", "a=2\nb=3"));
    assertEquals("3", readString(jid, "meta.b"));
  }

  @Test
  @DisplayName("§3.6 15.0: an unknown meta.KEY is returned empty (length 0) instead of failing")
  void missingMetaKeyIsEmpty() {
    needVersions("meta and env are 15.0", FreeBsdVersion.V15);
    int jid = persistent(jailName("metamiss"), Req.of().str("meta", "a=1"));
    Req r = Req.of().i32("jid", jid).out("meta.c", 64);
    get(r, 0).ok();
    assertEquals(0, r.valueOf("meta.c").length());
  }

  @Test
  @DisplayName(
      "FreeBSD jailmeta maxbufsize / §3.8: meta of meta_maxbufsize bytes with the NUL is EFBIG")
  void oversizeMetaIsEfbig() {
    needVersions("meta and env are 15.0", FreeBsdVersion.V15);
    set(
            Req.of().str("name", jailName("metabig")).flag("persist").str("meta", "m".repeat(4096)),
            JailFlags.CREATE)
        .failsWith(Errno.EFBIG);
  }

  @Test
  @DisplayName("FreeBSD jailmeta maxbufsize: meta of meta_maxbufsize - 1 characters is accepted")
  void metaJustUnderTheLimitFits() {
    needVersions("meta and env are 15.0", FreeBsdVersion.V15);
    int jid = persistent(jailName("metamax"), Req.of().str("meta", "m".repeat(4095)));
    assertEquals(4095, readString(jid, "meta").length());
  }
}
