package org.jail4j.oci;

import java.util.List;

/**
 * An image layout holds no image for the requested platform. The message lists the platforms it
 * does hold, as {@code os/architecture[/variant]}.
 *
 * <pre>{@code
 * try {
 *   layout.image(OciPlatform.freebsd("arm64"));
 * } catch (OciPlatformException e) {
 *   System.err.println("have " + e.available());
 * }
 * }</pre>
 */
public final class OciPlatformException extends OciException {
  private static final long serialVersionUID = 1L;

  private final OciPlatform requested;
  private final List<String> available;

  /**
   * No image for a platform.
   *
   * @param document where the search started, e.g. {@code index.json}
   * @param requested the platform asked for
   * @param available what the layout has, each as {@code os/architecture (digest)}
   */
  public OciPlatformException(String document, OciPlatform requested, List<String> available) {
    super(
        document,
        "no image for "
            + requested
            + "; the layout has "
            + (available.isEmpty() ? "no image manifest" : String.join(", ", available)));
    this.requested = requested;
    this.available = List.copyOf(available);
  }

  /** The platform asked for. */
  public OciPlatform requested() {
    return requested;
  }

  /** The platforms the layout has, each as {@code os/architecture (digest)}. */
  public List<String> available() {
    return available;
  }
}
