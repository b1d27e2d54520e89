package org.jail4j.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/TESTKIT.md marked {@code <!-- test: NAME.java -->} are the test classes of
 * this package, imports included: each snippet must be the class's source from its first import to
 * its end, and every example class here must be shown.
 */
class TestkitDocSnippetsTest {

  private static final Path DOC = Path.of("..", "docs", "TESTKIT.md");
  private static final Path HERE =
      Path.of("src", "test", "java", "org", "jail4j", "testkit", "docs");
  private static final Pattern MARKED =
      Pattern.compile("<!-- test: ([A-Za-z]+\\.java) -->\\s*\\n```java\\n(.*?)```", Pattern.DOTALL);

  private static Map<String, String> snippets() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = MARKED.matcher(doc);
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    return out;
  }

  private static String fromFirstImport(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int start = text.indexOf("\nimport ");
    return text.substring(start + 1);
  }

  @Test
  void everyMarkedSnippetIsItsTestClassFromTheImportsOn() throws IOException {
    Map<String, String> snippets = snippets();
    assertThat(snippets).isNotEmpty();
    for (Map.Entry<String, String> e : snippets.entrySet()) {
      assertThat(e.getValue())
          .as("docs/TESTKIT.md snippet of %s", e.getKey())
          .isEqualTo(fromFirstImport(HERE.resolve(e.getKey())));
    }
  }

  @Test
  void everyExampleClassIsShownInTheDocs() throws IOException {
    List<String> classes = new ArrayList<>();
    try (Stream<Path> files = Files.list(HERE)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith("Test.java") && !n.equals("TestkitDocSnippetsTest.java"))
          .forEach(classes::add);
    }
    assertThat(snippets().keySet()).containsExactlyInAnyOrderElementsOf(classes);
  }
}
