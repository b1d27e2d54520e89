package org.jail4j.freebsd.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jail4j.Errno;
import org.jail4j.FreeBsdVersion;
import org.jail4j.HostCapabilities;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.KernelParam;
import org.jail4j.spi.RctlCall;
import org.jail4j.spi.SyscallException;
import org.jspecify.annotations.Nullable;

/**
 * A JailKernel that records what reaches it and answers as a test says: for checking the bytes the
 * emulated libc hands over, independently of any kernel rule.
 */
public final class ScriptedKernel implements JailKernel {
  final List<String> calls = new ArrayList<>();
  final List<List<byte[]>> received = new ArrayList<>();
  final List<List<Integer>> receivedLengths = new ArrayList<>();
  final List<Integer> receivedFlags = new ArrayList<>();
  @Nullable Errno failWith;
  @Nullable String errmsg;

  /** When set, only calls whose iovec it accepts fail with {@link #failWith}. */
  java.util.function.@Nullable Predicate<IoVec[]> failOnly;

  Consumer<IoVec[]> onGet = iov -> {};
  int answer = 7;
  String rctlAnswer = "";
  public FreeBsdVersion version = FreeBsdVersion.V14;
  boolean racct = true;
  List<KernelParam> params =
      List.of(
          new KernelParam("jid", "I", 2, KernelParam.Access.RDTUN, 0),
          new KernelParam("name", "A", 3, KernelParam.Access.RW, 256),
          new KernelParam("path", "A", 3, KernelParam.Access.RDTUN, 1024),
          new KernelParam("host", "E,jailsys", 2, KernelParam.Access.RW, 0),
          new KernelParam("host.hostname", "A", 3, KernelParam.Access.RW, 256),
          new KernelParam("host.hostid", "LU", 8, KernelParam.Access.RW, 0),
          new KernelParam("ip4", "E,jailsys", 2, KernelParam.Access.RDTUN, 0),
          new KernelParam("ip4.addr", "S,in_addr,a", 5, KernelParam.Access.RW, 4),
          new KernelParam("ip6.addr", "S,in6_addr,a", 5, KernelParam.Access.RW, 16),
          new KernelParam("dying", "B", 2, KernelParam.Access.RD, 0),
          new KernelParam("persist", "B", 2, KernelParam.Access.RW, 0),
          new KernelParam("allow.mount", "B", 2, KernelParam.Access.RW, 0),
          new KernelParam("allow.mount.devfs", "B", 2, KernelParam.Access.RW, 0),
          new KernelParam("allow.mount.zfs", "B", 2, KernelParam.Access.RW, 0),
          new KernelParam("zfs", "E,jailsys", 2, KernelParam.Access.RW, 0),
          new KernelParam("zfs.mount_snapshot", "I", 2, KernelParam.Access.RW, 0));

  private void record(String call, IoVec[] iov, int flags) {
    calls.add(call);
    List<byte[]> bytes = new ArrayList<>();
    List<Integer> lengths = new ArrayList<>();
    for (IoVec v : iov) {
      byte[] b = v.base();
      bytes.add(b == null ? null : b.clone());
      lengths.add(v.length());
    }
    received.add(bytes);
    receivedLengths.add(lengths);
    receivedFlags.add(flags);
  }

  private void maybeFail(String call, IoVec[] iov) throws SyscallException {
    Errno e = failWith;
    java.util.function.Predicate<IoVec[]> only = failOnly;
    if (e == null || (only != null && !only.test(iov))) {
      return;
    }
    String msg = errmsg;
    if (msg != null) {
      for (int i = 0; i + 1 < iov.length; i += 2) {
        byte[] n = iov[i].base();
        byte[] v = iov[i + 1].base();
        if (n != null && Sysctl.cString(n).equals("errmsg") && v != null) {
          byte[] m = msg.getBytes(java.nio.charset.StandardCharsets.UTF_8);
          System.arraycopy(m, 0, v, 0, Math.min(m.length, v.length - 1));
          v[Math.min(m.length, v.length - 1)] = 0;
        }
      }
    }
    throw new SyscallException(call, e);
  }

  @Override
  public int set(IoVec[] iov, int flags) throws SyscallException {
    record("jail_set", iov, flags);
    maybeFail("jail_set", iov);
    return answer;
  }

  @Override
  public int get(IoVec[] iov, int flags) throws SyscallException {
    record("jail_get", iov, flags);
    maybeFail("jail_get", iov);
    onGet.accept(iov);
    return answer;
  }

  @Override
  public void remove(int jid) throws SyscallException {
    calls.add("jail_remove " + jid);
    if (failWith != null) {
      throw new SyscallException("jail_remove", failWith);
    }
  }

  @Override
  public void attach(int jid) throws SyscallException {
    calls.add("jail_attach " + jid);
    if (failWith != null) {
      throw new SyscallException("jail_attach", failWith);
    }
  }

  @Override
  public void removeDescriptor(int fd) throws SyscallException {
    calls.add("jail_remove_jd " + fd);
  }

  @Override
  public void attachDescriptor(int fd) throws SyscallException {
    calls.add("jail_attach_jd " + fd);
  }

  @Override
  public void closeDescriptor(int fd) throws SyscallException {
    calls.add("close " + fd);
  }

  @Override
  public Optional<KernelParam> param(String name) {
    return params.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  @Override
  public List<KernelParam> params() {
    return params;
  }

  @Override
  public HostCapabilities capabilities() {
    List<String> names = new ArrayList<>();
    params.forEach(p -> names.add(p.name()));
    return new HostCapabilities(
        version,
        version.firstOsreldate() + 3000,
        version.major() + ".3-RELEASE",
        true,
        racct,
        Set.of("zfs"),
        Set.copyOf(names));
  }

  @Override
  public String rctl(RctlCall call, String argument) throws SyscallException {
    calls.add(call + " " + argument);
    if (!racct) {
      throw new SyscallException("rctl", Errno.ENOSYS);
    }
    return rctlAnswer;
  }
}
