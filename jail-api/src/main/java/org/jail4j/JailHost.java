package org.jail4j;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import org.jail4j.spi.HostSystem;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.JailProvider;
import org.jail4j.spi.ProviderSupport;

/**
 * The machine jails live on: a kernel and a host system from one {@link JailProvider}.
 *
 * <p>{@link #local()} finds providers with {@link ServiceLoader}, asks each whether it supports
 * this host, and takes the supported one with the highest priority. The system property {@code
 * jail4j.provider} names a provider to use instead. When none fits, the error names every provider
 * found, why each declined, and which module to add.
 *
 * <pre>{@code
 * JailHost host = JailHost.local();            // the native provider on FreeBSD
 * JailHost fake = JailHost.using(myProvider);  // e.g. the testkit's fake
 * }</pre>
 */
public final class JailHost {

  /** The system property that names the provider {@link #local()} must use. */
  public static final String PROVIDER_PROPERTY = "jail4j.provider";

  private final JailProvider provider;
  private final JailKernel kernel;
  private final HostSystem hostSystem;

  private JailHost(JailProvider provider) {
    this.provider = provider;
    this.kernel = Objects.requireNonNull(provider.kernel(), "provider.kernel()");
    this.hostSystem = Objects.requireNonNull(provider.hostSystem(), "provider.hostSystem()");
  }

  /**
   * The host this JVM runs on, through the best supported provider on the class path or module path
   * (or the one the {@code jail4j.provider} property names).
   *
   * @return the host
   * @throws UnsupportedHostException when no provider supports this host; the message names every
   *     provider found and why it declined
   */
  public static JailHost local() {
    return local(JailHost.class.getClassLoader(), System.getProperty(PROVIDER_PROPERTY));
  }

  /** {@link #local()} with the providers a class loader finds (tests register their own). */
  static JailHost local(ClassLoader loader, @org.jspecify.annotations.Nullable String wanted) {
    return select(ServiceLoader.load(JailProvider.class, loader), wanted);
  }

  /**
   * A host reached through the given provider, whatever its support answer.
   *
   * @param provider the provider
   * @return the host
   */
  public static JailHost using(JailProvider provider) {
    return new JailHost(Objects.requireNonNull(provider, "provider"));
  }

  static JailHost select(
      Iterable<JailProvider> providers, @org.jspecify.annotations.Nullable String wanted) {
    List<JailProvider> found = new ArrayList<>();
    for (JailProvider p : providers) {
      found.add(p);
    }
    found.sort(Comparator.comparingInt(JailProvider::priority).reversed());
    StringBuilder report = new StringBuilder();
    List<JailProvider> supported = new ArrayList<>();
    for (JailProvider p : found) {
      ProviderSupport s;
      try {
        s = p.support();
      } catch (RuntimeException | LinkageError e) {
        s = ProviderSupport.no("support check failed: " + e);
      }
      report
          .append("\n  - ")
          .append(p.name())
          .append(" (")
          .append(p.getClass().getName())
          .append(", priority ")
          .append(p.priority())
          .append("): ")
          .append(s.supported() ? "supported, " : "declined, ")
          .append(s.reason());
      if (s.supported()) {
        supported.add(p);
      }
    }
    if (wanted != null && !wanted.isBlank()) {
      for (JailProvider p : found) {
        if (p.name().equals(wanted) || p.getClass().getName().equals(wanted)) {
          return new JailHost(p);
        }
      }
      throw new UnsupportedHostException(
          "JailHost.local",
          "the system property "
              + PROVIDER_PROPERTY
              + "="
              + wanted
              + " names no provider on the class path; providers found:"
              + (found.isEmpty() ? " none" : report.toString()));
    }
    if (!supported.isEmpty()) {
      return new JailHost(supported.get(0));
    }
    throw new UnsupportedHostException(
        "JailHost.local",
        "no jail provider supports this host (os.name="
            + System.getProperty("os.name")
            + "); providers found:"
            + (found.isEmpty() ? " none" : report.toString())
            + "\nTo run jails on FreeBSD, add org.jail4j:jail-native-freebsd (module"
            + " org.jail4j.freebsd). To test anywhere, add org.jail4j:jail-testkit (module"
            + " org.jail4j.testkit) and select its fake with -D"
            + PROVIDER_PROPERTY
            + "=fake or JailHost.using(new FakeJailProvider()).");
  }

  /** The provider behind this host. */
  public JailProvider provider() {
    return provider;
  }

  /** The byte-level kernel. */
  public JailKernel kernel() {
    return kernel;
  }

  /** The host system: mounts, aliases, commands, jexec. */
  public HostSystem hostSystem() {
    return hostSystem;
  }

  /** What this host's kernel can do: version, VIMAGE, RACCT, modules, parameters. */
  public HostCapabilities capabilities() {
    return kernel.capabilities();
  }

  @Override
  public String toString() {
    return "JailHost[" + provider.name() + "]";
  }
}
