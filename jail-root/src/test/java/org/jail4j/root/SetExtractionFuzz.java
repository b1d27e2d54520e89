package org.jail4j.root;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jail4j.root.internal.Trees;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Fuzzes extraction with arbitrary tar bytes (compressed as a {@code .txz}): whatever the archive
 * holds, extraction either succeeds or fails with a {@link RootException}, and nothing beside the
 * root changes. In normal runs Jazzer replays the committed seeds under {@code
 * SetExtractionFuzzInputs/}: plain, {@code ..}, symlink-then-file, hard link outside, device, pax
 * and GNU long names.
 */
class SetExtractionFuzz {

  @FuzzTest
  void anyArchiveIsRefusedOrStaysInsideTheRoot(byte[] tar) throws IOException {
    Path dir = Files.createTempDirectory("jail4j-fuzz");
    try {
      Path outside = dir.resolve("outside");
      Files.createDirectories(outside);
      Files.writeString(outside.resolve("secret"), "host secret\n");
      Path root = dir.resolve("root");
      Path txz = dir.resolve("set.txz");
      try (OutputStream out = Files.newOutputStream(txz);
          XZOutputStream xz = new XZOutputStream(out, new LZMA2Options(0))) {
        xz.write(tar);
      }
      OutsideWitness witness = OutsideWitness.of(outside);
      try {
        RootBuilder.into(root).set("base", txz).unverified().owners(OwnerPolicy.RECORD).populate();
      } catch (RootException refused) {
        assertThat(refused.operation()).isEqualTo("extract");
      }
      assertThat(witness.now()).isEqualTo(witness.before());
      try (var s = Files.list(dir)) {
        assertThat(s.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder("outside", "root", "set.txz");
      }
    } finally {
      Trees.deleteTree(dir);
    }
  }
}
