package org.jail4j.oci.internal;

import java.util.List;
import java.util.Map;
import org.jail4j.Jail;
import org.jail4j.oci.OciDevice;

/**
 * The parts of an {@code OciConfig} that the reader produces and the writer consumes, so that the
 * internal code never depends on the public record (which depends on it).
 *
 * @param jail the jail
 * @param devices {@code freebsd.devices}, in order
 * @param env {@code process.env}
 * @param cwd {@code process.cwd}
 * @param terminal {@code process.terminal}
 * @param annotations annotations outside jail4j's namespace
 */
public record ConfigParts(
    Jail jail,
    List<OciDevice> devices,
    List<String> env,
    String cwd,
    boolean terminal,
    Map<String, String> annotations) {

  /** The OCI runtime-spec version jail4j writes. */
  public static final String OCI_VERSION = "1.3.0";

  /** The annotation namespace jail4j writes and reads back. */
  public static final String ANNOTATION_PREFIX = "org.jail4j.";

  /** Copies the lists. */
  public ConfigParts {
    devices = List.copyOf(devices);
    env = List.copyOf(env);
    annotations = Map.copyOf(annotations);
  }
}
