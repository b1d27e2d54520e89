package org.jail4j.root;

/**
 * How {@code /etc/localtime} is made from the zoneinfo file inside the root.
 *
 * <pre>{@code
 * FirstStart.into(root).timeZone("Europe/Berlin", LocalTimeMode.LINK).apply();
 * }</pre>
 */
public enum LocalTimeMode {
  /** A copy of the zoneinfo file (stays valid if {@code /usr/share/zoneinfo} is removed). */
  COPY,
  /** A symbolic link to {@code /usr/share/zoneinfo/ZONE} (follows zoneinfo updates). */
  LINK
}
