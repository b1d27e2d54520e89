package org.jail4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jail4j.FreeBsdVersion;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.KernelParam;
import org.jail4j.spi.SyscallException;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.PathCheck;

/**
 * Fuzzes the fake kernel's raw {@code jail_set(2)} / {@code jail_get(2)} entry points with
 * arbitrary iovec arrays (names, values, declared lengths that lie, null bases, odd counts, any
 * flags) on FreeBSD 13, 14 and 15: only {@link SyscallException} may come out, and the kernel's
 * invariants hold after every call.
 *
 * <p>The input is read as a small program so that seeds can be written by hand (missing bytes read
 * as zero):
 *
 * <pre>{@code
 * setup byte: bits 0-1 version (13, 14, 15), bit 2 VIMAGE, bit 3 a persistent jail "seed" exists,
 *             bit 4 the calls come from a root process inside "seed"
 * then up to 8 calls:
 *   op byte (bit 0: get instead of set), flags byte (0xff: 4 raw flag bytes follow, else a common
 *   combination), count byte (0xff: 1025 iovecs, one past UIO_MAXIOV), then per iovec a kind byte:
 *   0 a known name, 1 a string value, 2 a 4-byte int, 3 raw bytes with a lying length,
 *   4 a null base with a length, 5 an empty buffer (for get), 6 a raw name without NUL, 7 addresses
 * }</pre>
 *
 * <p>Normal runs replay the seeds under {@code FakeJailKernelFuzzInputs/}; {@code
 * docs/RELIABILITY.md} gives the command that fuzzes for a set time.
 */
class FakeJailKernelFuzz {

  private static final int MAX_CALLS = 8;

  /** Flag combinations a caller would plausibly pass; 0xff in the input gives raw flags. */
  private static final int[] FLAGS = {
    0,
    JailFlags.CREATE,
    JailFlags.UPDATE,
    JailFlags.CREATE | JailFlags.UPDATE,
    JailFlags.CREATE | JailFlags.ATTACH,
    JailFlags.UPDATE | JailFlags.ATTACH,
    JailFlags.DYING,
    JailFlags.UPDATE | JailFlags.DYING,
    JailFlags.CREATE | JailFlags.GET_DESC,
    JailFlags.UPDATE | JailFlags.USE_DESC,
    JailFlags.UPDATE | JailFlags.AT_DESC,
    JailFlags.GET_DESC,
    JailFlags.USE_DESC,
    JailFlags.OWN_DESC | JailFlags.CREATE,
    -1,
    Integer.MIN_VALUE
  };

  /** Every parameter name any version publishes, plus names no kernel knows. */
  private static final List<String> NAMES = names();

  private static final List<String> VALUES =
      List.of(
          "seed",
          "web",
          "seed.child",
          "seed.child.grandchild",
          "",
          "0",
          "1",
          "-1",
          "2147483648",
          "/",
          "/nonexistent",
          "..",
          ".",
          "a..b",
          ".web",
          "web.",
          "*",
          "10.0.0.1",
          "::1",
          "x".repeat(300),
          "k=v",
          "k=v\nk2=v2",
          "\u00e9t\u00e9",
          "new",
          "inherit",
          "disable");

  private static List<String> names() {
    TreeSet<String> all = new TreeSet<>();
    for (FreeBsdVersion v : FreeBsdVersion.values()) {
      for (KernelParam p :
          FakeJailKernel.builder()
              .version(v)
              .modules("zfs", "linux", "sysvmsg", "sysvsem", "sysvshm")
              .build()
              .params()) {
        all.add(p.name());
      }
    }
    all.addAll(
        List.of(
            "",
            "errmsg",
            "nosuch",
            "noname",
            "nopersist",
            "allow.nomount",
            "allow.noset_hostname",
            "nosysvshm",
            "noip4",
            "seed.persist",
            "a.b.c.d"));
    return List.copyOf(all);
  }

