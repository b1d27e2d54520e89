package org.jail4j.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.Jail;
import org.jail4j.JailBuilder;
import org.jail4j.conf.JailConfDocument.Scope;
import org.jail4j.conf.internal.Quoting;
import org.jail4j.param.JailParam;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of {@link JailConfDocument} over generated files that use every part of the syntax
 * (comments of the three styles, odd whitespace, the three quote styles, joined pieces, {@code
 * .include}, {@code +=}, wildcard and nested blocks, globals, variables): an untouched document
 * writes back byte for byte, and a random edit either is refused and leaves the text as it was, or
 * gives a text that reads back to the intended values with every jail it did not name unchanged.
 * QuickTheories prints the seed and the shrunk example of any failure.
 */
class JailConfDocumentProperties {

  private static final List<String> TEXT =
      List.of("a", "z", "0", "/", " ", "\t", "\n", "\"", "'", "$", "\\", "#", "//", "/*", ";", "é");

  private static final List<String> GAPS =
      List.of(" ", "  ", "\t", "\n", "\n\n", " # hash\n", " // slashes\n", " /* c-style\n */ ", "");

  private static Gen<String> text() {
    return lists().of(Generate.pick(TEXT)).ofSizeBetween(0, 6).map(l -> String.join("", l));
  }

  /** One piece of a value in one of the styles; joined pieces make one value. */
  private static Gen<String> piece() {
    return Generate.oneOf(
        Generate.pick(List.of("a", "web", "10.0.0.1", "x_y", "%%N%%", "lo1|10.0.0.2")),
        text().map(Quoting::doubleQuoted),
        text().map(Quoting::singleQuoted),
        Generate.pick(List.of("${name}", "${ip}", "${base}", "\"pre${ip}post\"")));
  }

  private static Gen<String> value() {
    return lists().of(piece()).ofSizeBetween(1, 3).map(l -> String.join("", l));
  }

  private static final List<String> PARAMS =
      List.of(
          "host.hostname", "path", "exec.start", "exec.stop", "persist", "securelevel", "mount");

  private static Gen<String> statement() {
    Gen<String> gap = Generate.pick(GAPS);
    Gen<String> values = lists().of(value()).ofSizeBetween(1, 3).map(l -> String.join(",", l));
    Gen<String> param =
        Generate.pick(PARAMS)
            .zip(
                Generate.pick(List.of(" = ", "=", " += ", "+=", " ", ";")),
                values,
                gap,
                (n, op, v, g) -> op.equals(";") ? n + ";" + g : n + op + v + ";" + g);
    Gen<String> variable =
        Generate.pick(List.of("$ip", "${ip}", "$base"))
            .zip(value(), gap, (n, v, g) -> n + " = " + v + ";" + g);
    Gen<String> include =
        Generate.pick(
            List.of(
                ".include \"/nonexistent-jail4j/*.conf\";\n",
                ".include '/nonexistent-jail4j/[x]';\n"));
    return Generate.frequency(
        org.quicktheories.api.Pair.of(6, param),
        org.quicktheories.api.Pair.of(2, variable),
        org.quicktheories.api.Pair.of(1, include));
  }

  private static Gen<String> body() {
    return lists().of(statement()).ofSizeBetween(0, 4).map(l -> String.join("\t", l));
  }

  private static Gen<String> item() {
    Gen<String> name = Generate.pick(List.of("web", "db", "mail", "5309", "\"web.*\"", "*"));
    Gen<String> block =
        name.zip(
            body(),
            Generate.pick(List.of(" {\n", "\n{\n", "{ ", " {")),
            Generate.pick(List.of("}\n", "}\n\n", "} ")),
            (n, b, open, close) -> n + open + b + close);
    Gen<String> nested =
        body().zip(body(), (outer, inner) -> "web {\n" + outer + "\ta {\n" + inner + "\t}\n}\n");
    return Generate.frequency(
        org.quicktheories.api.Pair.of(3, statement()),
        org.quicktheories.api.Pair.of(4, block),
        org.quicktheories.api.Pair.of(1, nested),
        org.quicktheories.api.Pair.of(1, Generate.pick(GAPS)));
  }

  private static Gen<String> file() {
    return lists()
        .of(item())
        .ofSizeBetween(0, 7)
        .map(l -> String.join("", l))
        .assuming(JailConfDocumentProperties::parses);
  }

  private static boolean parses(String text) {
    try {
      JailConf.parse(text);
      return true;
    } catch (JailConfException e) {
      return false;
    }
  }

