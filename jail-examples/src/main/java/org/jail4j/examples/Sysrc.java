package org.jail4j.examples;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jail4j.rc.RcConfException;
import org.jail4j.rc.RcConfFiles;
import org.jail4j.rc.RcEdit;

/**
 * A small sysrc(8): queries and edits the host's rc.conf files through {@link RcConfFiles} and
 * {@link RcEdit}, printing what sysrc prints.
 *
 * <pre>{@code
 * sysrc [-f file[,file...]] [-aAcdFinqx] [-D defaults] name[[+|-]=value] ...
 * java -cp ... org.jail4j.examples.Sysrc sshd_enable=YES cloned_interfaces+=lo1
 * java -cp ... org.jail4j.examples.Sysrc -f /tmp/rc.conf -c sshd_enable=YES
 * }</pre>
 *
 * <p>{@code name} prints {@code name: value}; {@code name=value}, {@code name+=value} and {@code
 * name-=value} change the file that holds the variable (else the first file) and print {@code name:
 * before -> after}. {@code -f} works on the given files instead of {@code rc_conf_files}
 * (repeatable; commas or blanks separate several), {@code -D} reads another defaults file than
 * {@code /etc/defaults/rc.conf} (sysrc takes it from {@code RC_DEFAULTS}; its own {@code -D} shows
 * defaults only), {@code -x} deletes, {@code -c} only checks, {@code -n} leaves names out, {@code
 * -F} prints the file instead of the value, {@code -d} describes from the defaults, {@code -a} /
 * {@code -A} list the variables of the files / including the defaults, {@code -i} ignores unknown
 * variables, {@code -q} is quiet. Exit status as sysrc: 0, or 1 when a variable is unknown, a
 * change or a read fails, bad usage, or, with {@code -c}, a variable is unset or would change.
 */
public final class Sysrc {
  static final String USAGE =
      "usage: sysrc [-f file[,file...]] [-aAcdFinqx] [-D defaults] name[[+|-]=value] ...";

  private Sysrc() {}

  /**
   * Runs sysrc on the host's files.
   *
   * @param args sysrc's arguments
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    System.out.flush();
    System.exit(status);
  }

  /** The options given. */
  private static final class Options {
    final List<Path> files = new ArrayList<>();
    Path defaults = RcConfFiles.DEFAULTS;
    int showAll;
    boolean check;
    boolean delete;
    boolean describe;
    boolean showFile;
    boolean showName = true;
    boolean ignoreUnknowns;
    boolean quiet;
  }

  /**
   * What {@link #main} does before exiting.
   *
   * @param args sysrc's arguments
   * @param out standard output
   * @param err standard error
   * @return the exit status
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Options o = new Options();
    int i = 0;
    try {
      i = options(args, o);
    } catch (IllegalArgumentException e) {
      err.println("sysrc: " + e.getMessage());
      err.println(USAGE);
      return 1;
    }
    List<String> rest = List.of(args).subList(i, args.length);
    for (String arg : rest) {
      String name = nameOf(arg);
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        err.println("sysrc: " + name + ": name contains characters not allowed in shell");
        return 1;
      }
    }
    if (rest.isEmpty() && o.showAll == 0) {
      err.println(USAGE);
      return 1;
    }
    if (o.delete && o.showAll > 0) {
      err.println("sysrc: `-x' option incompatible with `-a'/`-A' options");
      return 1;
    }
    if (o.check && o.showAll > 0) {
      err.println("sysrc: `-c' option incompatible with `-a'/`-A' options");
      return 1;
    }
    RcConfFiles rc;
    try {
      rc = o.files.isEmpty() ? RcConfFiles.read(o.defaults) : RcConfFiles.read(o.defaults, o.files);
    } catch (RcConfException e) {
      err.println("sysrc: " + e.getMessage());
      return 1;
    }
    if (o.showAll > 0) {
      return showAll(rc, o, out);
    }
    int status = 0;
    for (String arg : rest) {
      try {
        if (!one(rc, o, arg, out, err)) {
          status = 1;
        }
      } catch (RcConfException e) {
        err.println("sysrc: " + e.getMessage());
        status = 1;
      }
    }
    return status;
  }

  /** Reads the options like getopts; returns the index of the first operand. */
  private static int options(String[] args, Options o) {
    int i = 0;
    while (i < args.length) {
      String a = args[i];
      if (a.equals("--")) {
        return i + 1;
      }
      if (!a.startsWith("-") || a.length() < 2) {
        return i;
      }
      for (int k = 1; k < a.length(); k++) {
        char c = a.charAt(k);
        switch (c) {
          case 'a' -> o.showAll = Math.max(o.showAll, 1);
          case 'A' -> o.showAll = 2;
          case 'c' -> o.check = true;
          case 'd' -> o.describe = true;
          case 'F' -> o.showFile = true;
          case 'i' -> o.ignoreUnknowns = true;
          case 'n' -> o.showName = false;
          case 'q' -> o.quiet = true;
          case 'x' -> o.delete = true;
          case 'f', 'D' -> {
            String value;
            if (k + 1 < a.length()) {
              value = a.substring(k + 1);
            } else if (i + 1 < args.length) {
              value = args[++i];
            } else {
              throw new IllegalArgumentException("option requires an argument -- " + c);
            }
            k = a.length();
            try {
              if (c == 'D') {
                o.defaults = Path.of(value);
              } else {
                for (String f : value.split("[,\\s]+", -1)) {
                  if (!f.isEmpty()) {
                    o.files.add(Path.of(f));
                  }
                }
              }
            } catch (InvalidPathException e) {
              throw new IllegalArgumentException("not a file name: " + value, e);
            }
          }
          default -> throw new IllegalArgumentException("illegal option -- " + c);
        }
      }
      i++;
    }
    return i;
  }

