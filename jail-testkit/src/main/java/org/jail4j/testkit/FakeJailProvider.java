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
