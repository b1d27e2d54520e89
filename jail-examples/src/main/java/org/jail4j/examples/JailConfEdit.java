package org.jail4j.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.jail4j.conf.JailConf;
import org.jail4j.conf.JailConfDocument;
import org.jail4j.conf.JailConfDocument.Scope;
import org.jail4j.conf.JailConfEditException;
import org.jail4j.conf.JailConfException;
import org.jail4j.conf.JailConfValue;

/**
 * Edits a jail.conf in place, the way sysrc(8) edits rc.conf, through {@link JailConfDocument}:
 * every comment, variable, global and wildcard section stays, and only the touched lines change.
 *
 * <pre>{@code
 * JailConfEdit [-f file] [-o | -s] [-t] operand ...
 * java -cp ... org.jail4j.examples.JailConfEdit web.host.hostname=www.example.org web.ip4.addr+=10.0.0.5
 * java -cp ... org.jail4j.examples.JailConfEdit -f /tmp/jail.conf -x web.allow.raw_sockets -a mail
 * }</pre>
 *
 * <p>Operands, applied in order: {@code jail.param} prints the jail's values ({@code jail.param:
 * v1,v2}); {@code jail.param=value} sets one literal value ({@code jail.param=} a valueless
 * statement such as {@code persist;}), {@code jail.param+=value} appends one, each printing {@code
 * jail.param: before -> after}; {@code jail.$var=value} sets a variable; {@code -x jail.param}
 * removes; {@code -a jail} adds a jail, {@code -d jail} removes one. {@code *} as the jail means
 * the globals ({@code *.exec.clean=}). The jail is the longest block name the operand starts with,
 * so {@code a.b.path} is jail {@code a.b} when the file has it. {@code -f} names the file (default
 * {@code /etc/jail.conf}); a value the jail shares with others (a global, a wildcard) is refused
 * unless {@code -o} (override in the jail) or {@code -s} (edit the shared section) says which;
 * {@code -t} writes values as templates ({@code $name} expands). The file is written once, after
 * every operand worked; when one fails nothing is written and the exit status is 1.
 */
public final class JailConfEdit {
  static final String USAGE =
      "usage: JailConfEdit [-f file] [-o | -s] [-t] "
          + "jail.param[[+]=value] | jail.$var=value | -x jail.param | -a jail | -d jail ...";

  private JailConfEdit() {}

  /**
   * Edits the file.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    System.out.flush();
    System.exit(status);
  }

  /** The options given. */
  private static final class Options {
    Path file = Path.of("/etc/jail.conf");
    Scope scope = Scope.REFUSE_SHARED;
    boolean template;
  }

  /**
   * What {@link #main} does before exiting.
   *
   * @param args the arguments
   * @param out standard output
   * @param err standard error
   * @return the exit status
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Options o = new Options();
    int i = 0;
    try {
      for (; i < args.length && isOption(args[i]); i++) {
        switch (args[i]) {
          case "-f" -> o.file = Path.of(argument(args, ++i, 'f'));
          case "-o" -> o.scope = Scope.OVERRIDE_IN_JAIL;
          case "-s" -> o.scope = Scope.EDIT_SHARED;
          case "-t" -> o.template = true;
          default -> throw new IllegalArgumentException("illegal option -- " + args[i].charAt(1));
        }
      }
    } catch (IllegalArgumentException e) {
      err.println("JailConfEdit: " + e.getMessage());
      err.println(USAGE);
      return 1;
    }
    if (i >= args.length) {
      err.println(USAGE);
      return 1;
    }
    JailConfDocument doc;
    try {
      doc = JailConfDocument.read(o.file);
    } catch (JailConfException e) {
      err.println(e.getMessage());
      return 1;
    }
    boolean edited = false;
    try {
      for (; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "-x" -> {
            Target t = target(doc, argument(args, ++i, 'x'));
            if (t.global()) {
              doc.removeGlobal(t.param());
            } else {
              doc.remove(t.jail(), t.param(), o.scope);
            }
          }
          case "-a" -> doc.addJail(argument(args, ++i, 'a'));
          case "-d" -> doc.removeJail(argument(args, ++i, 'd'));
          default -> {
            if (!operand(doc, o, a, out)) {
              continue;
            }
          }
        }
        edited = true;
      }
    } catch (JailConfEditException | IllegalArgumentException e) {
      err.println("JailConfEdit: " + e.getMessage());
      return 1;
    }
    if (edited) {
      doc.write(o.file);
    }
    return 0;
  }

  private static boolean isOption(String a) {
    return a.length() == 2 && a.charAt(0) == '-' && "fost".indexOf(a.charAt(1)) >= 0;
  }

  private static String argument(String[] args, int i, char option) {
    if (i >= args.length) {
      throw new IllegalArgumentException("option requires an argument -- " + option);
    }
    return args[i];
  }

  /** A jail (or {@code *}) and a parameter or variable name. */
  private record Target(String jail, String param) {
    boolean global() {
      return jail.equals("*");
    }
  }

  /** Splits {@code jail.param} at the longest jail or section name it starts with. */
  private static Target target(JailConfDocument doc, String spec) {
    String best = spec.startsWith("*.") ? "*" : null;
    for (String n : doc.blockNames()) {
      if (spec.startsWith(n + ".") && (best == null || n.length() > best.length())) {
        best = n;
      }
    }
    if (best == null || spec.length() <= best.length() + 1) {
      throw new IllegalArgumentException(spec + ": no jail of the file starts it (jail.param)");
    }
    return new Target(best, spec.substring(best.length() + 1));
  }

  /** One {@code jail.param[[+]=value]} operand; false when it only printed. */
  private static boolean operand(JailConfDocument doc, Options o, String a, PrintStream out) {
    int eq = a.indexOf('=');
    if (eq < 0) {
      Target t = target(doc, a);
      JailConf conf = doc.evaluate();
      List<String> values =
          conf.jail(t.jail())
              .flatMap(j -> j.values(t.param()))
              .orElseThrow(() -> new IllegalArgumentException(a + ": not set"));
      out.println(a + ": " + String.join(",", values));
      return false;
    }
    boolean append = eq > 0 && a.charAt(eq - 1) == '+';
    Target t = target(doc, a.substring(0, append ? eq - 1 : eq));
    String value = a.substring(eq + 1);
    List<JailConfValue> values =
        value.isEmpty() && !append
            ? List.of()
            : List.of(o.template ? JailConfValue.template(value) : JailConfValue.literal(value));
    boolean variable = t.param().startsWith("$");
    String name = variable ? t.param().substring(1) : t.param();
    String before = shown(doc, t);
    if (t.global()) {
      if (variable) {
        doc.setGlobalVariable(name, values);
      } else {
        doc.setGlobal(name, values);
      }
    } else if (variable) {
      doc.setVariable(t.jail(), name, values, o.scope);
    } else if (append) {
      doc.append(t.jail(), name, values, o.scope);
    } else {
      doc.set(t.jail(), name, values, o.scope);
    }
    if (!variable) {
      out.println(t.jail() + "." + name + ": " + before + " -> " + shown(doc, t));
    }
    return true;
  }

  private static String shown(JailConfDocument doc, Target t) {
    return doc.evaluate()
        .jail(t.jail())
        .flatMap(j -> j.values(t.param()))
        .map(v -> String.join(",", v))
        .orElse("");
  }
}