  /** The variable an argument names: up to the first {@code =}, without a final + or -. */
  private static String nameOf(String arg) {
    int eq = arg.indexOf('=');
    if (eq < 0) {
      return arg;
    }
    String name = arg.substring(0, eq);
    return name.endsWith("+") || name.endsWith("-") ? name.substring(0, name.length() - 1) : name;
  }

  private static int showAll(RcConfFiles rc, Options o, PrintStream out) {
    Map<String, String> vars = o.showAll == 2 ? rc.values() : rc.nonDefaultValues();
    for (Map.Entry<String, String> v : vars.entrySet()) {
      String name = v.getKey();
      if (o.describe) {
        out.println(name + ": " + rc.describe(name).orElse(""));
      } else if (o.showFile) {
        out.println(prefix(o, name) + rc.fileOf(name).map(Path::toString).orElse(""));
      } else {
        out.println(prefix(o, name) + v.getValue());
      }
    }
    return 0;
  }

  private static String prefix(Options o, String name) {
    return o.showName ? name + ": " : "";
  }

  /** One operand; false when it fails (or, with -c, when it is unset or would change). */
  private static boolean one(
      RcConfFiles rc, Options o, String arg, PrintStream out, PrintStream err) {
    String name = nameOf(arg);
    if (o.describe) {
      out.println(name + ": " + rc.describe(name).orElse(""));
    }
    if (arg.indexOf('=') >= 0) {
      if (o.delete) {
        rc.remove(name);
        rc.write();
        return true;
      }
      RcEdit edit = RcEdit.parse(arg);
      Optional<String> current = rc.get(name);
      String newValue = rc.newValue(edit);
      if (o.check) {
        return current.isPresent() && newValue.equals(current.get());
      }
      String before = o.showFile ? file(rc, name) : current.orElse("");
      rc.set(name, newValue);
      rc.write();
      String after = o.showFile ? file(rc, name) : rc.get(name).orElse("");
      out.println(prefix(o, name) + before + " -> " + after);
      return true;
    }
    if (!rc.contains(name)) {
      if (!o.ignoreUnknowns && !o.quiet) {
        err.println("sysrc: unknown variable '" + name + "'");
      }
      return false;
    }
    if (o.check || o.describe) {
      return true;
    }
    if (o.delete) {
      rc.remove(name);
      rc.write();
      return true;
    }
    if (o.showFile) {
      out.println(prefix(o, name) + file(rc, name));
      return true;
    }
    out.println(prefix(o, name) + rc.get(name).orElse(""));
    return true;
  }

  private static String file(RcConfFiles rc, String name) {
    return rc.fileOf(name).map(Path::toString).orElse("");
  }
}
