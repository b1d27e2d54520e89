package org.jail4j.testkit;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.jail4j.FreeBsdVersion;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.SyscallException;

/**
 * Arbitrary iovecs (names known and unknown, values of any size, NULL bases, lengths beyond the
 * buffer) and flags against jail_set and jail_get: the kernel answers with an errno or a JID, never
 * with another exception, and its invariants hold afterwards (§2 transport rules).
 */
class FakeKernelIovecFuzz {
  private static final List<String> NAMES =
      List.of(
          "name",
          "jid",
          "persist",
          "nopersist",
          "path",
          "host.hostname",
          "ip4.addr",
          "ip6.addr",
          "ip4",
          "vnet",
          "securelevel",
          "children.max",
          "allow.mount",
          "allow.nomount",
          "lastjid",
          "desc",
          "meta",
          "meta.k",
          "errmsg",
          "dying",
          "osrelease",
          "devfs_ruleset");

  @FuzzTest(maxDuration = "30s")
  void arbitraryIovecsNeverBreakTheKernel(FuzzedDataProvider data) {
    FreeBsdVersion version =
        List.of(FreeBsdVersion.V13, FreeBsdVersion.V14, FreeBsdVersion.V15)
            .get(data.consumeInt(0, 2));
    FakeJailKernel kernel = Kernels.v(version);
    for (int round = 0; round < 3 && data.remainingBytes() > 0; round++) {
      IoVec[] iov = new IoVec[data.consumeInt(0, 12)];
      for (int i = 0; i < iov.length; i++) {
        iov[i] = i % 2 == 0 ? name(data) : value(data);
      }
      int flags = data.consumeInt(0, 0x1ff);
      try {
        kernel.set(iov, flags);
      } catch (SyscallException expected) {
        // any errno is a valid answer
      }
      try {
        kernel.get(iov, flags & 0xf8);
      } catch (SyscallException expected) {
        // any errno is a valid answer
      }
      kernel.checkInvariants();
    }
  }

  private static IoVec name(FuzzedDataProvider data) {
    if (data.consumeBoolean()) {
      return IoVec.name(NAMES.get(data.consumeInt(0, NAMES.size() - 1)));
    }
    byte[] raw = data.consumeBytes(data.consumeInt(0, 16));
    return IoVec.raw(raw, data.consumeInt(0, raw.length + 2));
  }

  private static IoVec value(FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 3)) {
      case 0 -> IoVec.empty();
      case 1 -> IoVec.of(data.consumeBytes(data.consumeInt(0, 40)));
      case 2 -> IoVec.raw(data.consumeBoolean() ? null : new byte[2], data.consumeInt(-1, 8));
      default -> IoVec.string(data.consumeString(20));
    };
  }
}
