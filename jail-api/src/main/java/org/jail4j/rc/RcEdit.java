package org.jail4j.rc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One {@code sysrc(8)} change: {@code name=value} (set), {@code name+=words} (append to a list) or
 * {@code name-=words} (remove from a list), with sysrc's rules for lists.
 *
 * <p>A list is split on a delimiter chosen by the first character of the words given, as sysrc
 * does: when that character is a blank (space, tab, newline), a letter, a digit, {@code .} or
 * {@code /} (or the words are empty), the delimiter is a space and both lists are split on runs of
 * blanks; any other first character ({@code ,}, {@code :}, {@code ;}, ...) is the delimiter, and
 * both lists are split on it alone. Empty items are skipped.
 *
 * <ul>
 *   <li>Append keeps the current value as it is and adds, each after one delimiter, every item that
 *       the current value does not hold yet; a leading delimiter is then dropped. {@code "a b" +=
 *       "b c"} gives {@code "a b c"}; {@code "" += ",x,y"} gives {@code "x,y"}.
 *   <li>Remove rebuilds the list from the current items that are not among the words, joined by the
 *       delimiter. {@code "a b c" -= "b"} gives {@code "a c"}; removing from an unset variable
 *       gives {@code ""} (sysrc then writes {@code name=""}).
 * </ul>
 *
 * <pre>{@code
 * RcEdit e = RcEdit.parse("cloned_interfaces+=lo1");
 * e.newValue("lo0");                           // "lo0 lo1"
 * RcEdit.parse("kld_list-=vmm").newValue("vmm nmdm"); // "nmdm"
 * }</pre>
 *
 * @param name the variable, {@code [A-Za-z_][A-Za-z0-9_]*}
 * @param op what the change does with {@code value}
 * @param value the value (set) or the words (append, remove), as given
 */
public record RcEdit(String name, Op op, String value) {

  /** What an {@link RcEdit} does. */
  public enum Op {
    /** {@code name=value}: the variable becomes the value. */
    SET,
    /** {@code name+=words}: the words not yet in the list are added. */
    APPEND,
    /** {@code name-=words}: the words are taken out of the list. */
    REMOVE
  }

  /**
   * The change, checked.
   *
   * @param name the variable
   * @param op the operation
   * @param value the value or words
   * @throws RcConfException when the name is not a shell variable name or the value has a NUL
   */
  public RcEdit {
    RcConf.checkName(name);
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(value, "value");
    if (value.indexOf('\0') >= 0) {
      throw RcConfException.forVariable(
          name, "a value cannot hold a NUL byte (sh cannot store one)");
    }
  }

  /**
   * Reads a sysrc argument: {@code name=value}, {@code name+=words} or {@code name-=words}. The
   * name ends at the first {@code =}; a {@code +} or {@code -} just before it chooses the list
   * operation, and everything after it is the value.
   *
   * @param argument the argument, e.g. {@code sshd_enable=YES}
   * @return the change
   * @throws RcConfException when there is no {@code =} or the name is not a valid variable name
   */
  public static RcEdit parse(String argument) {
    Objects.requireNonNull(argument, "argument");
    int eq = argument.indexOf('=');
    if (eq < 0) {
      throw RcConfException.forVariable(
          argument, "not a change: expected name=value, name+=value or name-=value");
    }
    String name = argument.substring(0, eq);
    String value = argument.substring(eq + 1);
    if (name.endsWith("+")) {
      return new RcEdit(name.substring(0, name.length() - 1), Op.APPEND, value);
    }
    if (name.endsWith("-")) {
      return new RcEdit(name.substring(0, name.length() - 1), Op.REMOVE, value);
    }
    return new RcEdit(name, Op.SET, value);
  }

  /**
   * The value the variable has after this change, from its value before.
   *
   * @param before the current value ({@code ""} when unset)
   * @return the new value
   */
  public String newValue(String before) {
    Objects.requireNonNull(before, "before");
    return switch (op) {
      case SET -> value;
      case APPEND -> append(before, value);
      case REMOVE -> remove(before, value);
    };
  }

  /**
   * sysrc's {@code name+=words}: {@code before} with every item of {@code words} it does not hold
   * added (see the class description for the delimiter).
   *
   * @param before the current list
   * @param words the items to add
   * @return the new list
   */
  public static String append(String before, String words) {
    Objects.requireNonNull(before, "before");
    char delim = delimiter(words);
    List<String> have = split(before, delim);
    StringBuilder sb = new StringBuilder(before);
    for (String a : split(words, delim)) {
      if (!have.contains(a)) {
        sb.append(delim).append(a);
      }
    }
    return dropLeading(sb.toString(), delim);
  }

  /**
   * sysrc's {@code name-=words}: the items of {@code before} that are not among {@code words},
   * joined by the delimiter (see the class description).
   *
   * @param before the current list
   * @param words the items to remove
   * @return the new list
   */
  public static String remove(String before, String words) {
    Objects.requireNonNull(before, "before");
    char delim = delimiter(words);
    List<String> gone = split(words, delim);
    StringBuilder sb = new StringBuilder();
    for (String b : split(before, delim)) {
      if (!gone.contains(b)) {
        sb.append(delim).append(b);
      }
    }
    return dropLeading(sb.toString(), delim);
  }

  /** The delimiter sysrc picks from the first character of the words. */
  static char delimiter(String words) {
    Objects.requireNonNull(words, "words");
    if (words.isEmpty()) {
      return ' ';
    }
    char c = words.charAt(0);
    if (isBlank(c)
        || (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '/') {
      return ' ';
    }
    return c;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n';
  }

  /** sh's field splitting with IFS = the default blanks (delim ' ') or the one delimiter. */
  private static List<String> split(String s, char delim) {
    List<String> out = new ArrayList<>();
    StringBuilder item = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (delim == ' ' ? isBlank(c) : c == delim) {
        if (item.length() > 0) {
          out.add(item.toString());
          item.setLength(0);
        }
      } else {
        item.append(c);
      }
    }
    if (item.length() > 0) {
      out.add(item.toString());
    }
    return out;
  }

  private static String dropLeading(String s, char delim) {
    return !s.isEmpty() && s.charAt(0) == delim ? s.substring(1) : s;
  }
}
