package org.jail4j.rc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Random rc.conf documents (names, values with every shell-special character, quote styles,
 * comments, blank lines) written, parsed and edited. QuickTheories prints the seed of a failing run
 * ({@code -DQT_SEED=...} replays it).
 */
class RcConfProperties {

  private static final String VALUE_CHARS = "aZ09_-./:=,@% \t\"'$`\\#;&|<>(){}*?~!\n\u00e9\u4e2d";

  /** One line of a generated document. */
  record Item(int kind, String name, String value, QuoteStyle style, boolean comment) {
    String text() {
      return switch (kind) {
        case 0 -> name + "=" + RcConf.quote(value, style) + (comment ? " # " + name : "") + "\n";
        case 1 -> "# " + value.replace("\n", " ") + "\n";
        default -> "\n";
      };
    }
  }

  private static Gen<String> names() {
    Gen<String> realistic =
        Generate.pick(
            List.of(
                "sshd_enable",
                "hostname",
                "ifconfig_em0",
                "ifconfig_em0_alias0",
                "cron_flags",
                "jail_list",
                "_x",
                "A1"));
    Gen<String> random =
        lists()
            .of(Generate.pick(List.of('a', 'b', 'z', '_', '0', '9', 'Q')))
            .ofSizeBetween(0, 6)
            .map(cs -> "v_" + join(cs));
    return realistic.mix(random);
  }

  private static Gen<String> values() {
    List<Character> pool = new ArrayList<>();
    for (int i = 0; i < VALUE_CHARS.length(); i++) {
      pool.add(VALUE_CHARS.charAt(i));
    }
    return lists().of(Generate.pick(pool)).ofSizeBetween(0, 14).map(RcConfProperties::join);
  }

  private static Gen<Item> items() {
    Gen<QuoteStyle> styles =
        Generate.pick(List.of(QuoteStyle.NONE, QuoteStyle.SINGLE, QuoteStyle.DOUBLE));
    return Generate.pick(List.of(0, 0, 0, 1, 2))
        .zip(
            names(),
            values(),
            styles,
            Generate.booleans(),
            (k, n, v, s, c) -> new Item(k, n, v, s, c));
  }

  private static Gen<List<Item>> documents() {
    return lists().of(items()).ofSizeBetween(0, 25);
  }

  private static String join(List<Character> cs) {
    StringBuilder sb = new StringBuilder();
    cs.forEach(sb::append);
    return sb.toString();
  }

  private static String text(List<Item> doc) {
    StringBuilder sb = new StringBuilder();
    doc.forEach(i -> sb.append(i.text()));
    return sb.toString();
  }

  private static Map<String, String> model(List<Item> doc) {
    Map<String, String> m = new LinkedHashMap<>();
    doc.stream().filter(i -> i.kind() == 0).forEach(i -> m.put(i.name(), i.value()));
    return m;
  }

  @Test
  void writtenDocumentParsesBackToTheSameValuesAndText() {
    qt().withExamples(300)
        .forAll(documents())
        .checkAssert(
            doc -> {
              String text = text(doc);
              RcConf rc = RcConf.parse(text);
              assertThat(rc.values()).isEqualTo(model(doc));
              assertThat(rc.names()).containsExactlyElementsOf(model(doc).keySet());
              assertThat(rc.toString()).isEqualTo(text);
            });
  }

  @Test
  void writtenValuesAreLiteralWhenTheFileIsSourced() {
    qt().withExamples(300)
        .forAll(documents())
        .checkAssert(
            doc -> assertThat(RcConf.parse(text(doc)).evaluate(Map.of())).isEqualTo(model(doc)));
  }

  @Test
  void setOnAnyDocumentParsesBackToTheModel() {
    qt().withExamples(200)
        .forAll(documents(), lists().of(items()).ofSizeBetween(1, 8))
        .checkAssert(
            (doc, edits) -> {
              RcConf rc = RcConf.parse(text(doc));
              Map<String, String> model = model(doc);
              for (Item e : edits) {
                rc.set(e.name(), e.value());
                model.put(e.name(), e.value());
              }
              assertThat(RcConf.parse(rc.toString()).values()).isEqualTo(model);
            });
  }

  @Test
  void removeLeavesEveryOtherVariableAlone() {
    qt().withExamples(200)
        .forAll(documents(), names())
        .checkAssert(
            (doc, name) -> {
              RcConf rc = RcConf.parse(text(doc));
              rc.remove(name);
              Map<String, String> model = model(doc);
              model.remove(name);
              assertThat(RcConf.parse(rc.toString()).values()).isEqualTo(model);
            });
  }
}
