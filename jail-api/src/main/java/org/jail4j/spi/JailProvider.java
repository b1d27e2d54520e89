package org.jail4j.spi;

/**
 * A way to reach a jail kernel and a host: the {@link java.util.ServiceLoader} entry through which
 * {@code JailHost.local()} finds providers. Register an implementation in {@code module-info.java}
 * ({@code provides org.jail4j.spi.JailProvider with ...}) and in {@code
 * META-INF/services/org.jail4j.spi.JailProvider}.
 *
 * <p>{@code JailHost.local()} takes the supported provider with the highest {@link #priority()};
 * the system property {@code jail4j.provider} names one to use instead.
 *
 * <pre>{@code
 * public final class MyProvider implements JailProvider {
 *   public String name() { return "mine"; }
 *   public int priority() { return 10; }
 *   public ProviderSupport support() { return ProviderSupport.yes("always"); }
 *   public JailKernel kernel() { return myKernel; }
 *   public HostSystem hostSystem() { return myHost; }
 * }
 * }</pre>
 */
public interface JailProvider {

  /** A short unique name, used by the {@code jail4j.provider} property, e.g. {@code freebsd}. */
  String name();

  /** Higher wins among supported providers: the native FreeBSD provider uses 100, fakes 0. */
  int priority();

  /**
   * Whether this provider works on this host, and why. Must not load native code or fail.
   *
   * @return the answer
   */
  ProviderSupport support();

  /**
   * The kernel; only called when {@link #support()} said yes.
   *
   * @return the kernel
   */
  JailKernel kernel();

  /**
   * The host system; only called when {@link #support()} said yes.
   *
   * @return the host system
   */
  HostSystem hostSystem();
}
