package org.jail4j.testkit.transcript;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jail4j.HostCapabilities;
import org.jail4j.spi.JailKernel;
import org.jail4j.testkit.FakeJailKernel;

/**
 * Which kernel answered a transcript's calls, and on what host: where it came from ({@code fake}
 * for the testkit's {@link FakeJailKernel}, {@code freebsd} for a real FreeBSD kernel, {@code
 * other} for any other implementation), {@code kern.osrelease}, {@code kern.osreldate}, {@code
 * hw.machine_arch}, the byte order of int values, VIMAGE, RACCT and the loaded modules.
 *
 * <pre>{@code
 * TranscriptHeader h = TranscriptHeader.of(kernel);
 * String file = h.fileName(); // e.g. fake-15.0-RELEASE-amd64.transcript
 * }</pre>
 *
 * @param source {@code fake}, {@code freebsd} or {@code other}
 * @param osrelease {@code kern.osrelease}
 * @param osreldate {@code kern.osreldate}
 * @param machineArch {@code hw.machine_arch}
 * @param byteOrder {@code little} or {@code big}: how int values were encoded
 * @param vimage whether the kernel has VIMAGE
 * @param racct whether RACCT/RCTL is enabled
 * @param modules the loaded modules that add jail parameters, sorted
 */
public record TranscriptHeader(
    String source,
    String osrelease,
    int osreldate,
    String machineArch,
    String byteOrder,
    boolean vimage,
    boolean racct,
    List<String> modules) {

  /** The sources a header may name. */
  public static final Set<String> SOURCES = Set.of("fake", "freebsd", "other");

  /**
   * Validates the fields.
   *
   * @throws TranscriptFormatException for an unknown source or byte order, or a field with a line
   *     break
   */
  public TranscriptHeader {
    modules = List.copyOf(new TreeSet<>(modules));
    if (!SOURCES.contains(source)) {
      throw new TranscriptFormatException(0, "source", "must be one of fake, freebsd, other");
    }
    if (!byteOrder.equals("little") && !byteOrder.equals("big")) {
      throw new TranscriptFormatException(0, "byte-order", "must be little or big");
    }
    for (String s : List.of(osrelease, machineArch)) {
      if (s.isBlank() || s.chars().anyMatch(c -> c < 0x20 || c >= 0x7f)) {
        throw new TranscriptFormatException(
            0, "header", "kern.osrelease and hw.machine_arch are non-empty printable ASCII");
      }
    }
  }

  /**
   * The header for a kernel on this host: {@code fake} for a {@link FakeJailKernel}, {@code
   * freebsd} for any other kernel when the JVM runs on FreeBSD and the kernel reports the host's
   * release ({@code os.version}), else {@code other}. The machine architecture is the JVM's ({@code
   * os.arch}, with FreeBSD's names {@code amd64}, {@code aarch64}, {@code i386}).
   *
   * @param kernel the kernel (its capabilities give release, VIMAGE, RACCT and modules)
   * @return the header
   */
  public static TranscriptHeader of(JailKernel kernel) {
    HostCapabilities caps = kernel.capabilities();
    String source;
    if (kernel instanceof FakeJailKernel) {
      source = "fake";
    } else if (System.getProperty("os.name", "").equalsIgnoreCase("FreeBSD")
        && caps.osrelease().equals(System.getProperty("os.version", ""))) {
      // the JVM's os.version is the running kernel's kern.osrelease: a kernel that reports
      // another release (an emulation over the fake) is not this host's
      source = "freebsd";
    } else {
      source = "other";
    }
    return new TranscriptHeader(
        source,
        caps.osrelease(),
        caps.osreldate(),
        hostArch(),
        ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? "little" : "big",
        caps.vimage(),
        caps.racct(),
        List.copyOf(caps.modules()));
  }

  private static String hostArch() {
    String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
    switch (arch) {
      case "x86_64":
      case "amd64":
        return "amd64";
      case "arm64":
      case "aarch64":
        return "aarch64";
      case "x86":
      case "i386":
      case "i686":
        return "i386";
      default:
        return arch;
    }
  }

  /**
   * The file name transcripts are committed under: source, release and architecture.
   *
   * @return e.g. {@code freebsd-14.3-RELEASE-amd64.transcript}
   */
  public String fileName() {
    return source
        + "-"
        + osrelease.replaceAll("[^A-Za-z0-9._-]", "_")
        + "-"
        + machineArch
        + ".transcript";
  }

  /** The header as the transcript's first lines (ending with a blank line). */
  String render() {
    return "jail4j-transcript 1\n"
        + "source: "
        + source
        + "\nkern.osrelease: "
        + osrelease
        + "\nkern.osreldate: "
        + osreldate
        + "\nhw.machine_arch: "
        + machineArch
        + "\nbyte-order: "
        + byteOrder
        + "\nvimage: "
        + (vimage ? 1 : 0)
        + "\nracct: "
        + (racct ? 1 : 0)
        + "\nmodules: "
        + String.join(" ", modules)
        + "\n";
  }
}
