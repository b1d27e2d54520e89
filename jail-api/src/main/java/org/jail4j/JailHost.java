package org.jail4j;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.jail4j.lifecycle.internal.Lifecycle;
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
  private final Lifecycle lifecycle;

  private JailHost(JailProvider provider) {
    this.provider = provider;
    this.kernel = Objects.requireNonNull(provider.kernel(), "provider.kernel()");
    this.hostSystem = Objects.requireNonNull(provider.hostSystem(), "provider.hostSystem()");
    this.lifecycle = new Lifecycle(kernel, hostSystem);
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
    StringBuilder report = new StringBuilder();
    Iterator<JailProvider> it = providers.iterator();
    for (int broken = 0; broken <= MAX_BROKEN_REGISTRATIONS; ) {
      JailProvider p;
      try {
        if (!it.hasNext()) {
          break;
        }
        p = it.next();
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        // A broken META-INF/services entry (missing class, wrong type, failing constructor) is
        // one more declined provider; ServiceLoader goes on with the next entry.
        broken++;
        report.append("\n  - unloadable provider registration: declined, ").append(e.getMessage());
        continue;
      }
      found.add(p);
    }
    found.sort(Comparator.comparingInt(JailHost::priorityOf).reversed());
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
          .append(nameOf(p))
          .append(" (")
          .append(p.getClass().getName())
          .append(", priority ")
          .append(priorityOf(p))
          .append("): ")
          .append(s.supported() ? "supported, " : "declined, ")
          .append(s.reason());
      if (s.supported()) {
        supported.add(p);
      }
    }
    if (wanted != null && !wanted.isBlank()) {
      for (JailProvider p : found) {
        if (nameOf(p).equals(wanted) || p.getClass().getName().equals(wanted)) {
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
            + advice(found));
  }

  /** The provider names of jail4j's own modules, as their {@code name()} answers. */
  private static final String NATIVE_NAME = "freebsd";

  private static final String FAKE_NAME = "fake";

  /**
   * What to do, naming only what is missing: the module of a provider that was not found, and how
   * to select the fake (which declines unless asked for) when it is there.
   */
  private static String advice(List<JailProvider> found) {
    boolean hasNative = found.stream().anyMatch(p -> nameOf(p).equals(NATIVE_NAME));
    boolean hasFake = found.stream().anyMatch(p -> nameOf(p).equals(FAKE_NAME));
    StringBuilder sb = new StringBuilder();
    if (!hasNative) {
      sb.append("\nTo run jails on FreeBSD, add org.jail4j:jail-native-freebsd (module")
          .append(" org.jail4j.freebsd).");
    }
    String select =
        "-D" + PROVIDER_PROPERTY + "=" + FAKE_NAME + " or JailHost.using(new FakeJailProvider()).";
    if (hasFake) {
      sb.append(hasNative ? "\n" : " ")
          .append("To test anywhere, select the fake (it is on the class path) with ")
          .append(select);
    } else {
      sb.append(hasNative ? "\n" : " ")
          .append("To test anywhere, add org.jail4j:jail-testkit (module org.jail4j.testkit) and")
          .append(" select its fake with ")
          .append(select);
    }
    return sb.toString();
  }

  /** Broken registrations reported before the search gives up on a looping iterator. */
  private static final int MAX_BROKEN_REGISTRATIONS = 100;

  private static int priorityOf(JailProvider p) {
    try {
      return p.priority();
    } catch (RuntimeException | LinkageError e) {
      return Integer.MIN_VALUE;
    }
  }

  private static String nameOf(JailProvider p) {
    try {
      return p.name();
    } catch (RuntimeException | LinkageError e) {
      return p.getClass().getName() + " (name() failed: " + e + ")";
    }
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

  Lifecycle lifecycle() {
    return lifecycle;
  }

  // ---- the jail(8) lifecycle --------------------------------------------------------------

  /**
   * Creates and starts a jail in jail(8)'s order (freebsd-jail-abi.md §6.3): address aliases,
   * mounts, {@code exec.prestart}, path checks and {@code jail_set(JAIL_CREATE)} (with a temporary
   * {@code persist} while start commands run), rctl limits, {@code exec.created}, the epair and
   * {@code vnet.interface}, {@code exec.start} and {@code command} inside the jail, {@code
   * exec.poststart}, then dropping the temporary {@code persist}. A failing step undoes every
   * earlier one in reverse order.
   *
   * @param jail the jail
   * @return the running jail (for a jail without {@code persist} whose commands have all exited,
   *     already gone, as with jail(8))
   * @throws UnsupportedHostException before anything is done, when the jail needs VIMAGE or RACCT
   *     and the host lacks it
   * @throws JailExistsException when the kernel refuses with EEXIST (likewise {@link
   *     JailPermissionException}, {@link InvalidJailParameterException}, {@link
   *     JailNotFoundException} for their errnos), with the step in {@link
   *     JailException#failedStep()}
   * @throws JailStartException when a step fails otherwise, naming the step, with the command's
   *     output
   */
  public RunningJail start(Jail jail) {
    Objects.requireNonNull(jail, "jail");
    Lifecycle.Started s = lifecycle.start(jail);
    return new RunningJail(this, s.jid(), s.name(), jail, s.transcript());
  }

  /**
   * Starts several jails in {@code depend} order: a jail starts after the jails it depends on. A
   * dependency that is not in the list must already be running. When one fails, the jails this call
   * started are stopped again in reverse order.
   *
   * @param jails the jails, each with a name when others depend on it
   * @return the running jails in the order they were started
   * @throws JailException for a dependency loop or a missing dependency, before anything starts
   * @throws JailStartException when a start fails
   */
  public List<RunningJail> startAll(List<Jail> jails) {
    List<Jail> order = DependencyOrder.startOrder(jails, n -> find(n).isPresent());
    List<RunningJail> started = new ArrayList<>();
    try {
      for (Jail j : order) {
        started.add(start(j));
      }
    } catch (JailException e) {
      for (int i = started.size() - 1; i >= 0; i--) {
        try {
          started.get(i).stop();
        } catch (JailException undo) {
          e.addSuppressed(undo);
        }
      }
      throw e;
    }
    return List.copyOf(started);
  }

  /**
   * Stops several jails in reverse {@code depend} order: a jail stops before the jails it depends
   * on. Every jail is attempted; the first failure is thrown with the others suppressed.
   *
   * @param jails the running jails
   * @throws JailException for a dependency loop, before anything stops
   * @throws JailStopException when a stop fails
   */
  public void stopAll(List<RunningJail> jails) {
    java.util.IdentityHashMap<Jail, RunningJail> byConfig = new java.util.IdentityHashMap<>();
    List<Jail> configs = new ArrayList<>();
    for (RunningJail r : jails) {
      Jail c = r.config().orElseGet(() -> Jail.builder().name(r.name()).build());
      byConfig.put(c, r);
      configs.add(c);
    }
    List<Jail> order = DependencyOrder.startOrder(configs, n -> true);
    JailException first = null;
    for (int i = order.size() - 1; i >= 0; i--) {
      try {
        RunningJail r = byConfig.get(order.get(i));
        if (r != null) {
          r.stop();
        }
      } catch (JailException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /**
   * Stops the jail that a configuration describes, found by its {@code jid} or {@code name}, with
   * the configuration's hooks, mounts and aliases ({@code jail -f jail.conf -r NAME}).
   *
   * @param jail the configuration
   * @throws JailNotFoundException when no such jail runs
   * @throws JailStopException naming the step that failed
   */
  public void stop(Jail jail) {
    RunningJail r =
        jail.jid().isPresent()
            ? get(jail.jid().getAsInt())
            : find(jail.name()
                    .orElseThrow(
                        () ->
                            new InvalidJailParameterException(
                                "stop", null, "name", "a jail to stop needs a name or a jid")))
                .orElseThrow(
                    () ->
                        new JailNotFoundException(
                            "stop", jail.name().orElse(null), "no such jail is running"));
    r.withConfig(jail).stop();
  }

  /**
   * Makes a running jail match a configuration ({@code jail -cmr}): creates it when absent,
   * modifies its writable parameters when it runs, and restarts it when a create-only parameter
   * ({@code path}, {@code vnet}, {@code ip4}, {@code osrelease}, ...) differs.
   *
   * @param jail the configuration; needs a name (or jid) to find the jail by
   * @return the running jail (a new one after a create or restart)
   */
  public RunningJail apply(Jail jail) {
    Optional<JailInfo> current =
        jail.jid().isPresent()
            ? new JailQuery(kernel).byJid(jail.jid().getAsInt(), false)
            : jail.name().flatMap(n -> new JailQuery(kernel).byName(n));
    if (current.isEmpty()) {
      return start(jail);
    }
    JailInfo info = current.get();
    RunningJail running = new RunningJail(this, info.jid(), info.name(), jail, List.of());
    if (Modification.needsRestart(jail, info)) {
      return running.restart();
    }
    Modification.update(kernel, jail, info);
    return running;
  }

  // ---- queries ----------------------------------------------------------------------------

  /**
   * Every live jail visible to this host, in JID order ({@code jls}).
   *
   * @return the jails
   */
  public List<JailInfo> list() {
    return list(false);
  }

  /**
   * Every jail visible to this host, in JID order, with dying ones when asked ({@code jls -d}).
   *
   * @param includeDying true to include jails that are shutting down
   * @return the jails
   */
  public List<JailInfo> list(boolean includeDying) {
    return new JailQuery(kernel).all(includeDying);
  }

  /**
   * The live jail with this name ({@code jls -j NAME}); a numeric text is taken as a JID, as
   * jail_getid(3) does.
   *
   * @param name the name, relative to this host (dotted for children)
   * @return the jail, or empty
   */
  public Optional<RunningJail> find(String name) {
    Objects.requireNonNull(name, "name");
    if (name.matches("[0-9]+")) {
      try {
        return Optional.of(get(Integer.parseInt(name)));
      } catch (JailNotFoundException | NumberFormatException e) {
        return Optional.empty();
      }
    }
    return new JailQuery(kernel)
        .byName(name)
        .map(i -> new RunningJail(this, i.jid(), i.name(), null, List.of()));
  }

  /**
   * The live jail with this JID.
   *
   * @param jid the JID
   * @return the jail
   * @throws JailNotFoundException when there is none
   */
  public RunningJail get(int jid) {
    JailInfo i =
        new JailQuery(kernel)
            .byJid(jid, false)
            .orElseThrow(
                () -> new JailNotFoundException("jail_get", null, "jail " + jid + " not found"));
    return new RunningJail(this, i.jid(), i.name(), null, List.of());
  }

  @Override
  public String toString() {
    return "JailHost[" + provider.name() + "]";
  }
}
