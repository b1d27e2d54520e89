package org.jail4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public surface of each published module, written as one sorted line per public or protected
 * type, constructor, method and field of its unqualified exports, and compared with the summary
 * committed under {@code api/} at the project root. A change to the surface fails here until the
 * summary is regenerated, so it shows in review:
 *
 * <pre>{@code
 * ./mvnw -B -pl jail-examples -am test -Dtest=ApiSummaryTest -Dsurefire.failIfNoSpecifiedTests=false -Djail4j.failIfNoTests=false -Djail4j.api.update=true
 * }</pre>
 */
class ApiSummaryTest {

  private static final String UPDATE = "jail4j.api.update";

  /**
   * One class of each published module, by whose code source the module is found; the file name
   * under {@code api/} is the artifact's.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "jail-api=org.jail4j.Jail",
        "jail-root=org.jail4j.root.RootBuilder",
        "jail-oci=org.jail4j.oci.OciConfig",
        "jail-testkit=org.jail4j.testkit.FakeJailKernel",
        "jail-native-freebsd=org.jail4j.freebsd.FreeBsdJailProvider"
      })
  void theCommittedSummaryMatchesTheModule(String entry) throws Exception {
    String artifact = entry.substring(0, entry.indexOf('='));
    Class<?> anchor = Class.forName(entry.substring(entry.indexOf('=') + 1));
    String summary = summarise(anchor);
    Path file = projectRoot().resolve("api").resolve(artifact + ".txt");
    if (Boolean.getBoolean(UPDATE)) {
      Files.createDirectories(file.resolve("..").normalize());
      Files.writeString(file, summary, StandardCharsets.UTF_8);
    }
    assertThat(file)
        .as(
            "api/%s.txt is missing; generate it with -D%s=true (see this class's javadoc)",
            artifact, UPDATE)
        .exists();
    String committed = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(summary)
        .as(
            "the public API of %s differs from api/%s.txt; if the change is meant, regenerate the"
                + " file with -D%s=true and commit it",
            artifact, artifact, UPDATE)
        .isEqualTo(committed);
  }

  private static Path projectRoot() throws URISyntaxException {
    Path here =
        Path.of(ApiSummaryTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    // .../jail-examples/target/test-classes
    return here.resolve("../../..").normalize();
  }

  static String summarise(Class<?> anchor) throws IOException, URISyntaxException {
    Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleReference ref =
        ModuleFinder.of(location).findAll().stream()
            .findFirst()
            .orElseThrow(() -> new AssertionError("no module descriptor at " + location));
    ModuleDescriptor descriptor = ref.descriptor();
    Set<String> exported =
        descriptor.exports().stream()
            .filter(e -> !e.isQualified())
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toSet());
    List<String> classNames = new ArrayList<>();
    try (ModuleReader reader = ref.open();
        Stream<String> names = reader.list()) {
      names
          .filter(n -> n.endsWith(".class") && !n.equals("module-info.class"))
          .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
          .filter(n -> exported.contains(packageOf(n)))
          .forEach(classNames::add);
    }
    TreeSet<String> lines = new TreeSet<>();
    for (String name : classNames) {
      Class<?> type;
      try {
        type = Class.forName(name, false, anchor.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new AssertionError("cannot load " + name, e);
      }
      if (visible(type)) {
        describe(type, lines);
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("# module ").append(descriptor.name()).append('\n');
    for (String line : lines) {
      out.append(line).append('\n');
    }
    return out.toString();
  }

  private static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot);
  }

  /** Public, or protected in a public enclosing type, all the way out; never synthetic. */
  private static boolean visible(Class<?> type) {
    if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
      return false;
    }
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      int m = t.getModifiers();
      if (!Modifier.isPublic(m) && !Modifier.isProtected(m)) {
        return false;
      }
    }
    return true;
  }

  private static boolean member(int modifiers, boolean synthetic) {
    return !synthetic && (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers));
  }

  private static void describe(Class<?> type, Set<String> lines) {
    String name = type.getName();
    lines.add(name + " : " + type.toGenericString() + supertypes(type));
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (member(c.getModifiers(), c.isSynthetic())) {
        lines.add(name + " | " + c.toGenericString());
      }
    }
    for (Method m : type.getDeclaredMethods()) {
      if (member(m.getModifiers(), m.isSynthetic() || m.isBridge())) {
        lines.add(name + " | " + m.toGenericString());
      }
    }
    for (Field f : type.getDeclaredFields()) {
      if (member(f.getModifiers(), f.isSynthetic())) {
        lines.add(name + " | " + f.toGenericString());
      }
    }
  }

  private static String supertypes(Class<?> type) {
    StringBuilder s = new StringBuilder();
    if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class) {
      s.append(" extends ").append(type.getGenericSuperclass().getTypeName());
    }
    var interfaces = type.getGenericInterfaces();
    if (interfaces.length > 0) {
      s.append(" implements ");
      for (int i = 0; i < interfaces.length; i++) {
        s.append(i == 0 ? "" : ", ").append(interfaces[i].getTypeName());
      }
    }
    return s.toString();
  }
}
