package org.jail4j.testkit.junit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jail4j.FreeBsdVersion;
import org.jail4j.JailHost;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.FakeJailProvider;
import org.jail4j.testkit.Journal;
import org.jail4j.testkit.Leftovers;
import org.jail4j.testkit.PathCheck;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The JUnit 5 extension behind {@link FakeJails}: makes the fakes, hands them to parameters and
 * fields, and checks leftovers after each test. Register it through the annotation; it holds no
 * state of its own (everything lives in the extension store), so one instance serves parallel
 * tests.
 *
 * <pre>{@code
 * @ExtendWith(FakeJailsExtension.class)  // same as @FakeJails with its defaults
 * class MyTest { ... }
 * }</pre>
 */
public final class FakeJailsExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FakeJailsExtension.class);

  private static final Set<Class<?>> INJECTABLE =
      Set.of(
          JailHost.class,
          FakeJailKernel.class,
          FakeHostSystem.class,
          FakeJailProvider.class,
          Journal.class);

  private static final String FAKES = "fakes";
  private static final String BASELINE = "baseline";

  /** Creates the extension (JUnit does this). */
  public FakeJailsExtension() {}

  @Override
  public void beforeEach(ExtensionContext context) throws IllegalAccessException {
    Fakes fakes = fakesFor(context);
    context.getStore(NAMESPACE).put(BASELINE, fakes.host.leftovers());
    List<Field> fields = new ArrayList<>();
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      for (Class<?> c = instance.getClass();
          c != null && c != Object.class;
          c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          int mod = f.getModifiers();
          if (INJECTABLE.contains(f.getType())
              && !Modifier.isStatic(mod)
              && !Modifier.isFinal(mod)) {
            fields.add(f);
          }
        }
      }
    }
    if (!fields.isEmpty()
        && context.getTestInstanceLifecycle().orElse(TestInstance.Lifecycle.PER_METHOD)
            == TestInstance.Lifecycle.PER_CLASS
        && context.getExecutionMode() == ExecutionMode.CONCURRENT) {
      throw new ExtensionConfigurationException(
          "@FakeJails cannot set fields "
              + fields.stream().map(Field::getName).toList()
              + " of a @TestInstance(PER_CLASS) class whose tests run concurrently: the tests"
              + " would share one instance; take the fakes as test method parameters instead");
    }
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      for (Field f : fields) {
        if (f.getDeclaringClass().isInstance(instance)) {
          f.setAccessible(true);
          f.set(instance, fakes.value(f.getType()));
        }
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    Fakes fakes = store.get(FAKES, Fakes.class);
    Leftovers baseline = store.get(BASELINE, Leftovers.class);
    if (fakes == null || baseline == null) {
      fakes = sharedFakes(context);
      if (fakes == null || baseline == null) {
        return;
      }
    }
    FakeJails config = fakes.config;
    Leaks mode = config.leaks();
    if (mode == Leaks.IGNORE) {
      return;
    }
    Leftovers left = fakes.host.leftovers().since(baseline);
    if (left.isEmpty()) {
      return;
    }
    String report =
        context.getDisplayName()
            + (config.shared().isEmpty() ? "" : " (shared fake \"" + config.shared() + "\")")
            + ": "
            + left.describe();
    context.publishReportEntry("jail4j.leftovers", report);
    boolean concurrentShared =
        !config.shared().isEmpty() && context.getExecutionMode() == ExecutionMode.CONCURRENT;
    if (mode == Leaks.FAIL && !concurrentShared && context.getExecutionException().isEmpty()) {
      throw new AssertionError(
          "@FakeJails: "
              + report
              + "\n(remove what the test made, or use @FakeJails(leaks = Leaks.WARN))");
    }
    System.err.println("[jail4j] warning: " + report);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return INJECTABLE.contains(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (context.getTestMethod().isEmpty() && config(context).shared().isEmpty()) {
      throw new ParameterResolutionException(
          "@FakeJails makes fresh fakes per test, so a "
              + type.getSimpleName()
              + " cannot be given to "
              + parameter.getDeclaringExecutable()
              + " (a constructor or @BeforeAll/@AfterAll method); take it in the test method or"
              + " @BeforeEach, or share one with @FakeJails(shared = \"name\")");
    }
    return fakesFor(context).value(type);
  }

  private static Fakes fakesFor(ExtensionContext context) {
    FakeJails config = config(context);
    if (!config.shared().isEmpty()) {
      Fakes shared =
          context
              .getRoot()
              .getStore(NAMESPACE)
              .getOrComputeIfAbsent(
                  "shared:" + config.shared(), k -> new Fakes(config), Fakes.class);
      if (!sameKernel(shared.config, config)) {
        throw new ExtensionConfigurationException(
            "@FakeJails(shared = \""
                + config.shared()
                + "\") is used with different kernel settings: first "
                + describe(shared.config)
                + ", now "
                + describe(config)
                + " in "
                + context.getDisplayName());
      }
      return shared;
    }
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(FAKES, k -> new Fakes(config), Fakes.class);
  }

  private static @Nullable Fakes sharedFakes(ExtensionContext context) {
    FakeJails config = config(context);
    if (config.shared().isEmpty()) {
      return null;
    }
    return context.getRoot().getStore(NAMESPACE).get("shared:" + config.shared(), Fakes.class);
  }

  /** The closest {@link FakeJails}: on the method, the class, or an enclosing class. */
  private static FakeJails config(ExtensionContext context) {
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      Optional<FakeJails> found =
          c.getElement().flatMap(e -> Optional.ofNullable(e.getAnnotation(FakeJails.class)));
      if (found.isPresent()) {
        return found.get();
      }
    }
    return Defaults.class.getAnnotation(FakeJails.class);
  }

  private static boolean sameKernel(FakeJails a, FakeJails b) {
    return a.version() == b.version()
        && Set.of(a.modules()).equals(Set.of(b.modules()))
        && a.vimage() == b.vimage()
        && a.racct() == b.racct()
        && a.paths() == b.paths()
        && a.securelevel() == b.securelevel()
        && a.osrelease().equals(b.osrelease())
        && a.osreldate() == b.osreldate()
        && a.journal() == b.journal();
  }

  private static String describe(FakeJails c) {
    return "version="
        + c.version()
        + " modules="
        + Arrays.toString(c.modules())
        + " vimage="
        + c.vimage()
        + " racct="
        + c.racct()
        + " paths="
        + c.paths()
        + " securelevel="
        + c.securelevel()
        + " osrelease="
        + (c.osrelease().isEmpty() ? "(version's)" : c.osrelease())
        + " osreldate="
        + (c.osreldate() == 0 ? "(version's)" : Integer.toString(c.osreldate()))
        + " journal="
        + c.journal();
  }

  /** Carries the annotation's defaults for classes that use {@code @ExtendWith} directly. */
  @FakeJails
  private static final class Defaults {}

  /** One set of fakes; closing it kills the processes still running. */
  private static final class Fakes implements AutoCloseable {
    final FakeJails config;
    final FakeJailKernel kernel;
    final FakeHostSystem host;
    final FakeJailProvider provider;
    final JailHost jailHost;

    Fakes(FakeJails config) {
      this.config = config;
      FreeBsdVersion version = config.version();
      PathCheck paths =
          config.paths() == FakeJails.Paths.REAL_FILE_SYSTEM
              ? PathCheck.realFileSystem()
              : PathCheck.anyDirectory();
      FakeJailKernel.Builder builder =
          FakeJailKernel.builder()
              .version(version)
              .modules(config.modules())
              .vimage(config.vimage())
              .racct(config.racct())
              .paths(paths)
              .securelevel(config.securelevel())
              .journal(config.journal());
      try {
        if (!config.osrelease().isEmpty()) {
          builder.osrelease(config.osrelease());
        }
        if (config.osreldate() != 0) {
          builder.osreldate(config.osreldate());
        }
      } catch (IllegalArgumentException e) {
        throw new ExtensionConfigurationException("@FakeJails: " + e.getMessage(), e);
      }
      this.kernel = builder.build();
      this.host = new FakeHostSystem(kernel, paths);
      this.provider = new FakeJailProvider(kernel, host);
      this.jailHost = JailHost.using(provider);
    }

    Object value(Class<?> type) {
      if (type == JailHost.class) {
        return jailHost;
      }
      if (type == FakeJailKernel.class) {
        return kernel;
      }
      if (type == FakeHostSystem.class) {
        return host;
      }
      if (type == Journal.class) {
        return kernel.journal();
      }
      return provider;
    }

    @Override
    public void close() {
      host.killAll();
    }
  }
}
