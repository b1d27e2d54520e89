package org.jail4j.examples;

import org.jail4j.JailHost;
import org.jail4j.UnsupportedHostException;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.FakeJailProvider;
import org.jail4j.testkit.PathCheck;

/**
 * The host an example runs on: {@link JailHost#local()} when a provider supports this machine,
 * otherwise the testkit's fake, with the reason either way.
 *
 * <pre>{@code
 * ExampleHost chosen = ExampleHost.localOrFake(PathCheck.realFileSystem());
 * System.out.println(chosen.host().provider().name() + ": " + chosen.why());
 * }</pre>
 *
 * @param host the host
 * @param why why this provider was taken
 * @param fallback true when no provider supported the machine and the fake was taken instead
 */
record ExampleHost(JailHost host, String why, boolean fallback) {

  /**
   * The local host, or a fresh fake whose kernel and host check jail paths with {@code paths}.
   *
   * @param paths how the fake checks the directories jails are given
   * @return the host and the reason
   */
  static ExampleHost localOrFake(PathCheck paths) {
    try {
      JailHost local = JailHost.local();
      String why =
          local.provider() instanceof FakeJailProvider
              ? "selected with -D" + JailHost.PROVIDER_PROPERTY + "=fake"
              : local.provider().support().reason();
      return new ExampleHost(local, why, false);
    } catch (UnsupportedHostException e) {
      return onFake(paths, String.valueOf(e.getMessage()));
    }
  }

  /**
   * A fresh fake kernel and host whose jail path checks answer with {@code paths}, taken as the
   * fallback.
   *
   * @param paths how the fake checks the directories jails are given
   * @param why why the fake is taken
   * @return the host and the reason
   */
  static ExampleHost onFake(PathCheck paths, String why) {
    FakeJailKernel kernel = FakeJailKernel.builder().paths(paths).build();
    FakeHostSystem fakeHost = new FakeHostSystem(kernel, paths);
    return new ExampleHost(JailHost.using(new FakeJailProvider(kernel, fakeHost)), why, true);
  }

  /** The fake behind the host, when it is one. */
  static java.util.Optional<FakeJailProvider> fake(JailHost host) {
    return host.provider() instanceof FakeJailProvider f
        ? java.util.Optional.of(f)
        : java.util.Optional.empty();
  }
}