  @Test
  void generatedFilesWriteBackByteForByte() {
    qt().withExamples(400)
        .forAll(file())
        .checkAssert(
            text -> {
              JailConfDocument d = JailConfDocument.parse(text);
              assertThat(d.text()).isEqualTo(text);
              assertThat(d.bytes()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
              assertThat(d.evaluate().exhibit("|")).isEqualTo(JailConf.parse(text).exhibit("|"));
            });
  }

  /** One edit and what it intends. */
  record EditCase(int kind, String jail, String param, List<String> values, Scope scope) {}

  private static Gen<EditCase> edit() {
    Gen<List<String>> values =
        lists()
            .of(
                Generate.pick(
                    List.of("web.example.org", "/jails/x", "/bin/sh /etc/rc", "3", "a \"q\" $x")))
            .ofSizeBetween(0, 2);
    return integers()
        .between(0, 8)
        .zip(
            Generate.pick(List.of("web", "db", "mail", "web.a", "5309", "web.*", "new")),
            Generate.pick(List.of("host.hostname", "path", "exec.start", "persist", "securelevel")),
            values,
            Generate.enumValues(Scope.class),
            EditCase::new);
  }

  private static Map<String, Map<String, List<String>>> meaning(JailConf conf) {
    Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
    for (ConfJail j : conf.jails()) {
      out.putIfAbsent(j.name(), j.params());
    }
    return out;
  }

  private static JailConfDocument.Change apply(JailConfDocument d, EditCase e) {
    List<JailConfValue> vs = e.values().stream().map(JailConfValue::literal).toList();
    return switch (e.kind()) {
      case 0, 1 -> d.set(e.jail(), e.param(), vs, e.scope());
      case 2 -> d.append(e.jail(), e.param(), vs, e.scope());
      case 3 -> d.remove(e.jail(), e.param(), e.scope());
      case 4 -> d.setVariable(e.jail(), "ip", vs, e.scope());
      case 5 -> d.addJail(e.jail());
      case 6 -> d.removeJail(e.jail());
      case 7 -> d.setGlobal(e.param(), vs);
      default -> d.addJail(Jail.builder().name(e.jail()).path("/jails/" + e.jail()).build());
    };
  }

  @Test
  void anEditReadsBackToWhatItIntendsAndChangesNoOtherJail() {
    qt().withExamples(600)
        .forAll(file(), edit())
        .checkAssert(
            (text, e) -> {
              JailConfDocument d = JailConfDocument.parse(text);
              JailConf original = d.evaluate();
              Map<String, Map<String, List<String>>> before = meaning(original);
              Optional<Jail> beforeJail = typed(d.evaluate(), e.jail());
              JailConfDocument.Change change;
              try {
                change = apply(d, e);
              } catch (JailConfEditException | InvalidJailParameterException refused) {
                assertThat(d.text()).as("a refused edit leaves the text").isEqualTo(text);
                return;
              }
              String written = d.text();
              JailConf reread = JailConf.parse(written);
              assertThat(reread.exhibit("|")).isEqualTo(d.evaluate().exhibit("|"));
              Map<String, Map<String, List<String>>> after = meaning(reread);
              for (String jail : before.keySet()) {
                if (!change.changedJails().contains(jail)) {
                  assertThat(full(reread, jail))
                      .as(jail + " in\n" + written)
                      .isEqualTo(full(original, jail));
                }
              }
              for (String jail : change.changedJails()) {
                assertThat(full(reread, jail)).as(jail).isNotEqualTo(full(original, jail));
              }
              if (e.kind() != 7
                  && !e.scope().equals(Scope.EDIT_SHARED)
                  && !e.jail().contains("*")) {
                assertThat(change.changedJails()).isSubsetOf(List.of(e.jail()));
              }
              Map<String, List<String>> target = after.getOrDefault(e.jail(), Map.of());
              switch (e.kind()) {
                case 0, 1 -> {
                  if (!e.jail().contains("*")) {
                    assertThat(target.get(e.param())).as(written).isEqualTo(e.values());
                    intendedJail(beforeJail, e)
                        .ifPresent(
                            j -> assertThat(typed(reread, e.jail())).as(written).hasValue(j));
                  }
                }
                case 2 -> {
                  if (!e.jail().contains("*")) {
                    List<String> expected =
                        new ArrayList<>(
                            before
                                .getOrDefault(e.jail(), Map.of())
                                .getOrDefault(e.param(), List.of()));
                    expected.addAll(e.values());
                    assertThat(target.get(e.param())).as(written).isEqualTo(expected);
                  }
                }
                case 3 -> {
                  if (e.scope() == Scope.REFUSE_SHARED && !e.jail().contains("*")) {
                    assertThat(target).as(written).doesNotContainKey(e.param());
                  }
                }
                case 5, 8 -> assertThat(after).as(written).containsKey(e.jail());
                case 6 -> assertThat(after).as(written).doesNotContainKey(e.jail());
                default -> {}
              }
            });
  }

  /**
   * Everything the jails of a name read, in jail(8)'s order (the order reaches the kernel and jail
   * -e), with their problems.
   */
  private static List<Object> full(JailConf conf, String jail) {
    List<Object> out = new ArrayList<>();
    for (ConfJail j : conf.jails()) {
      if (j.name().equals(jail)) {
        out.addAll(j.params().entrySet());
        j.problems().forEach(p -> out.add(p.text()));
      }
    }
    return out;
  }

  private static Optional<Jail> typed(JailConf conf, String jail) {
    try {
      return conf.jail(jail).map(ConfJail::toJail);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The Jail a set should give, for the parameters with a Jail attribute. */
  private static Optional<Jail> intendedJail(Optional<Jail> before, EditCase e) {
    if (before.isEmpty()) {
      return Optional.empty();
    }
    JailBuilder b = Jail.builder().from(before.get());
    List<String> v = e.values();
    String last = v.isEmpty() ? "" : v.get(v.size() - 1);
    try {
      switch (e.param()) {
        case "host.hostname" -> b.hostname(last);
        case "path" -> b.path(last);
        case "exec.start" -> b.execStart(v);
        case "persist" -> {
          if (!v.isEmpty()) {
            return Optional.empty();
          }
          b.persist(true);
        }
        case "securelevel" -> b.param(JailParam.SECURELEVEL, Integer.parseInt(last));
        default -> {
          return Optional.empty();
        }
      }
      return Optional.of(b.build());
    } catch (RuntimeException x) {
      return Optional.empty();
    }
  }
}
