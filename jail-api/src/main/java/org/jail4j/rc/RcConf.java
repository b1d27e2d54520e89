package org.jail4j.rc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jail4j.rc.RcEntry.Assignment;
import org.jail4j.rc.RcEntry.Part;
import org.jail4j.rc.RcEntry.RcWord;
import org.jspecify.annotations.Nullable;

/**
 * An rc.conf(5) file (or an rc.conf.d snippet) as an editable document, what {@code sysrc(8)}
 * edits: reading it gives every assignment's value, editing it changes only the lines concerned,
 * and the text of an unedited document is the file byte for byte (comments, order, blank lines,
 * quoting, tabs, a missing final newline).
 *
 * <p>rc.conf is a {@code /bin/sh} fragment that rc sources. This class reads it with the shell's
 * lexical rules: {@code NAME=VALUE} with the value unquoted, in {@code '...'}, in {@code "..."}
 * (with backslash escapes), or several pieces joined; backslash-newline continuations; quoted
 * values spanning lines; trailing {@code # comments}. {@code $name}, {@code ${...}}, {@code $(...)}
 * and backquotes are kept as text in {@link #get(String)}; {@link #evaluate(Map)} expands variable
 * references the way sourcing would. Any other statement ({@code . /etc/other}, {@code if ...},
 * {@code a=1; b=2}, a template line such as {@code ifconfig_e0b_@NAME@="DHCP"}) is kept verbatim
 * and ignored, or refused by {@link #parseStrict(String)}. When a variable is assigned more than
 * once the last assignment wins, as when the file is sourced.
 *
 * <p>Edits follow sysrc(8): {@link #set(String, String)} replaces the <em>last</em> assignment of
 * the variable in place (keeping its indentation, quote style and trailing comment) or appends
 * {@code name="value"} at the end; {@link #remove(String)} deletes every assignment of it. Values
 * are written so that sourcing the file assigns exactly the given text: {@code $} and backquotes
 * are escaped, so a value can never run a command. {@link #setRaw(String, String)} writes a shell
 * word as given, for values that should expand (e.g. {@code "${cron_flags} -J 15"}).
 *
 * <p>A document is mutable and not thread-safe; edits return {@code this} for chaining and check
 * everything before changing anything. {@link RcConfFiles} edits the layered files of a host (the
 * defaults, then {@code rc_conf_files}) the way sysrc chooses among them.
 *
 * <pre>{@code
 * RcConf rc = RcConf.readFrom(root);                  // ROOT/etc/rc.conf, links refused
 * rc.enable("sshd").disable("sendmail").hostname("web.example.org").set("syslogd_flags", "-ss");
 * rc.addAlias("em0", "inet 192.0.2.10/32");           // ifconfig_em0_alias0 (next free N)
 * boolean ssh = rc.checkYesNo("sshd_enable").isYes();
 * rc.writeInto(root);                                 // atomic replace, links refused
 * }</pre>
 */
public final class RcConf {
  /** Characters an unquoted value may hold without any quoting. */
  private static final String SAFE_UNQUOTED =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-";

  private final List<RcEntry> entries;
  private final @Nullable String source;
  private final Charset charset;

  // the index of each name's last assignment: built on first use, kept by put, dropped by remove,
  // so get and set cost O(1) instead of a scan of the file
  private @Nullable Map<String, Integer> lastAssignment;

  private RcConf(List<RcEntry> entries, @Nullable String source, Charset charset) {
    this.entries = entries;
    this.source = source;
    this.charset = charset;
  }

  // ---- reading ------------------------------------------------------------------------------

  /** An empty document. */
  public static RcConf empty() {
    return new RcConf(new ArrayList<>(), null, StandardCharsets.UTF_8);
  }

  /**
   * Parses rc.conf text. Statements that are not assignments are kept verbatim and ignored.
   *
   * @param text the file's text
   * @return the document
   * @throws RcConfException when {@code /bin/sh} could not read the text either (an unterminated
   *     quote, <code>${</code> or <code>$(</code>; a NUL byte), naming the line
   */
  public static RcConf parse(String text) {
    Objects.requireNonNull(text, "text");
    return new RcConf(
        new ArrayList<>(RcParser.parse(text, null, false)), null, StandardCharsets.UTF_8);
  }

