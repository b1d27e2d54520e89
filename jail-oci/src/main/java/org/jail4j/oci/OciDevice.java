package org.jail4j.oci;

/**
 * One entry of {@code freebsd.devices}: a device node, relative to {@code /dev}, that the runtime
 * makes visible in the jail, with its permission bits.
 *
 * <pre>{@code
 * OciDevice pf = new OciDevice("pf", 0700);
 * }</pre>
 *
 * @param path the device path relative to {@code /dev}, e.g. {@code pf}
 * @param mode the permission bits, 0 to 0777 (the JSON carries them in decimal)
 */
public record OciDevice(String path, int mode) {

  /**
   * Checks the device.
   *
   * @throws OciException for an empty or absolute path, or a mode outside 0..0777
   */
  public OciDevice {
    if (path.isEmpty() || path.startsWith("/")) {
      throw new OciException("freebsd.devices.path", "must be a path relative to /dev");
    }
    if (mode < 0 || mode > 0777) {
      throw new OciException(
          "freebsd.devices.mode", mode + " is not a file mode (0 to 511, that is 0777)");
    }
  }
}
