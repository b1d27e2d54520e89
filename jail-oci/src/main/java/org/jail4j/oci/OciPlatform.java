package org.jail4j.oci;

import java.util.List;

/**
 * The platform an image runs on: an image index entry's {@code platform}, or the {@code os} and
 * {@code architecture} of an image config. FreeBSD images say {@code os} {@code freebsd}; the
 * architectures are Go's names ({@code amd64}, {@code arm64}, {@code riscv64}, ...).
 *
 * <pre>{@code
 * OciPlatform p = OciPlatform.freebsd("amd64");
 * boolean fits = p.matches(descriptor.platform());
 * }</pre>
 *
 * @param os the operating system, e.g. {@code freebsd}
 * @param architecture the CPU architecture, e.g. {@code amd64}
 * @param variant the CPU variant, e.g. {@code v8}, or empty
 * @param osVersion {@code os.version}, or empty
 * @param osFeatures {@code os.features}
 */
public record OciPlatform(
    String os, String architecture, String variant, String osVersion, List<String> osFeatures) {

  /** Copies the list. */
  public OciPlatform {
    osFeatures = List.copyOf(osFeatures);
  }

  /**
   * A FreeBSD platform without variant or version.
   *
   * @param architecture e.g. {@code amd64} or {@code arm64}
   * @return the platform
   */
  public static OciPlatform freebsd(String architecture) {
    return new OciPlatform("freebsd", architecture, "", "", List.of());
  }

  /**
   * True when an image of platform {@code other} fits a request for this one: the same {@code os}
   * and {@code architecture}, and the same {@code variant} when this one names a variant.
   *
   * @param other an image's platform
   * @return whether it fits
   */
  public boolean matches(OciPlatform other) {
    return os.equals(other.os)
        && architecture.equals(other.architecture)
        && (variant.isEmpty() || variant.equals(other.variant));
  }

  /** {@code os/architecture[/variant]}, as container tools print a platform. */
  @Override
  public String toString() {
    return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
  }
}
