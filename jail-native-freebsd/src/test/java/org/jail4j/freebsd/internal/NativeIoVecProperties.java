package org.jail4j.freebsd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import jnr.ffi.Runtime;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.SyscallException;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Properties of the native pipe: whatever iovec a caller builds (null bases, empty and odd-sized
 * values, any bytes), the kernel on the other side of native memory receives exactly those bytes
 * and lengths, and whatever a successful jail_get writes (values and shorter lengths) comes back
 * exactly. QuickTheories shrinks a failing case to the smallest array.
 */
class NativeIoVecProperties {
  private final Runtime runtime = Runtime.getSystemRuntime();

  /** Entry lengths (-1: a NULL base) and a seed for their bytes. */
  private static Gen<List<Integer>> shapes() {
    return lists().of(integers().between(-1, 64)).ofSizeBetween(0, 24);
  }

  private static IoVec[] build(List<Integer> shape, long seed) {
    Random random = new Random(seed);
    IoVec[] iov = new IoVec[shape.size()];
    for (int i = 0; i < iov.length; i++) {
      int n = shape.get(i);
      if (n < 0) {
        iov[i] = IoVec.empty();
      } else {
        byte[] b = new byte[n];
        random.nextBytes(b);
        // names must not look like "errmsg", so that no pair is taken for the caller's errmsg
        if (n > 0) {
          b[0] = (byte) ('a' + (i % 2));
        }
        iov[i] = IoVec.of(b);
      }
    }
    return iov;
  }

  @Test
  void theKernelReceivesExactlyTheCallersBytesAndLengths() {
    qt().forAll(shapes(), integers().all())
        .checkAssert(
            (shape, seed) -> {
              IoVec[] iov = build(shape, seed);
              ScriptedKernel kernel = new ScriptedKernel();
              try {
                new EmulatedLibc(kernel, runtime).binding().kernel().set(iov, 0);
              } catch (SyscallException e) {
                throw new AssertionError(e);
              }
              List<byte[]> got = kernel.received.get(0);
              List<Integer> lengths = kernel.receivedLengths.get(0);
              for (int i = 0; i < iov.length; i++) {
                assertThat(lengths.get(i)).as("iov_len[%d]", i).isEqualTo(iov[i].length());
                byte[] base = iov[i].base();
                if (base == null) {
                  assertThat(got.get(i)).as("iov_base[%d]", i).isNull();
                } else {
                  assertThat(got.get(i)).as("bytes[%d]", i).isEqualTo(base);
                }
              }
              boolean appended = iov.length % 2 == 0;
              assertThat(got).hasSize(iov.length + (appended ? 2 : 0));
            });
  }

  @Test
  void whatJailGetWritesComesBackExactly() {
    qt().forAll(shapes(), integers().all())
        .checkAssert(
            (shape, seed) -> {
              IoVec[] iov = build(shape, seed);
              List<byte[]> written = new ArrayList<>();
              List<Integer> writtenLengths = new ArrayList<>();
              ScriptedKernel kernel = new ScriptedKernel();
              Random random = new Random(~seed);
              kernel.onGet =
                  in -> {
                    for (int i = 0; i < iov.length; i++) {
                      byte[] b = in[i].base();
                      if (b == null) {
                        int probe = random.nextInt(100);
                        in[i].setLength(probe);
                        written.add(null);
                        writtenLengths.add(probe);
                      } else {
                        random.nextBytes(b);
                        int len = b.length == 0 ? 0 : random.nextInt(b.length + 1);
                        in[i].setLength(len);
                        written.add(b.clone());
                        writtenLengths.add(len);
                      }
                    }
                  };
              try {
                new EmulatedLibc(kernel, runtime).binding().kernel().get(iov, 0);
              } catch (SyscallException e) {
                throw new AssertionError(e);
              }
              for (int i = 0; i < iov.length; i++) {
                assertThat(iov[i].length()).as("iov_len[%d]", i).isEqualTo(writtenLengths.get(i));
                byte[] expected = written.get(i);
                if (expected == null) {
                  assertThat(iov[i].base()).isNull();
                } else {
                  int len = writtenLengths.get(i);
                  assertThat(Arrays.copyOf(iov[i].base(), len))
                      .as("value[%d]", i)
                      .isEqualTo(Arrays.copyOf(expected, len));
                }
              }
            });
  }
}