  @FuzzTest(maxDuration = "2m")
  void rawSetAndGetOnlyFailWithAnErrnoAndKeepTheInvariants(byte[] data) {
    Input in = new Input(data);
    int setup = in.u8();
    @SuppressWarnings("EnumOrdinal") // a fuzz byte picks one of the versions, in release order
    FreeBsdVersion version = FreeBsdVersion.values()[(setup & 3) % 3];
    FakeJailKernel kernel =
        FakeJailKernel.builder()
            .version(version)
            .vimage((setup & 4) != 0)
            .modules("linux", "sysvshm")
            .paths(PathCheck.anyDirectory())
            .build();
    JailKernel caller = kernel;
    if ((setup & 8) != 0) {
      int seed = createSeed(kernel);
      if ((setup & 16) != 0) {
        caller = kernel.asProcessIn(seed);
      }
    }
    for (int call = 0; call < MAX_CALLS && in.remaining() > 0; call++) {
      boolean get = (in.u8() & 1) != 0;
      int flags = flags(in);
      IoVec[] iov = iovecs(in);
      try {
        if (get) {
          caller.get(iov, flags);
        } else {
          caller.set(iov, flags);
        }
      } catch (SyscallException e) {
        assertThat(e.errno()).isNotNull();
      }
      kernel.checkInvariants();
    }
  }

  private static int createSeed(FakeJailKernel kernel) {
    IoVec[] iov = {
      IoVec.name("name"), IoVec.string("seed"),
      IoVec.name("persist"), IoVec.empty(),
      IoVec.name("children.max"), IoVec.of(intBytes(4)),
      IoVec.name("errmsg"), IoVec.buffer(JailFlags.ERRMSG_LEN)
    };
    try {
      return kernel.set(iov, JailFlags.CREATE);
    } catch (SyscallException e) {
      throw new AssertionError("the seed jail must be creatable: " + e.getMessage(), e);
    }
  }

  private static int flags(Input in) {
    int b = in.u8();
    return b == 0xff ? in.i32() : FLAGS[b % FLAGS.length];
  }

  private static IoVec[] iovecs(Input in) {
    int b = in.u8();
    if (b == 0xff) {
      IoVec[] many = new IoVec[JailFlags.UIO_MAXIOV + 1];
      for (int i = 0; i < many.length; i++) {
        many[i] = i % 2 == 0 ? IoVec.name("persist") : IoVec.empty();
      }
      return many;
    }
    int count = b % 40;
    List<IoVec> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(iovec(in));
    }
    return list.toArray(new IoVec[0]);
  }

  private static IoVec iovec(Input in) {
    switch (in.u8() % 8) {
      case 0:
        return IoVec.name(NAMES.get(in.u8() % NAMES.size()));
      case 1:
        return IoVec.string(VALUES.get(in.u8() % VALUES.size()));
      case 2:
        return IoVec.of(intBytes(in.i32()));
      case 3:
        {
          byte[] bytes = in.bytes(in.u8());
          return IoVec.raw(bytes, bytes.length + (byte) in.u8());
        }
      case 4:
        return IoVec.raw(null, (short) in.u16());
      case 5:
        return IoVec.buffer(in.u8() * 4);
      case 6:
        return IoVec.of(in.bytes(in.u8() % 64));
      default:
        {
          int n = in.u8();
          int size = (n & 0x80) != 0 ? 16 : 4;
          return IoVec.of(in.bytes((n & 7) * size));
        }
    }
  }

  private static byte[] intBytes(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
  }

  /** Reads the input front to back; past its end every byte reads as zero. */
  private static final class Input {
    private final byte[] data;
    private int pos;

    Input(byte[] data) {
      this.data = data;
    }

    int remaining() {
      return data.length - pos;
    }

    int u8() {
      return pos < data.length ? data[pos++] & 0xff : 0;
    }

    int u16() {
      return (u8() << 8) | u8();
    }

    int i32() {
      return (u16() << 16) | u16();
    }

    byte[] bytes(int n) {
      byte[] b = new byte[n];
      for (int i = 0; i < n; i++) {
        b[i] = (byte) u8();
      }
      return b;
    }
  }
}
