package org.jail4j;

import java.lang.reflect.Proxy;
import org.jail4j.spi.HostSystem;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.JailProvider;
import org.jail4j.spi.ProviderSupport;

/**
 * Providers that discovery tests register through {@code META-INF/services} files under {@code
 * org/jail4j/providers/} and {@code org/jail4j/declining-only/} (test resources, reached with their
 * own class loader so that no other test sees them).
 */
public final class TestProviders {
  private TestProviders() {}

  private static <T> T unused(Class<T> type) {
    return type.cast(
        Proxy.newProxyInstance(
            TestProviders.class.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              throw new UnsupportedOperationException(method.getName() + " is not used here");
            }));
  }

  /** Shared shape: a name, a priority, an answer. */
  public abstract static class Base implements JailProvider {
    private final JailKernel kernel = unused(JailKernel.class);
    private final HostSystem host = unused(HostSystem.class);

    @Override
    public JailKernel kernel() {
      return kernel;
    }

    @Override
    public HostSystem hostSystem() {
      return host;
    }
  }

  /** Declines: the highest priority, but not for this host. */
  public static final class Declining extends Base {
    @Override
    public String name() {
      return "declining";
    }

    @Override
    public int priority() {
      return 200;
    }

    @Override
    public ProviderSupport support() {
      return ProviderSupport.no("not FreeBSD (os.name is Linux)");
    }
  }

  /** Supported, low priority. */
  public static final class SupportedLow extends Base {
    @Override
    public String name() {
      return "low";
    }

    @Override
    public int priority() {
      return 10;
    }

    @Override
    public ProviderSupport support() {
      return ProviderSupport.yes("always");
    }
  }

  /** Supported, higher priority. */
  public static final class SupportedHigh extends Base {
    @Override
    public String name() {
      return "high";
    }

    @Override
    public int priority() {
      return 100;
    }

    @Override
    public ProviderSupport support() {
      return ProviderSupport.yes("FreeBSD 14.3-RELEASE");
    }
  }

  /** Its support check throws; discovery must report it as declined, not crash. */
  public static final class Failing extends Base {
    @Override
    public String name() {
      return "failing";
    }

    @Override
    public int priority() {
      return 50;
    }

    @Override
    public ProviderSupport support() {
      throw new IllegalStateException("native library missing");
    }
  }
}
