package org.jail4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Every Java example of the documentation is a region of a compiled test source, so an example
 * cannot drift from code that compiles and passes.
 *
 * <p>In {@code README.md} and {@code docs/*.md} each {@code ```java} block, in {@code
 * javadoc-overview.html} and every {@code package-info.java} each <code>&lt;pre&gt;&#123;&#64;code
 * </code> block, follows a line {@code <!-- snippet: NAME -->}. The region {@code NAME} is the text
 * between a line comment {@code snippet NAME} followed by {@code spotless:off} and one {@code end
 * snippet} followed by {@code spotless:on} (patterns {@code START} and {@code END}) in one file
 * under {@code jail-examples/src/test/java}, {@code jail-testkit/src/test/java} or {@code
 * consumer/src} (formatting is off there, so the region keeps the documentation's layout). A block
 * is its imports (blank lines between groups allowed), a blank line, then the region without its
 * common indentation; the imports must be imports of the region's file, and every import of that
 * file whose simple name the region uses must be shown. Every region is shown somewhere, so each
 * example test (such as those of {@code org.jail4j.testkit.docs}) is on a page.
 */
class DocSnippetsTest {
  private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern TAG = Pattern.compile("<!-- snippet: ([A-Za-z0-9.-]+) -->");
  private static final Pattern START =
      Pattern.compile("//\\s*snippet ([A-Za-z0-9.-]+) spotless:off");
  private static final Pattern END = Pattern.compile("//\\s*end snippet spotless:on");

  /** A documentation block: where it is, the tag before it (or null), its lines. */
  private record Block(String where, @Nullable String tag, List<String> lines) {}

  /** A source region: its file's imports and its lines. */
  private record Region(Path file, Set<String> imports, List<String> lines) {}

  @Test
  void everyJavaBlockOfTheDocumentationIsTagged() {
    List<String> untagged =
        blocks().stream().filter(b -> b.tag() == null).map(Block::where).toList();

    assertThat(untagged).as("java blocks without <!-- snippet: NAME -->").isEmpty();
  }

  @Test
  void everyTaggedBlockIsItsRegionWithTheImportsItNeeds() {
    Map<String, Region> regions = regions();
    List<String> problems = new ArrayList<>();
    for (Block b : blocks()) {
      if (b.tag() == null) {
        continue;
      }
      String tag = b.tag();
      Region r = regions.get(tag);
      if (r == null) {
        problems.add(b.where() + ": no region \"" + b.tag() + "\" in the snippet sources");
        continue;
      }
      List<String> imports = new ArrayList<>();
      int i = 0;
      for (int j = 0; j < b.lines().size(); j++) {
        String line = b.lines().get(j);
        if (line.startsWith("import ")) {
          imports.add(line);
          i = j + 1;
        } else if (!line.isEmpty()) {
          break;
        }
      }
      if (!imports.isEmpty()) {
        if (i < b.lines().size() && b.lines().get(i).isEmpty()) {
          i++;
        } else {
          problems.add(b.where() + ": the imports are not followed by a blank line");
        }
      }
      List<String> body = b.lines().subList(i, b.lines().size());
      if (!body.equals(r.lines())) {
        problems.add(
            b.where()
                + ": differs from region \""
                + b.tag()
                + "\" of "
                + PROJECT.relativize(r.file())
                + "\n--- documentation\n"
                + String.join("\n", body)
                + "\n--- source\n"
                + String.join("\n", r.lines()));
      }
      for (String imp : imports) {
        if (!r.imports().contains(imp)) {
          problems.add(b.where() + ": \"" + imp + "\" is not an import of " + r.file());
        }
      }
      String text = String.join("\n", r.lines());
      for (String imp : r.imports()) {
        String simple = imp.replaceFirst(";$", "").replaceFirst(".*\\.", "");
        if (Pattern.compile("\\b" + Pattern.quote(simple) + "\\b").matcher(text).find()
            && !imports.contains(imp)) {
          problems.add(b.where() + ": uses " + simple + " but does not show \"" + imp + "\"");
        }
      }
    }
    assertThat(problems).as(String.join("\n\n", problems)).isEmpty();
  }

  @Test
  void everyRegionIsShownSomewhere() {
    Set<String> used = new LinkedHashSet<>();
    for (Block b : blocks()) {
      String tag = b.tag();
      if (tag != null) {
        used.add(tag);
      }
    }

    assertThat(regions().keySet()).as("regions no documentation shows").isSubsetOf(used);
  }

  @Test
  void dependencySnippetsNameTheProjectsVersion() throws IOException {
    String pom = Files.readString(PROJECT.resolve("pom.xml"));
    Matcher m =
        Pattern.compile("<artifactId>jail4j-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(pom);
    assertThat(m.find()).as("the parent pom's version").isTrue();
    String version = m.group(1);
    List<String> wrong = new ArrayList<>();
    for (Path doc : List.of(PROJECT.resolve("README.md"), PROJECT.resolve("docs/TESTKIT.md"))) {
      String text = Files.readString(doc);
      Matcher dep =
          Pattern.compile(
                  "<artifactId>(jail-[a-z-]+)</artifactId>(\\s*<version>([^<]*)</version>)?")
              .matcher(text);
      while (dep.find()) {
        boolean fromBom =
            !dep.group(1).equals("jail-bom")
                && text.contains("<artifactId>jail-bom</artifactId>")
                && dep.group(2) == null;
        if (!fromBom && !version.equals(dep.group(3))) {
          wrong.add(PROJECT.relativize(doc) + ": " + dep.group(1) + " version " + dep.group(3));
        }
      }
    }
    assertThat(wrong).as("jail4j artifacts without the project's version " + version).isEmpty();
  }

  private static List<Block> blocks() {
    List<Block> out = new ArrayList<>();
    List<Path> markdown = new ArrayList<>(List.of(PROJECT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(PROJECT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(markdown::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path md : markdown) {
      out.addAll(blocks(md, read(md), "```java", "```"));
    }
    Path overview = PROJECT.resolve("javadoc-overview.html");
    out.addAll(blocks(overview, read(overview), "<pre>{@code", "}</pre>"));
    try (Stream<Path> files = Files.walk(PROJECT)) {
      for (Path p :
          files
              .filter(p -> p.getFileName().toString().equals("package-info.java"))
              .filter(p -> p.toString().contains("/src/main/java/"))
              .sorted()
              .toList()) {
        List<String> lines = read(p).stream().map(l -> l.replaceFirst("^\\s*\\* ?", "")).toList();
        out.addAll(blocks(p, lines, "<pre>{@code", "}</pre>"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static List<Block> blocks(Path file, List<String> lines, String open, String close) {
    List<Block> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals(open)) {
        continue;
      }
      String tag = null;
      if (i > 0) {
        Matcher m = TAG.matcher(lines.get(i - 1).strip());
        if (m.matches()) {
          tag = m.group(1);
        }
      }
      int start = i + 1;
      int end = start;
      while (end < lines.size() && !lines.get(end).strip().equals(close)) {
        end++;
      }
      out.add(
          new Block(
              PROJECT.relativize(file) + ":" + (i + 1),
              tag,
              List.copyOf(lines.subList(start, end))));
      i = end;
    }
    return out;
  }

  private static Map<String, Region> regions() {
    Map<String, Region> out = new LinkedHashMap<>();
    List<Path> sources = new ArrayList<>();
    for (Path root :
        List.of(
            PROJECT.resolve("jail-examples/src/test/java"),
            PROJECT.resolve("jail-testkit/src/test/java"),
            PROJECT.resolve("consumer/src"))) {
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(p -> p.toString().endsWith(".java")).sorted().forEach(sources::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (Path file : sources) {
      List<String> lines = read(file);
      Set<String> imports = new LinkedHashSet<>();
      lines.stream().filter(l -> l.startsWith("import ")).forEach(imports::add);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = START.matcher(lines.get(i));
        if (!m.find() || lines.get(i).contains("Pattern.compile")) {
          continue;
        }
        int end = i + 1;
        while (end < lines.size() && !END.matcher(lines.get(end)).find()) {
          end++;
        }
        assertThat(end).as("%s: region %s has no end", file, m.group(1)).isLessThan(lines.size());
        Region previous =
            out.put(m.group(1), new Region(file, imports, dedent(lines.subList(i + 1, end))));
        assertThat(previous).as("region %s twice", m.group(1)).isNull();
        i = end;
      }
    }
    return out;
  }

  private static List<String> dedent(List<String> lines) {
    int indent =
        lines.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
