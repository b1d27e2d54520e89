package org.jail4j.spi;

import java.util.Objects;

/**
 * A provider's answer to "can you run jails on this host?", with the reason when not.
 *
 * <pre>{@code
 * ProviderSupport s = ProviderSupport.no("not FreeBSD (os.name is Linux)");
 * }</pre>
 *
 * @param supported whether the provider works here
 * @param reason why (or why not), in words
 */
public record ProviderSupport(boolean supported, String reason) {

  /** Validates the record. */
  public ProviderSupport {
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * A yes.
   *
   * @param reason what was found, e.g. {@code FreeBSD 14.3-RELEASE}
   * @return the answer
   */
  public static ProviderSupport yes(String reason) {
    return new ProviderSupport(true, reason);
  }

  /**
   * A no.
   *
   * @param reason why not
   * @return the answer
   */
  public static ProviderSupport no(String reason) {
    return new ProviderSupport(false, reason);
  }
}
