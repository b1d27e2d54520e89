package org.jail4j.freebsd;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import org.jail4j.FreeBsdVersion;
import org.jail4j.UnsupportedHostException;
import org.jail4j.freebsd.internal.LibcBinding;
import org.jail4j.freebsd.internal.NativeHostSystem;
import org.jail4j.freebsd.internal.NativeJailKernel;
import org.jail4j.freebsd.internal.ProcessStarter;
import org.jail4j.freebsd.internal.Sysctl;
import org.jail4j.spi.HostSystem;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.JailProvider;
import org.jail4j.spi.ProviderSupport;
import org.jail4j.spi.SyscallException;
import org.jspecify.annotations.Nullable;

/**
 * The native FreeBSD provider ({@code freebsd}, priority 100): jail_set(2), jail_get(2),
 * jail_remove(2) and sysctl through jnr-ffi, mounts through nmount(2), commands in jails through
 * jexec(8). {@code JailHost.local()} picks it on FreeBSD.
 *
 * <p>Native code is loaded lazily, as jnr-posix does: {@link #support()} first checks {@code
 * os.name} and on any other OS declines with the reason without loading jnr's stub or libc; on
 * FreeBSD it loads libc and reads {@code kern.osreldate}, which chooses the 13, 14 or 15 behaviour
 * (jail descriptors only on 15).
 *
 * <pre>{@code
 * JailProvider p = new FreeBsdJailProvider();
 * if (p.support().supported()) {
 *   JailHost host = JailHost.using(p);
 * }
 * }</pre>
 */
public final class FreeBsdJailProvider implements JailProvider {
  /** The provider's name, for {@code -Djail4j.provider=freebsd}. */
  public static final String NAME = "freebsd";

  /** Above every test double. */
  public static final int PRIORITY = 100;

  private final String osName;
  private final Supplier<LibcBinding> loader;
  private final Object lock = new Object();
  private volatile @Nullable Loaded loaded;

  private record Loaded(NativeJailKernel kernel, NativeHostSystem hostSystem) {}

  /** The provider for this JVM's host, as {@link java.util.ServiceLoader} creates it. */
  public FreeBsdJailProvider() {
    this(System.getProperty("os.name", ""), LibcBinding::load);
  }

  /**
   * A provider that believes it runs on {@code osName} and reaches libc through {@code loader}
   * (tests give an emulated libc).
   *
   * @param osName what {@code os.name} says
   * @param loader loads the libc binding; called at most once, and only on FreeBSD
   */
  FreeBsdJailProvider(String osName, Supplier<LibcBinding> loader) {
    this.osName = Objects.requireNonNull(osName, "osName");
    this.loader = Objects.requireNonNull(loader, "loader");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return PRIORITY;
  }

  /** True when {@code os.name} names FreeBSD. */
  boolean onFreeBsd() {
    return osName.toLowerCase(Locale.ROOT).startsWith("freebsd");
  }

  /** Whether libc has been loaded (never before {@link #support()} said this is FreeBSD). */
  boolean nativeLoaded() {
    return loaded != null;
  }

  @Override
  public ProviderSupport support() {
    if (!onFreeBsd()) {
      return ProviderSupport.no(
          "not FreeBSD (os.name is \""
              + osName
              + "\"); the native provider needs a FreeBSD 13, 14 or 15 kernel. Use the testkit's"
              + " FakeJailProvider elsewhere");
    }
    try {
      NativeJailKernel kernel = load().kernel();
      Sysctl sysctl = kernel.sysctl();
      int osreldate = sysctl.readInt("kern.osreldate").orElse(0);
      String osrelease = sysctl.readString("kern.osrelease").orElse("unknown release");
      if (osreldate == 0) {
        return ProviderSupport.no("FreeBSD, but kern.osreldate could not be read");
      }
      FreeBsdVersion v = kernel.version();
      return ProviderSupport.yes(
          "FreeBSD "
              + osrelease
              + " (kern.osreldate "
              + osreldate
              + ", FreeBSD "
              + v.major()
              + " behaviour"
              + (v.hasJailDescriptors() ? ", jail descriptors" : "")
              + (kernel.isJailed() ? ", in a jail: the family from kern.version" : "")
              + ")");
    } catch (RuntimeException | LinkageError | SyscallException e) {
      return ProviderSupport.no("FreeBSD, but libc could not be reached through jnr-ffi: " + e);
    }
  }

  private Loaded load() {
    Loaded l = loaded;
    if (l != null) {
      return l;
    }
    synchronized (lock) {
      l = loaded;
      if (l == null) {
        if (!onFreeBsd()) {
          throw new UnsupportedHostException(
              "FreeBsdJailProvider", "not FreeBSD (os.name is \"" + osName + "\")");
        }
        LibcBinding binding = loader.get();
        l = new Loaded(binding.kernel(), binding.hostSystem(ProcessStarter.PROCESS_BUILDER));
        loaded = l;
      }
      return l;
    }
  }

  @Override
  public JailKernel kernel() {
    return load().kernel();
  }

  @Override
  public HostSystem hostSystem() {
    return load().hostSystem();
  }

  @Override
  public String toString() {
    return "FreeBsdJailProvider[" + osName + (nativeLoaded() ? ", loaded" : "") + "]";
  }
}
