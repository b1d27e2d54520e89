package org.jail4j.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.Jail;
import org.jail4j.JailAddress;
import org.jail4j.JailBuilder;
import org.jail4j.conf.internal.Ast;
import org.jail4j.conf.internal.ByteStrings;
import org.jail4j.conf.internal.Parser;
import org.jail4j.conf.internal.Quoting;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailSys;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties: random {@link Jail} values survive write-then-read; random jail.conf syntax trees,
 * rendered with random quoting, piece splitting, comments and line breaks, parse back to the same
 * tree. QuickTheories prints the seed and the shrunk example of any failure.
 */
class JailConfRoundTripProperties {

  private static final List<String> ALPHABET =
      List.of(
          "a", "b", "z", "A", "0", "7", "_", "-", ".", ":", "/", " ", "\t", "\n", "\r", "\"", "'",
          "$", "\\", "{", "}", ";", ",", "=", "#", "*", "+", "|", "@", "[", "]", "é", "✓", "\u0001",
          "x");

  private static Gen<String> text(int max) {
    return lists().of(Generate.pick(ALPHABET)).ofSizeBetween(0, max).map(l -> String.join("", l));
  }

  private static Gen<String> name() {
    Gen<String> first = Generate.pick(List.of("a", "b", "web", "db", "x"));
    Gen<String> rest =
        lists()
            .of(Generate.pick(List.of("a", "z", "0", "9", "_", "-")))
            .ofSizeBetween(0, 5)
            .map(l -> String.join("", l));
    Gen<String> tail = Generate.pick(List.of("", "", ".sub", ".x0"));
    return first.zip(rest, tail, (f, r, t) -> f + r + t);
  }

  private static Gen<Integer> octet() {
    return integers().between(0, 255);
  }

  private static Gen<JailAddress> ip4() {
    Gen<String> addr =
        octet().zip(octet(), octet(), octet(), (a, b, c, d) -> a + "." + b + "." + c + "." + d);
    Gen<String> iface = Generate.pick(List.of("", "em0|", "lo1|", "vtnet0|"));
    Gen<String> prefix = integers().between(-1, 32).map(p -> p < 0 ? "" : "/" + p);
    return iface.zip(addr, prefix, (i, a, p) -> JailAddress.parse(i + a + p));
  }

  private static Gen<JailAddress> ip6() {
    Gen<String> group = integers().between(0, 0xffff).map(Integer::toHexString);
    Gen<String> addr = lists().of(group).ofSize(8).map(l -> String.join(":", l));
    Gen<String> prefix = integers().between(-1, 128).map(p -> p < 0 ? "" : "/" + p);
    return addr.zip(prefix, (a, p) -> JailAddress.parse(a + p));
  }

  private static Gen<Consumer<JailBuilder>> mutation() {
    Gen<List<String>> commands = lists().of(text(10)).ofSizeBetween(0, 3);
    return Generate.oneOf(
        text(12).map(t -> b -> b.path("/" + t)),
        text(12).map(t -> b -> b.hostname(t)),
        integers().between(1, 99999).map(n -> b -> b.jid(n)),
        ip4().map(a -> b -> b.addAddresses(a)),
        ip6().map(a -> b -> b.addAddresses(a)),
        Generate.booleans().map(v -> b -> b.persist(v)),
        integers().between(-1, 3).map(n -> b -> b.param(JailParam.SECURELEVEL, n)),
        integers().between(0, 1000).map(n -> b -> b.param(JailParam.CHILDREN_MAX, n)),
        Generate.enumValues(JailSys.class).map(v -> b -> b.param(JailParam.VNET, v)),
        text(10).map(t -> b -> b.param(JailParam.named("test.text"), t)),
        commands.map(c -> b -> b.execStart(c)),
        commands.map(c -> b -> b.execPrestart(c)),
        commands.map(c -> b -> b.execPoststop(c)),
        commands.map(c -> b -> b.command(c)),
        commands.map(c -> b -> b.mounts(c)),
        commands.map(c -> b -> b.vnetInterfaces(c)),
        commands.map(c -> b -> b.depend(c)),
        Generate.booleans().map(v -> b -> b.execClean(v)),
        Generate.booleans().map(v -> b -> b.mountDevfs(v).mountProcfs(!v)),
        text(8).map(t -> b -> b.iface(t)),
        text(8).map(t -> b -> b.execJailUser(t)),
        text(8).map(t -> b -> b.mountFstab(t)),
        integers().between(0, 100000).map(s -> b -> b.execTimeout(Duration.ofSeconds(s))),
        integers().between(0, 100000).map(s -> b -> b.stopTimeout(Duration.ofSeconds(s))),
        integers().between(0, 15).map(f -> b -> b.execFib(f)));
  }