  /**
   * Parses rc.conf text accepting only assignments, comments and blank lines, as a file meant to be
   * read by tools other than the shell should be.
   *
   * @param text the file's text
   * @return the document
   * @throws RcConfException at the first statement that is not an assignment (naming the line and,
   *     for {@code NAME=VALUE} with an invalid name, the name), or any error of {@link
   *     #parse(String)}
   */
  public static RcConf parseStrict(String text) {
    Objects.requireNonNull(text, "text");
    return new RcConf(
        new ArrayList<>(RcParser.parse(text, null, true)), null, StandardCharsets.UTF_8);
  }

  /** The name of the file size limit, as {@link RcConfException#limit()} reports it. */
  static final String MAX_FILE_BYTES_NAME = "MAX_FILE_BYTES";

  /**
   * The largest rc.conf file {@link #read(Path)}, {@link #readFrom(Path)} and {@code
   * Preflight.checkRoot} read by default: 16 MiB. A real rc.conf is a few KiB; the limit keeps a
   * hostile or sparse file from exhausting the heap. {@link #readFrom(Path, long)} and {@link
   * #read(Path, long)} take another limit.
   */
  public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

  static final String MAX_EXPANSION_DEPTH_NAME = "MAX_EXPANSION_DEPTH";

  /**
   * How deep {@link #evaluate(Map)} follows nested defaults such as <code>${a:-${b:-${c}}}</code>:
   * 100. Deeper nesting is an {@link RcConfException} naming this limit, never a {@code
   * StackOverflowError}.
   */
  public static final int MAX_EXPANSION_DEPTH = 100;

  static final String MAX_EXPANSION_CHARS_NAME = "MAX_EXPANSION_CHARS";

  /**
   * How many characters one {@link #evaluate(Map)} call may produce in all its expanded values: 16
   * Mi (16,777,216). A doubling chain (<code>y2="${y1}${y1}"</code>, <code>y3="${y2}${y2}"</code>,
   * ...) past it is an {@link RcConfException} naming this limit, never an {@code
   * OutOfMemoryError}.
   */
  public static final long MAX_EXPANSION_CHARS = 16L * 1024 * 1024;

  /** The file under a root that {@link #readFrom(Path)} and {@link #writeInto(Path)} use. */
  private static final String ROOT_RC_CONF = "etc/rc.conf";

  /**
   * Reads a host rc.conf file, such as the host's own {@code /etc/rc.conf}. Links are followed, so
   * this is for files the host controls; a jail's {@code etc/rc.conf} is read with {@link
   * #readFrom(Path)}, which refuses links planted by the jail. The bytes are decoded as UTF-8 when
   * they are valid UTF-8 and as ISO-8859-1 otherwise, and written back the same way, so every file
   * round-trips byte for byte.
   *
   * @param file the file
   * @return the document
   * @throws RcConfException when the file cannot be read or parsed, is not a regular file, or is
   *     larger than {@link #MAX_FILE_BYTES}, naming the file
   */
  public static RcConf read(Path file) {
    return read(file, MAX_FILE_BYTES);
  }

  /**
   * Reads a host rc.conf file as {@link #read(Path)} does, with another size limit.
   *
   * @param file the file
   * @param maxBytes the largest file read, in bytes
   * @return the document
   * @throws RcConfException when the file cannot be read or parsed, is not a regular file, or is
   *     larger than {@code maxBytes}
   */
  public static RcConf read(Path file, long maxBytes) {
    checkLimit(maxBytes);
    return decode(RcFiles.readHost(file, maxBytes), file.toString());
  }

  /**
   * Reads {@code etc/rc.conf} under a jail's root without following links: a symlink anywhere below
   * the root ({@code etc} or {@code etc/rc.conf}) is refused, as is a file that is not a regular
   * file (checked before opening it, so a FIFO does not block) or one larger than {@link
   * #MAX_FILE_BYTES}. A root without {@code etc/rc.conf} gives an empty document, as {@code sysrc
   * -R} treats a missing file; {@link #writeInto(Path)} then creates it.
   *
   * <pre>{@code
   * RcConf rc = RcConf.readFrom(root);   // ROOT/etc/rc.conf
   * rc.enable("sshd").writeInto(root);
   * }</pre>
   *
   * @param root the jail's root directory (the host's path; it may itself be a link)
   * @return the document, empty when the file does not exist
   * @throws RcConfException when a component is a symlink, the file is not a regular file, is too
   *     large, cannot be read or cannot be parsed, naming the file
   */
  public static RcConf readFrom(Path root) {
    return readFrom(root, MAX_FILE_BYTES);
  }

