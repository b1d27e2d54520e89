package org.jail4j.testkit;

import java.util.Objects;
import org.jail4j.spi.HostSystem;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.JailProvider;
import org.jail4j.spi.ProviderSupport;

/**
 * The testkit's provider: a {@link FakeJailKernel} and a {@link FakeHostSystem}. It never offers
 * itself for {@code JailHost.local()} on its own; select it with {@code -Djail4j.provider=fake} or
 * use it directly.
 *
 * <pre>{@code
 * FakeJailProvider fake = new FakeJailProvider();
 * JailHost host = JailHost.using(fake);
 * fake.fakeHost().onCommand("make", CommandResult.exit(0));
 * }</pre>
 */
public final class FakeJailProvider implements JailProvider {

  /** The provider's name, for {@code -Djail4j.provider=fake}. */
  public static final String NAME = "fake";

  private final FakeJailKernel kernel;
  private final FakeHostSystem host;

  /** A fresh fake: {@link FakeJailKernel#create()} and a {@link FakeHostSystem} over it. */
  public FakeJailProvider() {
    this(FakeJailKernel.create());
  }

  /**
   * A provider over this kernel with a new {@link FakeHostSystem}.
   *
   * @param kernel the kernel
   */
  public FakeJailProvider(FakeJailKernel kernel) {
    this(kernel, new FakeHostSystem(kernel));
  }

  /**
   * A provider over this kernel and host.
   *
   * @param kernel the kernel
   * @param host the host system; must run on {@code kernel}
   */
  public FakeJailProvider(FakeJailKernel kernel, FakeHostSystem host) {
    this.kernel = Objects.requireNonNull(kernel, "kernel");
    this.host = Objects.requireNonNull(host, "host");
    if (host.kernel() != kernel) {
      throw new IllegalArgumentException(
          "the FakeHostSystem runs on another FakeJailKernel; pass the kernel it was made with");
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 0;
  }

  /** Always no: a fake must never be picked for real work by accident. */
  @Override
  public ProviderSupport support() {
    return ProviderSupport.no(
        "a test double: select it with -Djail4j.provider=fake or JailHost.using(new"
            + " FakeJailProvider())");
  }

  @Override
  public JailKernel kernel() {
    return kernel;
  }

  @Override
  public HostSystem hostSystem() {
    return host;
  }

  /**
   * The provider a JVM running as root inside jail {@code jid} would get: on FreeBSD, what {@code
   * JailHost.local()} gives a jailed JVM (the native provider, whose system calls the kernel
   * answers for a process in that jail). Its kernel is {@link FakeJailKernel#asProcessIn(int)} and
   * its host {@link FakeHostSystem#asProcessIn(int)}: jails it creates are children of {@code jid},
   * named and found relative to it and limited by its {@code children.max}; mount targets and jail
   * paths are inside its root ({@code /sub} is {@code <jail path>/sub} on the host) and mounting
   * needs its {@code allow.mount} and {@code allow.mount.FS} with {@code enforce_statfs} below 2
   * ({@code EPERM} otherwise); interfaces and aliases cannot be configured from a non-vnet jail
   * ({@code EPERM}); its commands run in the jail. All of it happens on this provider's kernel and
   * host, so their journals and {@code @FakeJails}' leak checks cover it.
   *
   * <pre>{@code
   * RunningJail parent = host.start(Jail.builder().name("build").path("/jails/build")
   *     .persist(true).param(JailParam.CHILDREN_MAX, 4).build());
   * JailHost inside = JailHost.using(provider.inJail(parent.jid()));
   * try (RunningJail child = inside.start(Jail.builder().name("job1").path("/job1")
   *     .persist(true).build())) {
   *   // the host sees build.job1 at /jails/build/job1
   * }
   * }</pre>
   *
   * @param jid a live jail
   * @return the provider, named {@code fake} like this one, and as unselectable
   * @throws IllegalArgumentException when no live jail has that JID
   */
  public JailProvider inJail(int jid) {
    JailKernel view = kernel.asProcessIn(jid);
    HostSystem system = host.asProcessIn(jid);
    return new JailProvider() {
      @Override
      public String name() {
        return NAME;
      }

      @Override
      public int priority() {
        return 0;
      }

      @Override
      public ProviderSupport support() {
        return FakeJailProvider.this.support();
      }

      @Override
      public JailKernel kernel() {
        return view;
      }

      @Override
      public HostSystem hostSystem() {
        return system;
      }

      @Override
      public String toString() {
        return "FakeJailProvider[in jail " + jid + ", " + kernel + "]";
      }
    };
  }

  /** The fake kernel, for inspection and fault injection. */
  public FakeJailKernel fakeKernel() {
    return kernel;
  }

  /** The fake host, for handlers, inspection and fault injection. */
  public FakeHostSystem fakeHost() {
    return host;
  }

  @Override
  public String toString() {
    return "FakeJailProvider[" + kernel + "]";
  }
}