  private static Gen<Jail> jail() {
    return name()
        .zip(
            lists().of(mutation()).ofSizeBetween(0, 12),
            (n, ms) -> {
              // apply each change that keeps the jail valid (Jail enforces the kernel's rules)
              Jail j = Jail.builder().name(n).build();
              for (Consumer<JailBuilder> m : ms) {
                JailBuilder b = Jail.builder().from(j);
                m.accept(b);
                try {
                  j = b.build();
                } catch (InvalidJailParameterException e) {
                  // skip this change
                }
              }
              // jail.conf keeps address order within each family (ip4.addr, then ip6.addr)
              List<JailAddress> canonical = new ArrayList<>();
              j.addresses().stream().filter(JailAddress::isIpv4).forEach(canonical::add);
              j.addresses().stream().filter(JailAddress::isIpv6).forEach(canonical::add);
              return Jail.builder().from(j).addresses(canonical).build();
            });
  }

  @Test
  void writtenJailsReadBackEqual() {
    qt().withExamples(300)
        .forAll(lists().of(jail()).ofSizeBetween(1, 3))
        .assuming(js -> js.stream().map(j -> j.name().orElse("")).distinct().count() == js.size())
        .checkAssert(
            jails -> {
              String text = JailConfWriter.write(jails);
              assertThat(JailConf.parse(text).toJails()).as(text).isEqualTo(jails);
              assertThat(JailConf.parser().dialect(JailConfDialect.LEGACY).parse(text).toJails())
                  .as(text)
                  .isEqualTo(jails);
            });
  }

  // ---- syntax trees --------------------------------------------------------------------------

  /** A piece of a value: text, or a reference when {@code ref} is set. */
  record Piece(String text, boolean ref, int style) {}

  record Stmt(String name, boolean variable, Ast.Op op, List<List<Piece>> values, int space) {}

  /** A top-level item: a statement, or a block with statements and nested blocks. */
  record Item(
      @Nullable Stmt stmt, String block, List<Stmt> body, List<Stmt> nested, String nestedName) {}

  private static Gen<Piece> piece() {
    return Generate.oneOf(
        text(8).zip(integers().between(0, 2), (t, s) -> new Piece(t, false, s)),
        name().map(n -> new Piece(n, true, 0)));
  }

  private static Gen<Stmt> stmt() {
    Gen<List<List<Piece>>> values =
        lists().of(lists().of(piece()).ofSizeBetween(1, 3)).ofSizeBetween(1, 3);
    return name()
        .zip(
            Generate.booleans(),
            Generate.enumValues(Ast.Op.class),
            values,
            integers().between(0, 5),
            (n, v, op, vals, sp) -> new Stmt(n, v, op, op == Ast.Op.FLAG ? List.of() : vals, sp));
  }

  private static Gen<Item> item() {
    Gen<List<Stmt>> body = lists().of(stmt()).ofSizeBetween(0, 3);
    return Generate.oneOf(
        stmt().map(s -> new Item(s, "", List.of(), List.of(), "")),
        name()
            .zip(
                body,
                body,
                Generate.pick(List.of("", "inner", "c")),
                (n, b, nb, nn) -> new Item(null, n, b, nn.isEmpty() ? List.of() : nb, nn)));
  }

  private static final List<String> SPACES =
      List.of(" ", "\n", "\t", " # note\n", " /* c\n */ ", " // c\n");