  /**
   * Reads {@code etc/rc.conf} under a jail's root as {@link #readFrom(Path)} does, with another
   * size limit.
   *
   * @param root the jail's root directory
   * @param maxBytes the largest file read, in bytes
   * @return the document, empty when the file does not exist
   * @throws RcConfException as {@link #readFrom(Path)}
   */
  public static RcConf readFrom(Path root, long maxBytes) {
    Objects.requireNonNull(root, "root");
    checkLimit(maxBytes);
    String name = root.resolve(ROOT_RC_CONF).toString();
    byte[] bytes = RcFiles.readBelow(root, ROOT_RC_CONF, maxBytes);
    return bytes == null
        ? new RcConf(new ArrayList<>(), name, StandardCharsets.UTF_8)
        : decode(bytes, name);
  }

  /** Reads a file below a root for {@code Preflight}: null when it does not exist. */
  static @Nullable RcConf readBelow(Path root, String relative) {
    byte[] bytes = RcFiles.readBelow(root, relative, MAX_FILE_BYTES);
    return bytes == null ? null : decode(bytes, root.resolve(relative).toString());
  }

  /** Reads a host file, or an empty document named after it when it does not exist (sysrc). */
  static RcConf readOrEmpty(Path file, long maxBytes) {
    checkLimit(maxBytes);
    byte[] bytes = RcFiles.readHostIfExists(file, maxBytes);
    return bytes == null
        ? new RcConf(new ArrayList<>(), file.toString(), StandardCharsets.UTF_8)
        : decode(bytes, file.toString());
  }

  private static void checkLimit(long maxBytes) {
    if (maxBytes < 0 || maxBytes >= Integer.MAX_VALUE - 8) {
      throw new RcConfException(
          null,
          0,
          null,
          "maxBytes must be 0.." + (Integer.MAX_VALUE - 9) + " (one Java array), not " + maxBytes,
          null);
    }
  }

