package org.jail4j.param;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jail4j.Errno;
import org.jail4j.FreeBsdVersion;
import org.jail4j.HostCapabilities;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.KernelParam;
import org.jail4j.spi.SyscallException;
import org.jspecify.annotations.Nullable;

/**
 * A small recording kernel for JailRequest tests: it keeps a copy of every call's names and values,
 * answers {@code jail_get} from one stored jail with the kernel's buffer rules (size probes,
 * too-small buffers give EINVAL, §2.8), and can fail the next call with an errno and errmsg.
 */
final class RecordingKernel implements JailKernel {

  /** One recorded call. */
  record Call(String syscall, List<String> names, List<byte @Nullable []> values, int flags) {
    byte @Nullable [] value(String name) {
      int i = names.indexOf(name);
      if (i < 0) {
        throw new AssertionError("no " + name + " in " + names);
      }
      return values.get(i);
    }
  }

  final List<Call> calls = new ArrayList<>();
  final Map<String, KernelParam> published = new LinkedHashMap<>();
  final Map<String, byte[]> stored = new LinkedHashMap<>();
  int jid = 7;
  private @Nullable Errno failErrno;
  private @Nullable String failMessage;
  private int failCount;

  /** Runs before every jail_get answer (e.g. to grow an address list between probe and read). */
  Runnable beforeGet = () -> {};

  RecordingKernel publish(String name, String format, int ctlType, int size) {
    published.put(name, new KernelParam(name, format, ctlType, KernelParam.Access.RW, size));
    return this;
  }

  /** The next {@code times} calls fail with this errno, writing the message when not null. */
  void failNext(Errno errno, @Nullable String message, int times) {
    failErrno = errno;
    failMessage = message;
    failCount = times;
  }

  private Call record(String syscall, IoVec[] iov, int flags) {
    List<String> names = new ArrayList<>();
    List<byte @Nullable []> values = new ArrayList<>();
    for (int i = 0; i + 1 < iov.length; i += 2) {
      names.add(ParamCodec.cString(iov[i].bytes()));
      byte[] base = iov[i + 1].base();
      values.add(base == null ? null : iov[i + 1].bytes());
    }
    Call c = new Call(syscall, names, values, flags);
    calls.add(c);
    return c;
  }

  private void maybeFail(String syscall, IoVec[] iov) throws SyscallException {
    Errno e = failErrno;
    if (e == null || failCount <= 0) {
      return;
    }
    if (--failCount == 0) {
      failErrno = null;
    }
    String m = failMessage;
    if (m != null) {
      IoVec errmsg = iov[iov.length - 1];
      byte[] b = errmsg.base();
      byte[] text = (m + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      if (b != null) {
        System.arraycopy(text, 0, b, 0, Math.min(text.length, b.length));
      }
    }
    throw new SyscallException(syscall, e);
  }

  @Override
  public int set(IoVec[] iov, int flags) throws SyscallException {
    record("jail_set", iov, flags);
    maybeFail("jail_set", iov);
    return jid;
  }

  @Override
  public int get(IoVec[] iov, int flags) throws SyscallException {
    record("jail_get", iov, flags);
    maybeFail("jail_get", iov);
    beforeGet.run();
    for (int i = 0; i + 1 < iov.length; i += 2) {
      String name = ParamCodec.cString(iov[i].bytes());
      byte[] value = stored.get(name);
      if (value == null) {
        continue; // keys and errmsg
      }
      IoVec v = iov[i + 1];
      byte[] base = v.base();
      if (base == null || v.length() == 0) {
        v.setLength(value.length);
        continue;
      }
      if (base.length < value.length) {
        throw new SyscallException("jail_get", Errno.EINVAL);
      }
      System.arraycopy(value, 0, base, 0, value.length);
      v.setLength(value.length);
    }
    return jid;
  }

  @Override
  public void remove(int jid) {}

  @Override
  public void attach(int jid) {}

  @Override
  public Optional<KernelParam> param(String name) {
    return Optional.ofNullable(published.get(name));
  }

  @Override
  public List<KernelParam> params() {
    return List.copyOf(published.values());
  }

  @Override
  public HostCapabilities capabilities() {
    return new HostCapabilities(
        FreeBsdVersion.V14, 1403000, "14.3-RELEASE", true, false, Set.of(), published.keySet());
  }
}
