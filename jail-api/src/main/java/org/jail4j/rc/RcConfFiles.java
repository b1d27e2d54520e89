package org.jail4j.rc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The layered rc.conf files of a host as {@code sysrc(8)} reads and edits them: a defaults file
 * ({@code /etc/defaults/rc.conf}), then the files of {@code rc_conf_files} ({@code /etc/rc.conf
 * /etc/rc.conf.local} by default) or the files given with {@code sysrc -f}; later files override
 * earlier ones.
 *
 * <p>Reading follows the defaults' {@code source_rc_confs}: the defaults are sourced, then each
 * file of {@code rc_conf_files} in order, then once more each file of {@code rc_conf_files} as the
 * files left it (so a file can add files), every file at most once. Values are expanded as sourcing
 * does ({@link RcConf#evaluate(Map)}). A missing file (the defaults included) reads as empty; every
 * file read is held to {@link RcConf#MAX_FILE_BYTES}, and {@code rc_conf_files} to {@link
 * #MAX_RC_CONF_FILES} files.
 *
 * <p>Edits follow sysrc: a change goes to the file holding the last assignment of the variable
 * ({@link #fileOf(String)}); when only the defaults assign it, or nothing does, it goes to the
 * first file of the list (sysrc never edits the defaults). {@link #remove(String)} deletes the
 * variable from every file of the list ({@code sysrc -x}). Values are written escaped, so the file
 * assigns exactly the value given ({@link #setRaw(String, String)} writes a word that expands), in
 * double quotes, or in single quotes when the replaced line used them. Edits are held in memory
 * until {@link #write()}, which replaces each changed file atomically keeping its permissions.
 *
 * <pre>{@code
 * RcConfFiles rc = RcConfFiles.read(Path.of("/etc/defaults/rc.conf"));
 * rc.apply(RcEdit.parse("cloned_interfaces+=lo1")); // sysrc cloned_interfaces+=lo1
 * rc.fileOf("cloned_interfaces");                    // Optional[/etc/rc.conf]
 * rc.check(RcEdit.parse("sshd_enable=YES"));         // sysrc -c: true when nothing would change
 * rc.write();
 * }</pre>
 *
 * <p>Not thread-safe; the files are read once, so a change made by someone else between reading and
 * {@link #write()} is overwritten.
 */
public final class RcConfFiles {
  /** The defaults file sysrc reads when {@code RC_DEFAULTS} is not set. */
  public static final Path DEFAULTS = Path.of("/etc/defaults/rc.conf");

  static final String MAX_RC_CONF_FILES_NAME = "MAX_RC_CONF_FILES";

  /**
   * The most words {@code rc_conf_files} (or the explicit file list) may hold: 64. A longer list is
   * an {@link RcConfException} naming this limit. A file named twice, or a file that names itself
   * in {@code rc_conf_files}, is read once, as {@code source_rc_confs} does, so a loop cannot
   * occur.
   */
  public static final int MAX_RC_CONF_FILES = 64;

  private final @Nullable Path defaultsPath;
  private final RcConf defaults;
  private final @Nullable List<Path> explicit;
  private final long maxBytes;
  private final Map<Path, RcConf> docs = new LinkedHashMap<>();
  private final Set<Path> changed = new LinkedHashSet<>();

  private RcConfFiles(
      @Nullable Path defaultsPath, RcConf defaults, @Nullable List<Path> explicit, long maxBytes) {
    this.defaultsPath = defaultsPath;
    this.defaults = defaults;
    this.explicit = explicit;
    this.maxBytes = maxBytes;
  }

  /**
   * The files {@code sysrc} works on without {@code -f}: the defaults, then {@code rc_conf_files}.
   *
   * @param defaults the defaults file, e.g. {@link #DEFAULTS}; missing reads as empty
   * @return the files, read
   * @throws RcConfException when a file cannot be read or parsed, is larger than {@link
   *     RcConf#MAX_FILE_BYTES}, or {@code rc_conf_files} holds more than {@link #MAX_RC_CONF_FILES}
   */
  public static RcConfFiles read(Path defaults) {
    Objects.requireNonNull(defaults, "defaults");
    RcConfFiles f =
        new RcConfFiles(
            defaults,
            RcConf.readOrEmpty(defaults, RcConf.MAX_FILE_BYTES),
            null,
            RcConf.MAX_FILE_BYTES);
    f.state();
    return f;
  }

  /**
   * The files {@code sysrc -f FILE ...} works on: the defaults, then the given files in place of
   * {@code rc_conf_files}.
   *
   * @param defaults the defaults file, or null for none
   * @param files the files, earliest first; missing ones read as empty
   * @return the files, read
   * @throws RcConfException as {@link #read(Path)}, or when {@code files} is empty
   */
  public static RcConfFiles read(@Nullable Path defaults, List<Path> files) {
    RcConf d =
        defaults == null ? RcConf.empty() : RcConf.readOrEmpty(defaults, RcConf.MAX_FILE_BYTES);
    return create(defaults, d, files);
  }

  /**
   * The files {@code sysrc -f FILE ...} works on, with defaults already read (or built).
   *
   * @param defaults the defaults document
   * @param files the files, earliest first; missing ones read as empty
   * @return the files, read
   * @throws RcConfException as {@link #read(Path, List)}
   */
  public static RcConfFiles of(RcConf defaults, List<Path> files) {
    Objects.requireNonNull(defaults, "defaults");
    return create(null, defaults, files);
  }

  private static RcConfFiles create(@Nullable Path path, RcConf defaults, List<Path> files) {
    Objects.requireNonNull(files, "files");
    if (files.isEmpty()) {
      throw RcConfException.at(null, 0, "no rc.conf file given (sysrc -f needs at least one)");
    }
    checkCount(files.size(), "the file list");
    for (Path p : files) {
      Objects.requireNonNull(p, "files");
    }
    RcConfFiles f = new RcConfFiles(path, defaults, List.copyOf(files), RcConf.MAX_FILE_BYTES);
    f.state();
    return f;
  }

  // ---- reading ------------------------------------------------------------------------------

  /** The defaults file, when the defaults were read from one. */
  public Optional<Path> defaultsFile() {
    return Optional.ofNullable(defaultsPath);
  }

  /** The defaults document (empty when the file is missing). */
  public RcConf defaults() {
    return defaults;
  }

  /**
   * The files sysrc searches and edits, in order: the {@code -f} files, or the words of {@code
   * rc_conf_files} after sourcing everything.
   */
  public List<Path> files() {
    return state().files;
  }

  /** Every file sourced, in order (both passes of {@code source_rc_confs}), each once. */
  public List<Path> sourced() {
    return state().sourced;
  }

  /**
   * The document of one file of the list (empty when the file is missing), with the edits made so
   * far.
   *
   * @param file a file of {@link #files()} or {@link #sourced()}
   * @return the document
   * @throws RcConfException when the file cannot be read or parsed
   */
  public RcConf document(Path file) {
    Objects.requireNonNull(file, "file");
    return doc(file);
  }

  /**
   * The value of a variable after sourcing the defaults and the files, expanded.
   *
   * @param name the variable
   * @return the value, or empty when nothing assigns it
   */
  public Optional<String> get(String name) {
    RcConf.checkName(name);
    return Optional.ofNullable(state().vars.get(name));
  }

  /**
   * True when the defaults or a file assign the variable (even to {@code ""}).
   *
   * @param name the variable
   * @return whether it is set
   */
  public boolean contains(String name) {
    return get(name).isPresent();
  }

  /** Every variable the defaults and the files set, with its value, by name ({@code sysrc -A}). */
  public Map<String, String> values() {
    return Collections.unmodifiableMap(new TreeMap<>(state().vars));
  }

  /**
   * The variables the files set (not only the defaults), with their values, by name ({@code sysrc
   * -a}).
   */
  public Map<String, String> nonDefaultValues() {
    State s = state();
    Map<String, String> out = new TreeMap<>();
    for (Path p : s.sourced) {
      for (String name : doc(p).names()) {
        out.put(name, Objects.requireNonNull(s.vars.get(name)));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The file holding the last assignment of a variable ({@code sysrc -F}): the last file of {@link
   * #files()} that assigns it, else the defaults file when the defaults assign it.
   *
   * @param name the variable
   * @return the file, or empty when nothing (or only defaults given as a document) assigns it
   */
  public Optional<Path> fileOf(String name) {
    RcConf.checkName(name);
    List<Path> files = files();
    for (int i = files.size() - 1; i >= 0; i--) {
      if (doc(files.get(i)).contains(name)) {
        return Optional.of(files.get(i));
      }
    }
    return defaults.contains(name) ? Optional.ofNullable(defaultsPath) : Optional.empty();
  }

  /**
   * The file a change of the variable goes to: {@link #fileOf(String)} unless that is the defaults
   * or nothing, then the first file of {@link #files()}.
   *
   * @param name the variable
   * @return the file
   * @throws RcConfException when the file list is empty (an empty {@code rc_conf_files})
   */
  public Path fileFor(String name) {
    RcConf.checkName(name);
    List<Path> files = files();
    for (int i = files.size() - 1; i >= 0; i--) {
      if (doc(files.get(i)).contains(name)) {
        return files.get(i);
      }
    }
    if (files.isEmpty()) {
      throw RcConfException.forVariable(
          name, "no file to write: rc_conf_files is empty (give the files explicitly)");
    }
    return files.get(0);
  }

  /**
   * The description of a variable in the defaults ({@code sysrc -d}), see {@link
   * RcConf#describe(String)}.
   *
   * @param name the variable
   * @return the description, or empty when the defaults do not assign it
   */
  public Optional<String> describe(String name) {
    return defaults.describe(name);
  }

  /**
   * {@code sysrc -c}: true when the variable is set and the change would leave its value as it is;
   * false when it is unset or the change would change it. Nothing is changed.
   *
   * @param edit the change
   * @return whether the change is already in effect
   */
  public boolean check(RcEdit edit) {
    Objects.requireNonNull(edit, "edit");
    Optional<String> before = get(edit.name());
    return before.isPresent() && edit.newValue(before.get()).equals(before.get());
  }

  /**
   * The value a change would give the variable (its current value being {@link #get(String)},
   * {@code ""} when unset).
   *
   * @param edit the change
   * @return the new value
   */
  public String newValue(RcEdit edit) {
    Objects.requireNonNull(edit, "edit");
    return edit.newValue(get(edit.name()).orElse(""));
  }

  // ---- edits --------------------------------------------------------------------------------

  /**
   * Applies a change as sysrc does: {@code name=value}, {@code name+=words}, {@code name-=words}
   * from the current (layered, expanded) value, written to {@link #fileFor(String)}.
   *
   * @param edit the change
   * @return this
   * @throws RcConfException as {@link #set(String, String)}
   */
  public RcConfFiles apply(RcEdit edit) {
    return set(edit.name(), newValue(edit));
  }

  /**
   * Sets a variable in {@link #fileFor(String)}: the last assignment there is rewritten in place,
   * otherwise {@code name="value"} is appended to the first file. The value is written so the file
   * assigns exactly it (double quotes with {@code \ " $ `} escaped; single quotes kept when the
   * line had them and the value has no {@code '}).
   *
   * @param name the variable
   * @param value the value
   * @return this
   * @throws RcConfException as {@link RcConf#set(String, String)}, or as {@link #fileFor(String)}
   */
  public RcConfFiles set(String name, String value) {
    Path file = fileFor(name);
    RcConf doc = doc(file);
    QuoteStyle style =
        doc.quoting(name).orElse(QuoteStyle.DOUBLE) == QuoteStyle.SINGLE
            ? QuoteStyle.SINGLE
            : QuoteStyle.DOUBLE;
    doc.set(name, value, style);
    changed.add(file);
    return this;
  }

  /**
   * Sets a variable to a shell word written as given (sysrc's unescaped write), in {@link
   * #fileFor(String)}; see {@link RcConf#setRaw(String, String)}.
   *
   * @param name the variable
   * @param shellWord the right-hand side as it should appear, e.g. {@code "${cron_flags} -J 15"}
   * @return this
   * @throws RcConfException as {@link RcConf#setRaw(String, String)}
   */
  public RcConfFiles setRaw(String name, String shellWord) {
    Path file = fileFor(name);
    doc(file).setRaw(name, shellWord);
    changed.add(file);
    return this;
  }

  /**
   * {@code sysrc -x}: deletes every assignment of the variable from every file of {@link #files()}
   * (never from the defaults).
   *
   * @param name the variable
   * @return true when a file held an assignment
   * @throws RcConfException for an invalid name
   */
  public boolean remove(String name) {
    RcConf.checkName(name);
    boolean any = false;
    for (Path p : files()) {
      if (doc(p).remove(name)) {
        changed.add(p);
        any = true;
      }
    }
    return any;
  }

  /** The files changed since reading (or the last {@link #write()}), in the order changed. */
  public List<Path> changedFiles() {
    return List.copyOf(changed);
  }

  /**
   * Writes every changed file, each replaced atomically with the permissions of the file it
   * replaces (0644 for a new file). Links are followed: these are the host's own files.
   *
   * @throws RcConfException when a file cannot be written (e.g. its directory is missing)
   */
  public void write() {
    for (Path p : List.copyOf(changed)) {
      doc(p).write(p, true);
      changed.remove(p);
    }
  }

  // ---- internals ----------------------------------------------------------------------------

  private RcConf doc(Path p) {
    RcConf d = docs.get(p);
    if (d == null) {
      d = RcConf.readOrEmpty(p, maxBytes);
      docs.put(p, d);
    }
    return d;
  }

  private record State(Map<String, String> vars, List<Path> sourced, List<Path> files) {}

  private State state() {
    Map<String, String> vars = new LinkedHashMap<>(defaults.evaluate(Map.of()));
    if (explicit != null) {
      vars.put("rc_conf_files", join(explicit));
    }
    List<Path> sourced = new ArrayList<>();
    for (int pass = 0; pass < 2; pass++) {
      for (Path p : words(vars.get("rc_conf_files"))) {
        if (!sourced.contains(p)) {
          sourced.add(p);
          vars = new LinkedHashMap<>(doc(p).evaluate(vars));
        }
      }
    }
    List<Path> files = explicit != null ? explicit : words(vars.get("rc_conf_files"));
    return new State(Collections.unmodifiableMap(vars), List.copyOf(sourced), files);
  }

  private static String join(List<Path> files) {
    StringBuilder sb = new StringBuilder();
    for (Path p : files) {
      sb.append(sb.length() == 0 ? "" : " ").append(p);
    }
    return sb.toString();
  }

  /** The words of rc_conf_files (split on blanks, as the unquoted expansion is), as paths. */
  private static List<Path> words(@Nullable String list) {
    List<Path> out = new ArrayList<>();
    if (list == null) {
      return out;
    }
    for (String w : list.trim().split("[ \\t\\n]+", -1)) {
      if (!w.isEmpty()) {
        try {
          out.add(Path.of(w));
        } catch (java.nio.file.InvalidPathException e) {
          throw RcConfException.forVariable("rc_conf_files", "not a file name: " + w);
        }
      }
    }
    checkCount(out.size(), "rc_conf_files");
    return out;
  }

  private static void checkCount(int count, String what) {
    if (count > MAX_RC_CONF_FILES) {
      throw RcConfException.overLimit(
          null,
          MAX_RC_CONF_FILES_NAME,
          MAX_RC_CONF_FILES,
          what
              + " names "
              + count
              + " files, more than "
              + MAX_RC_CONF_FILES_NAME
              + " ("
              + MAX_RC_CONF_FILES
              + ")");
    }
  }
}