  private static RcConf decode(byte[] bytes, String source) {
    Charset cs = StandardCharsets.UTF_8;
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      cs = StandardCharsets.ISO_8859_1;
      text = new String(bytes, cs);
    }
    return new RcConf(new ArrayList<>(RcParser.parse(text, source, false)), source, cs);
  }

  /** An independent copy of this document. */
  public RcConf copy() {
    List<RcEntry> copy = new ArrayList<>();
    for (RcEntry e : entries) {
      copy.add(copyOf(e));
    }
    return new RcConf(copy, source, charset);
  }

  private static RcEntry copyOf(RcEntry e) {
    if (e instanceof Assignment a) {
      return new Assignment(a.text(), a.name, a.valueStart, a.valueEnd, a.word);
    }
    RcEntry.Verbatim v = (RcEntry.Verbatim) e;
    return new RcEntry.Verbatim(v.text(), v.kind);
  }

  // ---- queries ------------------------------------------------------------------------------

  /**
   * The value of a variable: its last assignment, with quotes and backslashes removed and {@code $}
   * references left as text.
   *
   * @param name the variable
   * @return the value, or empty when the file does not assign it
   */
  public Optional<String> get(String name) {
    Assignment a = last(name);
    return a == null ? Optional.empty() : Optional.of(a.value());
  }

  /**
   * How the last assignment of a variable quotes its value.
   *
   * @param name the variable
   * @return the style, or empty when the file does not assign it
   */
  public Optional<QuoteStyle> quoting(String name) {
    Assignment a = last(name);
    return a == null ? Optional.empty() : Optional.of(a.word.style());
  }

  /**
   * True when the file assigns the variable.
   *
   * @param name the variable
   * @return whether an assignment exists
   */
  public boolean contains(String name) {
    return last(name) != null;
  }

  /** Every variable the file assigns, once each, in the order of their first assignment. */
  public List<String> names() {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (RcEntry e : entries) {
      if (e instanceof Assignment a) {
        names.add(a.name);
      }
    }
    return List.copyOf(names);
  }

  /** Every assignment statement in file order, duplicates included, with its line. */
  public List<RcAssignment> assignments() {
    List<RcAssignment> out = new ArrayList<>();
    int line = 1;
    for (RcEntry e : entries) {
      if (e instanceof Assignment a) {
        out.add(new RcAssignment(a.name, a.value(), a.word.style(), line));
      }
      line += newlines(e.text());
    }
    return Collections.unmodifiableList(out);
  }

  /** The variables and their values as the file leaves them (last assignment wins), unexpanded. */
  public Map<String, String> values() {
    Map<String, String> out = new LinkedHashMap<>();
    for (RcEntry e : entries) {
      if (e instanceof Assignment a) {
        out.put(a.name, a.value());
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * rc.subr's {@code checkyesno} on a variable of this file.
   *
   * @param name the variable, e.g. {@code sshd_enable}
   * @return yes, no, or "not set properly" (which rc.subr treats as no, with a warning)
   */
  public YesNo checkYesNo(String name) {
    return YesNo.of(name, get(name));
  }

  /**
   * The variables after sourcing this file on top of {@code before} (for example the values of
   * /etc/defaults/rc.conf, then of /etc/rc.conf for an rc.conf.local): each assignment in order,
   * with {@code $name}, {@code ${name}}, {@code ${name:-word}} and {@code ${name-word}} expanded
   * from the variables so far (unset is empty). Command substitutions, arithmetic and special
   * parameters are left as text; other statements are not run.
   *
   * <pre>{@code
   * // cron_flags="${cron_flags} -J 15" on top of the defaults' cron_flags="":
   * rc.evaluate(Map.of("cron_flags", "")).get("cron_flags"); // " -J 15"
   * }</pre>
   *
   * @param before the variables set before this file is sourced
   * @return every variable afterwards, in order of first assignment
   * @throws RcConfException when the expansion goes past {@link #MAX_EXPANSION_DEPTH} or {@link
   *     #MAX_EXPANSION_CHARS}, naming the limit ({@link RcConfException#limit()}) and the line
   */
  public Map<String, String> evaluate(Map<String, String> before) {
    Map<String, String> vars = new LinkedHashMap<>(before);
    int line = 1;
    long spent = 0;
    for (RcEntry e : entries) {
      if (e instanceof Assignment a) {
        RcExpansion x = new RcExpansion(source, line);
        x.charge(spent);
        StringBuilder sb = new StringBuilder();
        for (Part p : a.word.parts()) {
          String piece = p.expression() ? x.expand(p.text(), vars) : p.text();
          x.charge(piece.length());
          spent += piece.length();
          sb.append(piece);
        }
        vars.put(a.name, sb.toString());
      }
      line += newlines(e.text());
    }
    return Collections.unmodifiableMap(vars);
  }

  /**
   * The value of a variable after {@link #evaluate(Map) sourcing} this file with nothing set
   * before.
   *
   * @param name the variable
   * @return the expanded value, or empty when the file does not assign it
   * @throws RcConfException as {@link #evaluate(Map)}, past an expansion limit
   */
  public Optional<String> expand(String name) {
    return contains(name) ? Optional.ofNullable(evaluate(Map.of()).get(name)) : Optional.empty();
  }

  /**
   * The description of a variable in a defaults file such as {@code /etc/defaults/rc.conf}, as
   * {@code sysrc -d} gives it: the comment after the first assignment of the variable, joined with
   * the comment lines that follow it (up to a line that is not a comment, a blank line or a
   * commented-out assignment such as {@code #kld_list=""}), blanks around the text removed.
   *
   * <pre>{@code
   * // sshd_enable="NO"		# Enable sshd
   * defaults.describe("sshd_enable"); // Optional[Enable sshd]
   * }</pre>
   *
   * @param name the variable
   * @return the description ({@code ""} when the assignment has no comment), or empty when the file
   *     does not assign the variable
   * @throws RcConfException for an invalid name
   */
  public Optional<String> describe(String name) {
    checkName(name);
    String[] lines = toString().split("\n", -1);
    int count = lines.length;
    if (count > 0 && lines[count - 1].isEmpty()) {
      count--; // the final newline ends the last line; it starts no other
    }
    java.util.regex.Pattern assigns = java.util.regex.Pattern.compile("^\\s*" + name + "=");
    for (int i = 0; i < count; i++) {
      if (!assigns.matcher(lines[i]).find()) {
        continue;
      }
      StringBuilder buffer = new StringBuilder(lines[i].replaceFirst("^[^#]*(#\\s*)?", ""));
      for (int j = i + 1; j < count; j++) {
        String l = lines[j];
        if (!l.matches("^\\s*#.*")
            || l.matches("^\\s*[A-Za-z_][A-Za-z0-9_]*=.*")
            || l.matches("^\\s*#[A-Za-z_][A-Za-z0-9_]*=.*")) {
          break;
        }
        buffer.append(' ').append(l.substring(l.lastIndexOf('#') + 1).replaceFirst("^\\s*", ""));
      }
      return Optional.of(buffer.toString().strip());
    }
    return Optional.empty();
  }

  /**
   * The description of a variable in a defaults file, as {@link #describe(String)} gives it; a
   * missing file describes nothing, as for sysrc.
   *
   * @param defaults the defaults file, e.g. {@code /etc/defaults/rc.conf}
   * @param name the variable
   * @return the description, or empty when the file (or the variable) is missing
   * @throws RcConfException when the file cannot be read or parsed, or is larger than {@link
   *     #MAX_FILE_BYTES}
   */
  public static Optional<String> describe(Path defaults, String name) {
    Objects.requireNonNull(defaults, "defaults");
    checkName(name);
    return readOrEmpty(defaults, MAX_FILE_BYTES).describe(name);
  }

  // ---- edits --------------------------------------------------------------------------------

  /**
   * Adds words to a list variable, as {@code sysrc name+=words} does with this file alone: the
   * words the current value ({@link #get(String)}, {@code ""} when unset) lacks are appended, see
   * {@link RcEdit#append(String, String)} for the delimiter, and the result is {@link #set(String,
   * String) set}.
   *
   * <pre>{@code
   * rc.append("cloned_interfaces", "lo1");      // "lo0" -> "lo0 lo1"; again: unchanged
   * }</pre>
   *
   * @param name the variable
   * @param words the items to add
   * @return this document
   * @throws RcConfException as {@link #set(String, String)}
   */
  public RcConf append(String name, String words) {
    checkName(name);
    return set(name, RcEdit.append(get(name).orElse(""), words));
  }

  /**
   * Removes words from a list variable, as {@code sysrc name-=words} does with this file alone (see
   * {@link RcEdit#remove(String, String)}); an unset variable becomes {@code ""}.
   *
   * @param name the variable
   * @param words the items to remove
   * @return this document
   * @throws RcConfException as {@link #set(String, String)}
   */
  public RcConf subtract(String name, String words) {
    checkName(name);
    return set(name, RcEdit.remove(get(name).orElse(""), words));
  }

  /**
   * Sets a variable, as {@code sysrc name=value} does: the last assignment is rewritten in place
   * keeping its quote style (or double quotes when the value cannot be written in that style),
   * otherwise {@code name="value"} is appended. The file then assigns exactly {@code value}.
   *
   * @param name the variable, {@code [A-Za-z_][A-Za-z0-9_]*}
   * @param value the value; any text without NUL (newlines are written inside quotes)
   * @return this document
   * @throws RcConfException for an invalid name, a NUL byte, or a value the file's encoding cannot
   *     hold
   */
  public RcConf set(String name, String value) {
    checkName(name);
    checkValue(name, value);
    Assignment a = last(name);
    QuoteStyle style = a == null ? QuoteStyle.DOUBLE : a.word.style();
    return put(name, quote(value, style));
  }

  /**
   * Sets a variable written in the given quote style (falling back to double quotes when the value
   * cannot be written in it); otherwise like {@link #set(String, String)}.
   *
   * @param name the variable
   * @param value the value
   * @param style the quote style
   * @return this document
   * @throws RcConfException as {@link #set(String, String)}
   */
  public RcConf set(String name, String value, QuoteStyle style) {
    checkName(name);
    checkValue(name, value);
    return put(name, quote(value, style));
  }

  /**
   * Sets a variable to a shell word written as given, for a value that should expand when the file
   * is sourced: {@code setRaw("cron_flags", "\"${cron_flags} -J 15\"")}. The word must be exactly
   * one complete shell word (quotes closed, no unquoted blanks or operators).
   *
   * @param name the variable
   * @param shellWord the right-hand side as it should appear in the file
   * @return this document
   * @throws RcConfException when the name is invalid or the text is not one complete word
   */
  public RcConf setRaw(String name, String shellWord) {
    checkName(name);
    checkValue(name, shellWord);
    RcWord w = RcParser.parseWord(shellWord);
    if (w == null) {
      throw RcConfException.forVariable(
          name,
          "not one complete shell word: "
              + shellWord
              + " (close every quote, quote blanks and ; & | < > ( ))");
    }
    return put(name, shellWord);
  }

  private RcConf put(String name, String rawWord) {
    RcWord word = Objects.requireNonNull(RcParser.parseWord(rawWord));
    int index = lastIndex(name);
    if (index >= 0) {
      entries.set(index, ((Assignment) entries.get(index)).withWord(rawWord, word));
      return this;
    }
    if (!entries.isEmpty()) {
      RcEntry tail = entries.get(entries.size() - 1);
      if (!tail.text().endsWith("\n")) {
        tail.text(tail.text() + "\n");
      }
    }
    String text = name + "=" + rawWord + "\n";
    entries.add(
        new Assignment(text, name, name.length() + 1, name.length() + 1 + rawWord.length(), word));
    Map<String, Integer> known = lastAssignment;
    if (known != null) {
      known.put(name, entries.size() - 1);
    }
    return this;
  }

  /**
   * Deletes every assignment of a variable, as {@code sysrc -x} does; other lines stay.
   *
   * @param name the variable
   * @return true when something was deleted
   * @throws RcConfException for an invalid name
   */
  public boolean remove(String name) {
    checkName(name);
    boolean removed = entries.removeIf(e -> e instanceof Assignment a && a.name.equals(name));
    if (removed) {
      lastAssignment = null; // later indexes moved
    }
    return removed;
  }

  // ---- typed helpers ------------------------------------------------------------------------

  /**
   * Enables a service: {@code NAME_enable="YES"}.
   *
   * @param service the rc.d name, e.g. {@code sshd}
   * @return this document
   * @throws RcConfException when {@code service_enable} is not a valid name
   */
  public RcConf enable(String service) {
    return set(service + "_enable", "YES");
  }

  /**
   * Disables a service: {@code NAME_enable="NO"}.
   *
   * @param service the rc.d name
   * @return this document
   * @throws RcConfException when {@code service_enable} is not a valid name
   */
  public RcConf disable(String service) {
    return set(service + "_enable", "NO");
  }

  /**
   * Whether {@code NAME_enable} is yes for checkyesno.
   *
   * @param service the rc.d name
   * @return true for YES/TRUE/ON/1
   */
  public boolean isEnabled(String service) {
    return checkYesNo(service + "_enable").isYes();
  }

  /**
   * The variable name rc's network.subr uses for an interface: {@code ifconfig_} plus the name with
   * {@code .}, {@code -}, {@code /} and {@code +} turned into {@code _} ({@code em0.100} -> {@code
   * ifconfig_em0_100}).
   *
   * @param iface the interface name
   * @return the variable name
   * @throws RcConfException when the result is not a valid variable name
   */
  public static String ifconfigVariable(String iface) {
    String mangled = iface.replace('.', '_').replace('-', '_').replace('/', '_').replace('+', '_');
    String name = "ifconfig_" + mangled;
    if (iface.isEmpty() || !RcParser.isName(name)) {
      throw RcConfException.forVariable(
          name, "interface name \"" + iface + "\" gives no valid variable name");
    }
    return name;
  }

  /**
   * Sets {@code ifconfig_IF}, e.g. {@code ifconfig("vnet0", "inet 192.0.2.5/24")} or {@code
   * "SYNCDHCP"}.
   *
   * @param iface the interface
   * @param arguments the ifconfig(8) arguments or DHCP/SYNCDHCP/up
   * @return this document
   * @throws RcConfException for an interface name that gives no valid variable
   */
  public RcConf ifconfig(String iface, String arguments) {
    return set(ifconfigVariable(iface), arguments);
  }

  /**
   * The value of {@code ifconfig_IF}.
   *
   * @param iface the interface
   * @return the value, or empty
   */
  public Optional<String> ifconfig(String iface) {
    return get(ifconfigVariable(iface));
  }

  /**
   * Adds an alias {@code ifconfig_IF_aliasN} with the next free N. network.subr reads {@code
   * alias0}, {@code alias1}, ... and stops at the first missing number, so the next free N is the
   * first missing one: the new alias is always read.
   *
   * @param iface the interface
   * @param arguments the alias, e.g. {@code inet 192.0.2.10/32}
   * @return the variable written, e.g. {@code ifconfig_em0_alias1}
   * @throws RcConfException for an interface name that gives no valid variable
   */
  public String addAlias(String iface, String arguments) {
    String base = ifconfigVariable(iface) + "_alias";
    int n = 0;
    while (contains(base + n)) {
      n++;
    }
    set(base + n, arguments);
    return base + n;
  }

  /**
   * The aliases network.subr applies to an interface: {@code alias0}, {@code alias1}, ... up to the
   * first missing number.
   *
   * @param iface the interface
   * @return the values in order
   */
  public List<String> aliases(String iface) {
    String base = ifconfigVariable(iface) + "_alias";
    List<String> out = new ArrayList<>();
    for (int n = 0; ; n++) {
      Optional<String> v = get(base + n);
      if (v.isEmpty()) {
        return Collections.unmodifiableList(out);
      }
      out.add(v.get());
    }
  }

  /**
   * Sets {@code defaultrouter}.
   *
   * @param router an address (or {@code NO})
   * @return this document
   */
  public RcConf defaultRouter(String router) {
    return set("defaultrouter", router);
  }

  /** The value of {@code defaultrouter}. */
  public Optional<String> defaultRouter() {
    return get("defaultrouter");
  }

  /**
   * Sets {@code hostname}.
   *
   * @param hostname the host name
   * @return this document
   */
  public RcConf hostname(String hostname) {
    return set("hostname", hostname);
  }

  /** The value of {@code hostname}. */
  public Optional<String> hostname() {
    return get("hostname");
  }

  /**
   * Raises the securelevel at boot: {@code kern_securelevel_enable="YES"} and {@code
   * kern_securelevel="N"}. Inside a jail the level can only be raised above the jail's {@code
   * securelevel} parameter.
   *
   * @param level -1 to 3
   * @return this document
   * @throws RcConfException when the level is outside -1..3
   */
  public RcConf securelevel(int level) {
    if (level < -1 || level > 3) {
      throw RcConfException.forVariable(
          "kern_securelevel", "must be -1, 0, 1, 2 or 3 (init(8)), not " + level);
    }
    set("kern_securelevel_enable", "YES");
    return set("kern_securelevel", Integer.toString(level));
  }

  /**
   * The securelevel set at boot: {@code kern_securelevel} when {@code kern_securelevel_enable} is
   * yes and the level is a number.
   */
  public OptionalInt securelevel() {
    if (!checkYesNo("kern_securelevel_enable").isYes()) {
      return OptionalInt.empty();
    }
    Optional<String> v = get("kern_securelevel");
    if (v.isPresent()) {
      try {
        return OptionalInt.of(Integer.parseInt(v.get().trim()));
      } catch (NumberFormatException e) {
        return OptionalInt.empty();
      }
    }
    return OptionalInt.empty();
  }

  /**
   * Leaves the securelevel alone at boot: {@code kern_securelevel_enable="NO"}.
   *
   * @return this document
   */
  public RcConf noSecurelevel() {
    return set("kern_securelevel_enable", "NO");
  }

  /**
   * Sets {@code clear_tmp_enable}: clear /tmp at boot.
   *
   * @param clear whether to clear
   * @return this document
   */
  public RcConf clearTmp(boolean clear) {
    return set("clear_tmp_enable", clear ? "YES" : "NO");
  }

  // ---- writing ------------------------------------------------------------------------------

  /** The file's text: byte for byte the parsed text when nothing was edited. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (RcEntry e : entries) {
      sb.append(e.text());
    }
    return sb.toString();
  }

  /** The file's bytes, in the encoding it was read with (UTF-8 for parsed text). */
  public byte[] toBytes() {
    return toString().getBytes(charset);
  }

  /**
   * Writes {@code etc/rc.conf} under a jail's root, replacing it atomically, without following
   * links: a symlink on the way ({@code etc} or {@code etc/rc.conf}) is refused, as is an existing
   * file that is not a regular file; the temporary file is made in the checked {@code etc}
   * directory and renamed over the file. {@code etc} must exist.
   *
   * @param root the jail's root directory (the host's path; it may itself be a link)
   * @throws RcConfException when a component is a symlink, {@code etc} does not exist, the existing
   *     file is not a regular file, or the write fails, naming the file
   */
  public void writeInto(Path root) {
    Objects.requireNonNull(root, "root");
    RcFiles.writeBelow(root, ROOT_RC_CONF, toBytes());
  }

  /**
   * Writes the document to a host file, replacing it atomically (a temporary file in the same
   * folder, then a rename, so a reader sees the old or the new file, never half of one). Links are
   * followed, so this is for files the host controls; a jail's {@code etc/rc.conf} is written with
   * {@link #writeInto(Path)}, which refuses symlinks planted by the jail.
   *
   * @param file the file
   * @throws RcConfException when the file cannot be written
   */
  public void write(Path file) {
    write(file, false);
  }

  /**
   * Writes as {@link #write(Path)}; with {@code keepMode} the new file gets the permissions of the
   * file it replaces (0644 for a new file), as sysrc's edits keep them.
   */
  void write(Path file, boolean keepMode) {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
      Files.write(tmp, toBytes());
      if (keepMode) {
        keepMode(file, tmp);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the write already failed; that error is the one to report
        }
      }
      throw new RcConfException(file.toString(), 0, null, "cannot write: " + e, e);
    }
  }

  private static void keepMode(Path file, Path tmp) throws IOException {
    if (!Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
      return;
    }
    java.util.Set<java.nio.file.attribute.PosixFilePermission> mode;
    try {
      mode = Files.getPosixFilePermissions(file);
    } catch (java.nio.file.NoSuchFileException e) {
      mode = java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
    }
    Files.setPosixFilePermissions(tmp, mode);
  }

  // ---- internals ----------------------------------------------------------------------------

  private @Nullable Assignment last(String name) {
    int i = lastIndex(name);
    return i < 0 ? null : (Assignment) entries.get(i);
  }

  private int lastIndex(String name) {
    Map<String, Integer> index = lastAssignment;
    if (index == null) {
      index = new HashMap<>();
      for (int i = 0; i < entries.size(); i++) {
        if (entries.get(i) instanceof Assignment a) {
          index.put(a.name, i);
        }
      }
      lastAssignment = index;
    }
    Integer i = index.get(name);
    return i == null ? -1 : i;
  }

  private static int newlines(String s) {
    int c = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        c++;
      }
    }
    return c;
  }

  static void checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (!RcParser.isName(name)) {
      throw RcConfException.forVariable(
          name, "not a valid variable name (a name is [A-Za-z_][A-Za-z0-9_]*)");
    }
  }

  private void checkValue(String name, String value) {
    Objects.requireNonNull(value, "value");
    if (value.indexOf('\0') >= 0) {
      throw RcConfException.forVariable(
          name, "a value cannot hold a NUL byte (sh cannot store one)");
    }
    CharsetEncoder enc = charset.newEncoder();
    if (!enc.canEncode(CharBuffer.wrap(value))) {
      throw RcConfException.forVariable(
          name, "the value has characters the file's encoding " + charset.name() + " cannot hold");
    }
  }

  /** The shell word that assigns exactly {@code value}, in {@code style} when possible. */
  static String quote(String value, QuoteStyle style) {
    if (style == QuoteStyle.NONE && isSafeUnquoted(value)) {
      return value;
    }
    if (style == QuoteStyle.SINGLE && value.indexOf('\'') < 0) {
      return "'" + value + "'";
    }
    StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == '"' || c == '$' || c == '`') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.append('"').toString();
  }

  private static boolean isSafeUnquoted(String value) {
    if (value.isEmpty()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (SAFE_UNQUOTED.indexOf(value.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }
}