  private static String render(List<Item> items) {
    StringBuilder b = new StringBuilder();
    for (Item it : items) {
      Stmt st = it.stmt();
      if (st != null) {
        render(b, st);
        continue;
      }
      b.append(Quoting.name(it.block())).append(" {\n");
      it.body().forEach(s -> render(b, s));
      if (!it.nestedName().isEmpty()) {
        b.append(it.nestedName()).append(" {");
        it.nested().forEach(s -> render(b, s));
        b.append("}\n");
      }
      b.append("}\n");
    }
    return b.toString();
  }

  private static void render(StringBuilder b, Stmt s) {
    String sp = SPACES.get(s.space());
    b.append(s.variable() ? "${" + s.name() + "}" : s.name());
    switch (s.op()) {
      case ASSIGN:
        b.append(sp).append('=').append(sp);
        break;
      case APPEND:
        b.append("+=");
        break;
      case NAMEVAL:
        b.append(' ');
        break;
      default:
        break;
    }
    for (int i = 0; i < s.values().size(); i++) {
      if (i > 0) {
        b.append(',').append(sp);
      }
      for (Piece p : s.values().get(i)) {
        if (p.ref()) {
          b.append("${").append(p.text()).append('}');
        } else if (p.style() == 0 && Quoting.bareValue(p.text()) && p.text().indexOf('/') < 0) {
          b.append(p.text());
        } else if (p.style() == 1) {
          b.append(singleQuoted(p.text()));
        } else {
          b.append(Quoting.doubleQuoted(p.text()));
        }
      }
    }
    b.append(';').append(sp);
  }

  private static String singleQuoted(String s) {
    StringBuilder b = new StringBuilder("'");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('\'').toString();
  }

  /** What the grammar says the parser must build: sections in order, statements as written. */
  private static List<String> expected(List<Item> items) {
    List<String> sections = new ArrayList<>();
    List<List<String>> bodies = new ArrayList<>();
    int global = -1;
    for (Item it : items) {
      Stmt st = it.stmt();
      if (st != null) {
        if (global < 0) {
          global = sections.size();
          sections.add("*");
          bodies.add(new ArrayList<>());
        }
        bodies.get(global).add(describe(st));
        continue;
      }
      sections.add(it.block());
      List<String> body = new ArrayList<>();
      it.body().forEach(s -> body.add(describe(s)));
      bodies.add(body);
      if (!it.nestedName().isEmpty()) {
        sections.add(it.block() + "." + it.nestedName());
        bodies.add(it.nested().stream().map(JailConfRoundTripProperties::describe).toList());
      }
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < sections.size(); i++) {
      out.add(sections.get(i) + " " + bodies.get(i));
    }
    return out;
  }

  private static String describe(Stmt s) {
    List<Ast.Value> values = new ArrayList<>();
    for (List<Piece> v : s.values()) {
      StringBuilder text = new StringBuilder();
      List<Ast.VarRef> refs = new ArrayList<>();
      for (Piece p : v) {
        if (p.ref()) {
          refs.add(new Ast.VarRef(p.text(), text.length()));
        } else {
          text.append(ByteStrings.fromText(p.text()));
        }
      }
      values.add(new Ast.Value(text.toString(), refs));
    }
    return describe(s.name(), s.variable(), s.op(), values);
  }

  private static String describe(String name, boolean variable, Ast.Op op, List<Ast.Value> v) {
    return (variable ? "$" : "") + name + " " + op + " " + v;
  }

  private static List<String> actual(String text) {
    List<Ast.Section> sections =
        new Parser(JailConfDialect.CURRENT, false, null)
            .parse("STDIN", ByteStrings.fromText(text), true);
    return sections.stream()
        .map(
            s ->
                s.name()
                    + " "
                    + s.statements().stream()
                        .map(st -> describe(st.name(), st.variable(), st.op(), st.values()))
                        .collect(Collectors.toList()))
        .toList();
  }

  @Test
  void renderedSyntaxTreesParseBackToThemselves() {
    qt().withExamples(400)
        .forAll(lists().of(item()).ofSizeBetween(0, 6))
        .checkAssert(
            items -> {
              String text = render(items);
              assertThat(actual(text)).as(text).isEqualTo(expected(items));
            });
  }
}
