package org.jail4j.conf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jail4j.Jail;
import org.jail4j.JailException;
import org.jail4j.conf.JailConfEditException.Reason;
import org.jail4j.conf.internal.Ast;
import org.jail4j.conf.internal.Ast.Statement;
import org.jail4j.conf.internal.ByteStrings;
import org.jail4j.conf.internal.ConfStyle;
import org.jail4j.conf.internal.ConfTree;
import org.jail4j.conf.internal.EvaluationDiff;
import org.jail4j.conf.internal.Evaluator;
import org.jail4j.conf.internal.ParamNames;
import org.jail4j.conf.internal.Parser;
import org.jail4j.conf.internal.Placement;
import org.jail4j.conf.internal.Quoting;
import org.jspecify.annotations.Nullable;

/**
 * A jail.conf(5) file kept as written, for editing: every byte (comments of the three styles,
 * whitespace, quotes, joined pieces, {@code .include}s, {@code +=}, wildcard sections, globals,
 * {@code $variables}) stays as it is, an untouched document writes back byte for byte, and each
 * edit changes only the lines it touches, writing new lines in the file's own indentation, spacing,
 * quotes and line endings.
 *
 * <p>The document is parsed by the same parser as {@link JailConf}, and {@link #evaluate()} is the
 * same evaluation, so an edited document reads exactly as jail(8) will read the written file. Every
 * edit is checked by evaluating the result before it is kept: an edit that would not do what it
 * says (a later wildcard sets the parameter again), would break a jail (a variable that is not
 * found), or would change what other jails read without the caller saying so is refused with a
 * {@link JailConfEditException} naming the reason, the section and the other jails, and the
 * document stays as it was. Each kept edit returns a {@link Change} naming every jail whose
 * evaluation changed.
 *
 * <p>A value that a jail gets from the globals or a wildcard section is shared with the other jails
 * reading that section. Editing it for one jail needs an explicit {@link Scope}: {@link
 * Scope#OVERRIDE_IN_JAIL} writes the change in the jail's own block (the others keep theirs),
 * {@link Scope#EDIT_SHARED} edits the shared statement (the others change too). Edits of a wildcard
 * section that change any jail need {@link Scope#EDIT_SHARED}; {@link #setGlobal} and {@link
 * #setGlobalVariable} are themselves that choice.
 *
 * <pre>{@code
 * JailConfDocument doc = JailConfDocument.read(Path.of("/etc/jail.conf"));
 * doc.set("web", "host.hostname", "www.example.org");
 * doc.append("web", "ip4.addr", "10.0.0.5");
 * doc.set("web", "path", List.of(JailConfValue.template("/var/jail/$name")),
 *     JailConfDocument.Scope.OVERRIDE_IN_JAIL);
 * doc.remove("web", "allow.raw_sockets");
 * doc.addJail("db");
 * doc.setGlobal("exec.clean");                        // valueless: true
 * doc.setGlobalVariable("ip", "10.0.0.9");
 * doc.write(Path.of("/etc/jail.conf"));
 * }</pre>
 */
public final class JailConfDocument {

  /** Where an edit for one jail goes when the value is shared with other jails. */
  public enum Scope {
    /**
     * Refuse ({@link Reason#SHARED}) when the value comes from the globals or a wildcard section,
     * or when an edit of a wildcard section would change any jail.
     */
    REFUSE_SHARED,
    /** Write the change in the jail's own block; the other jails keep what they read. */
    OVERRIDE_IN_JAIL,
    /**
     * Edit the statements the value comes from, wherever they are; the other jails reading them
     * change too (named in the {@link Change}).
     */
    EDIT_SHARED
  }

  /**
   * What an edit changed.
   *
   * @param changedJails every jail whose evaluation (parameters or problems) changed, added or
   *     removed, in file order
   */
  public record Change(List<String> changedJails) {
    /** Copies the list. */
    public Change {
      changedJails = List.copyOf(changedJails);
    }
  }

  private record State(String bytes, ConfTree tree, List<Evaluator.Jail> jails, ConfStyle style) {}

  private final JailConfDialect dialect;
  private final boolean allowIncludes;
  private final @Nullable Path baseDirectory;
  private final String name;
  private final boolean stdin;
  private State state;

  private JailConfDocument(
      JailConfDialect dialect,
      boolean allowIncludes,
      @Nullable Path baseDirectory,
      String name,
      String bytes,
      boolean stdin) {
    this.dialect = dialect;
    this.allowIncludes = allowIncludes;
    this.baseDirectory = baseDirectory;
    this.name = name;
    this.stdin = stdin;
    this.state = parseState(bytes);
  }

  /** A document over bytes (one per char), parsed with a parser's options. */
  static JailConfDocument of(
      JailConfDialect dialect,
      boolean allowIncludes,
      @Nullable Path baseDirectory,
      String name,
      String bytes,
      boolean stdin) {
    return new JailConfDocument(dialect, allowIncludes, baseDirectory, name, bytes, stdin);
  }

  /**
   * Parses text as the current jail(8) does, named {@code STDIN} in messages.
   *
   * @param text the file's text
   * @return the document
   * @throws JailConfException when jail(8) would reject the text
   */
  public static JailConfDocument parse(String text) {
    return JailConf.parser().document(text);
  }

  /**
   * Reads a file as the current jail(8) does.
   *
   * @param file the file
   * @return the document
   * @throws JailConfException when jail(8) would reject it, or it cannot be read
   */
  public static JailConfDocument read(Path file) {
    return JailConf.parser().readDocument(file);
  }

  private State parseState(String bytes) {
    if (bytes.length() > Parser.MAX_FILE_BYTES) {
      throw new JailConfException(List.of(Parser.tooLarge(name)));
    }
    ConfTree tree = new ConfTree(bytes);
    List<Ast.Section> sections =
        new Parser(dialect, allowIncludes, baseDirectory).listen(tree).parse(name, bytes, stdin);
    tree.finish();
    return new State(bytes, tree, Evaluator.evaluate(sections, dialect), ConfStyle.of(tree));
  }

  // ---- reading -----------------------------------------------------------------------------

  /** The file's text (its bytes decoded as UTF-8). */
  public String text() {
    return ByteStrings.toText(state.tree.write());
  }

  /** The file's bytes, exactly: an untouched document gives the bytes it was read from. */
  public byte[] bytes() {
    return state.tree.write().getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * Writes the bytes to a file.
   *
   * @param file the file
   * @throws JailException when it cannot be written
   */
  public void write(Path file) {
    try {
      Files.write(file, bytes());
    } catch (IOException e) {
      throw new JailException("jail.conf write", null, file + ": " + e.getMessage());
    }
  }

  /**
   * The full (dotted) name of every block of the file, jails and wildcard sections, in file order
   * (not of included files).
   *
   * @return the names, as text
   */
  public List<String> blockNames() {
    return state.tree.blocks().stream().map(b -> ByteStrings.toText(b.name())).toList();
  }

  /** The document evaluated as jail(8) reads it (the same parser and evaluation as JailConf). */
  public JailConf evaluate() {
    return new JailConf(state.jails);
  }

  @Override
  public String toString() {
    return text();
  }

  // ---- edits -------------------------------------------------------------------------------

  /**
   * Sets a jail's parameter to literal values ({@link Scope#REFUSE_SHARED}); no value gives a
   * valueless statement ({@code persist;}).
   *
   * @param jail the jail's block name, or a wildcard section's
   * @param param the parameter
   * @param literals the values
   * @return what changed
   * @throws JailConfEditException when refused (the document is unchanged)
   */
  public Change set(String jail, String param, String... literals) {
    return set(jail, param, literals(literals), Scope.REFUSE_SHARED);
  }

  /**
   * Sets a jail's (or a wildcard section's) parameter: the block's statements of that parameter are
   * replaced by one {@code param = values;} at the place of the first (or one is added at the end
   * of the block), and the jail must then read exactly that statement.
   *
   * @param jail the jail's block name, or a wildcard section's
   * @param param the parameter
   * @param values the values (none: valueless)
   * @param scope what to do when the value is shared with other jails
   * @return what changed
   * @throws JailConfEditException when refused (the document is unchanged)
   */
  public Change set(String jail, String param, List<JailConfValue> values, Scope scope) {
    return assign(new Edit("set", jail, param, false), values, scope);
  }

  /**
   * Appends literal values to a jail's parameter with {@code +=}.
   *
   * @param jail the jail's block name
   * @param param the parameter
   * @param literals the values, at least one
   * @return what changed
   * @throws JailConfEditException when refused (the document is unchanged)
   */
  public Change append(String jail, String param, String... literals) {
    return append(jail, param, literals(literals), Scope.REFUSE_SHARED);
  }

  /**
   * Appends values to a jail's (or a wildcard section's) parameter: {@code param += values;} at the
   * end of its block, so that the jail reads what it read before followed by these values.
   *
   * @param jail the jail's block name, or a wildcard section's
   * @param param the parameter
   * @param values the values, at least one
   * @param scope for a wildcard section: {@link Scope#EDIT_SHARED} to change the jails it matches
   * @return what changed
   * @throws JailConfEditException when refused (the document is unchanged)
   */
  public Change append(String jail, String param, List<JailConfValue> values, Scope scope) {
    Edit e = new Edit("append", jail, param, false);
    if (values.isEmpty()) {
      throw e.refuse(Reason.INVALID, "+= needs a value");
    }
    ConfTree.Block b = block(e);
    String stmt = state.style.statement(e.nameB, false, Ast.Op.APPEND, syntax(values));
    List<Placement.Splice> splices = List.of(placement().insertInBlock(b, stmt));
    if (Evaluator.wildName(b.name())) {
      return commit(e, splices, wildcardCheck(e, scope));
    }
    List<String> expected = new ArrayList<>(valuesOf(jail(e), e.nameB));
    boolean literal = values.stream().noneMatch(JailConfValue::isTemplate);
    values.forEach(v -> expected.add(ByteStrings.fromText(v.text())));
    return commit(
        e,
        splices,
        (next, changed) -> {
          onlyThisJail(e, changed);
          Evaluator.Jail after = jailIn(next, e.nameS);
          List<Statement> from = origin(after, e);
          boolean ours = !from.isEmpty() && stmtText(next, from.get(from.size() - 1)).equals(stmt);
          if (!ours || (literal && !valuesOf(after, e.nameB).equals(expected))) {
            throw overridden(e, next, from, b);
          }
        });
  }

  /**
   * Removes a jail's parameter ({@link Scope#REFUSE_SHARED}).
   *
   * @param jail the jail's block name, or a wildcard section's
   * @param param the parameter
   * @return what changed
   * @throws JailConfEditException when refused (the document is unchanged)
   */
  public Change remove(String jail, String param) {
    return remove(jail, param, Scope.REFUSE_SHARED);
  }

  /**
   * Removes a jail's (or a wildcard section's) statements of a parameter, whole lines where a
   * statement has its line to itself. With {@link Scope#OVERRIDE_IN_JAIL} only the block's own
   * statements go (a shared value then shows again); with {@link Scope#EDIT_SHARED} the shared
   * statements the value comes from go too.
   *
   * @param jail the jail's block name, or a wildcard section's
   * @param param the parameter
   * @param scope what to do when the value is shared with other jails
   * @return what changed
   * @throws JailConfEditException when refused (the document is unchanged)
   */
  public Change remove(String jail, String param, Scope scope) {
    return unset(new Edit("remove", jail, param, false), scope);
  }

  /**
   * Sets a variable in a jail's block ({@code $name = values;}) to literal values ({@link
   * Scope#REFUSE_SHARED}).
   *
   * @param jail the jail's block name, or a wildcard section's
   * @param variable the variable's name, without {@code $}
   * @param literals the values, at least one
   * @return what changed
   * @throws JailConfEditException when refused (the document is unchanged)
   */
  public Change setVariable(String jail, String variable, String... literals) {
    return setVariable(jail, variable, literals(literals), Scope.REFUSE_SHARED);
  }

  /**
   * Adds or changes a variable of one jail (or a wildcard section), as {@link #set(String, String,
   * List, Scope)} does for a parameter.
   *
   * @param jail the jail's block name, or a wildcard section's
   * @param variable the variable's name, without {@code $}
   * @param values the values, at least one
   * @param scope what to do when the variable is shared with other jails
   * @return what changed
   * @throws JailConfEditException when refused (the document is unchanged)
   */
  public Change setVariable(String jail, String variable, List<JailConfValue> values, Scope scope) {
    return assign(new Edit("set variable", jail, variable, true), values, scope);
  }

  /**
   * Sets a global parameter to literal values.
   *
   * @param param the parameter
   * @param literals the values (none: valueless)
   * @return what changed, naming every jail that now reads another value
   * @throws JailConfEditException when refused (the document is unchanged)
   */
  public Change setGlobal(String param, String... literals) {
    return setGlobal(param, literals(literals));
  }

  /**
   * Sets a global parameter: the top-level statements of that parameter are replaced by one at the
   * place of the first, or one is added after the last global statement before the first block (or
   * on its own line before the first block), where every jail's own statements override it. This is
   * the explicit choice to change every jail that reads it; they are named in the result.
   *
   * @param param the parameter
   * @param values the values (none: valueless)
   * @return what changed
   * @throws JailConfEditException when refused (the document is unchanged)
   */
  public Change setGlobal(String param, List<JailConfValue> values) {
    return assign(new Edit("set global", null, param, false), values, Scope.EDIT_SHARED);
  }

  /**
   * Removes the global statements of a parameter.
   *
   * @param param the parameter
   * @return what changed
   * @throws JailConfEditException when refused (the document is unchanged)
   */
  public Change removeGlobal(String param) {
    return unset(new Edit("remove global", null, param, false), Scope.EDIT_SHARED);
  }

  /**
   * Adds or changes a global variable to literal values.
   *
   * @param variable the variable's name, without {@code $}
   * @param literals the values, at least one
   * @return what changed
   * @throws JailConfEditException when refused (the document is unchanged)
   */
  public Change setGlobalVariable(String variable, String... literals) {
    return setGlobalVariable(variable, literals(literals));
  }

  /**
   * Adds or changes a global variable, as {@link #setGlobal(String, List)} does for a parameter.
   *
   * @param variable the variable's name, without {@code $}
   * @param values the values, at least one
   * @return what changed
   * @throws JailConfEditException when refused (the document is unchanged)
   */
  public Change setGlobalVariable(String variable, List<JailConfValue> values) {
    return assign(new Edit("set global variable", null, variable, true), values, Scope.EDIT_SHARED);
  }

  /**
   * Adds an empty jail block at the end of the file. The jail reads the globals and the wildcard
   * sections that match it, as every jail does.
   *
   * @param jail the jail's name (dotted for a hierarchical jail)
   * @return what changed
   * @throws JailConfEditException for a wildcard or empty name, or a jail that exists already
   */
  public Change addJail(String jail) {
    return addBlock(jail, List.of());
  }

  /**
   * Adds a block for a {@link Jail} at the end of the file: the statements {@link JailConfWriter}
   * writes for it, in the file's style. The jail also reads the globals and the wildcard sections
   * that match it, as every jail does.
   *
   * @param jail the jail
   * @return what changed
   * @throws JailConfEditException for a jail that exists already
   * @throws org.jail4j.InvalidJailParameterException for a jail jail.conf cannot express
   */
  public Change addJail(Jail jail) {
    String jname = JailConfWriter.blockName(jail);
    List<String> stmts = new ArrayList<>();
    for (String[] l : JailConfWriter.statements(jail)) {
      List<String> vs = new ArrayList<>();
      for (int i = 1; i < l.length; i++) {
        vs.add(state.style.literal(ByteStrings.fromText(l[i])));
      }
      Ast.Op op = vs.isEmpty() ? Ast.Op.FLAG : Ast.Op.ASSIGN;
      stmts.add(state.style.statement(ByteStrings.fromText(l[0]), false, op, vs));
    }
    return addBlock(jname, stmts);
  }

  /**
   * Removes a jail's block, with the lines it has to itself.
   *
   * @param jail the jail's block name
   * @return what changed
   * @throws JailConfEditException when there is no such block, it is in an included file, or it
   *     holds nested jails
   */
  public Change removeJail(String jail) {
    Edit e = new Edit("remove jail", jail, null, false);
    if (Evaluator.wildName(e.sectionB)) {
      throw e.refuse(Reason.INVALID, "a wildcard section is not a jail");
    }
    ConfTree.Block b = block(e);
    List<String> nested = new ArrayList<>();
    for (ConfTree.Block k : state.tree.blocks()) {
      if (k.parent() == b) {
        nested.add(ByteStrings.toText(k.name()));
      }
    }
    if (!nested.isEmpty()) {
      throw e.refuse(
          Reason.NESTED_JAILS,
          null,
          nested,
          "the block holds the nested jails " + String.join(", ", nested) + "; remove them first");
    }
    return commit(e, List.of(placement().removal(b)), (next, changed) -> onlyThisJail(e, changed));
  }

  // ---- the edit machinery ------------------------------------------------------------------

  /** One edit: what it is, where, and of which name; it words its refusals. */
  private static final class Edit {
    final String op;
    final String section;
    final String sectionB;
    final boolean global;
    final @Nullable String name;
    final String nameB;
    final String nameS;
    final boolean variable;

    Edit(String op, @Nullable String section, @Nullable String name, boolean variable) {
      this.op = op;
      this.global = section == null;
      this.section = section == null ? "*" : section;
      this.sectionB = ByteStrings.fromText(this.section);
      this.nameS = this.section;
      this.name = name;
      this.nameB = name == null ? "" : ByteStrings.fromText(name);
      this.variable = variable;
      if (name != null) {
        boolean bad =
            name.isEmpty()
                || name.indexOf('\0') >= 0
                || (variable && name.chars().anyMatch(c -> "{}\"\\\n".indexOf(c) >= 0));
        if (bad) {
          throw refuse(
              Reason.INVALID,
              variable
                  ? "a variable name is not empty and has no {, }, \", \\, line break or NUL"
                  : "a parameter name is not empty and has no NUL");
        }
      }
    }

    JailConfEditException refuse(Reason reason, String detail) {
      return refuse(reason, null, List.of(), detail);
    }

    JailConfEditException refuse(
        Reason reason, @Nullable String from, List<String> affected, String detail) {
      return new JailConfEditException(
          op, section, name, reason, from, affected, (name == null ? "" : name + ": ") + detail);
    }
  }

  /** A check of an edit's result before it is kept. */
  private interface Check {
    void accept(State next, List<String> changed);
  }

  private static List<JailConfValue> literals(String... literals) {
    List<JailConfValue> out = new ArrayList<>();
    for (String l : literals) {
      out.add(JailConfValue.literal(l));
    }
    return out;
  }

  private List<String> syntax(List<JailConfValue> values) {
    List<String> out = new ArrayList<>();
    for (JailConfValue v : values) {
      String b = ByteStrings.fromText(v.text());
      out.add(v.isTemplate() ? ConfStyle.template(b) : state.style.literal(b));
    }
    return out;
  }

  private Placement placement() {
    return new Placement(state.tree, state.style);
  }

  private Change assign(Edit e, List<JailConfValue> values, Scope scope) {
    if (e.variable && values.isEmpty()) {
      throw e.refuse(Reason.INVALID, "a variable needs a value");
    }
    Ast.Op op = values.isEmpty() ? Ast.Op.FLAG : Ast.Op.ASSIGN;
    String stmt = state.style.statement(e.nameB, e.variable, op, syntax(values));
    if (e.global) {
      List<ConfTree.Stmt> own = slot(null, e);
      return commit(e, placement().replaceOrInsert(own, stmt, null), (next, changed) -> {});
    }
    ConfTree.Block b = block(e);
    List<ConfTree.Stmt> own = slot(b, e);
    if (Evaluator.wildName(b.name())) {
      return commit(e, placement().replaceOrInsert(own, stmt, b), wildcardCheck(e, scope));
    }
    Evaluator.Jail j = jail(e);
    List<Statement> from = origin(j, e);
    List<Statement> shared = shared(from, b);
    List<Placement.Splice> splices;
    if (shared.isEmpty() || scope == Scope.OVERRIDE_IN_JAIL) {
      splices = placement().replaceOrInsert(own, stmt, b);
    } else if (scope == Scope.EDIT_SHARED) {
      splices = placement().replaceOrInsert(nodes(e, from), stmt, b);
    } else {
      throw sharedRefusal(e, shared, j);
    }
    return commit(
        e,
        splices,
        (next, changed) -> {
          if (scope != Scope.EDIT_SHARED) {
            onlyThisJail(e, changed);
          }
          List<Statement> now = origin(jailIn(next, e.nameS), e);
          if (now.size() != 1 || !stmtText(next, now.get(0)).equals(stmt)) {
            throw overridden(e, next, now, b);
          }
        });
  }

  private Change unset(Edit e, Scope scope) {
    ConfTree.Block b = e.global ? null : block(e);
    List<ConfTree.Stmt> gone = new ArrayList<>(slot(b, e));
    Check check = (next, changed) -> {};
    if (b != null && Evaluator.wildName(b.name())) {
      check = wildcardCheck(e, scope);
    } else if (b != null) {
      Evaluator.Jail j = jail(e);
      List<Statement> shared = shared(origin(j, e), b);
      if (!shared.isEmpty() && scope == Scope.REFUSE_SHARED) {
        throw sharedRefusal(e, shared, j);
      }
      if (scope == Scope.EDIT_SHARED) {
        nodes(e, shared);
        // every statement of the slot in a section this jail reads, so that none shows instead
        for (ConfTree.Stmt n : state.tree.statements()) {
          ConfTree.Block k = n.block();
          boolean reads =
              k == null
                  || (Evaluator.wildName(k.name()) && Evaluator.wildMatch(j.name(), k.name()));
          if (reads && !gone.contains(n) && inSlot(n, e)) {
            gone.add(n);
          }
        }
      }
      check =
          (next, changed) -> {
            if (scope != Scope.EDIT_SHARED) {
              onlyThisJail(e, changed);
            }
            List<Statement> left = origin(jailIn(next, e.nameS), e);
            if (!left.isEmpty() && scope != Scope.OVERRIDE_IN_JAIL) {
              String from = sectionOf(next, left.get(0));
              boolean included = next.tree.node(left.get(0)).isEmpty();
              throw e.refuse(
                  included ? Reason.INCLUDED_FILE : Reason.SHARED,
                  from,
                  List.of(),
                  "without the block's statements the jail would read it from section "
                      + from
                      + "; choose Scope.OVERRIDE_IN_JAIL to let that show or Scope.EDIT_SHARED"
                      + " to remove it there too");
            }
          };
    }
    if (gone.isEmpty()) {
      throw e.refuse(
          Reason.NOT_SET, e.global ? "no global statement sets it" : "the block does not set it");
    }
    List<Placement.Splice> splices = new ArrayList<>();
    gone.forEach(n -> splices.add(placement().removal(n)));
    return commit(e, splices, check);
  }

  private Change addBlock(String jail, List<String> statements) {
    Edit e = new Edit("add jail", jail, null, false);
    String n = e.sectionB;
    if (n.isEmpty() || n.indexOf('\0') >= 0 || Evaluator.wildName(n)) {
      throw e.refuse(Reason.INVALID, "a jail name is not empty, has no NUL and no * component");
    }
    if (state.jails.stream().anyMatch(j -> j.name().equals(n))) {
      throw e.refuse(Reason.DUPLICATE_JAIL, "a jail of that name exists already");
    }
    ConfStyle st = state.style;
    StringBuilder b = new StringBuilder();
    b.append(Quoting.name(n)).append(st.blockGap()).append('{').append(st.newline());
    for (String s : statements) {
      b.append(st.indent()).append(s).append(st.newline());
    }
    b.append('}').append(st.newline());
    return commit(
        e,
        List.of(placement().appendBlock(b.toString())),
        (next, changed) -> onlyThisJail(e, changed));
  }

  /** The check of an edit inside a wildcard section. */
  private static Check wildcardCheck(Edit e, Scope scope) {
    if (scope == Scope.OVERRIDE_IN_JAIL) {
      throw e.refuse(Reason.INVALID, "a wildcard section is not a jail: choose another scope");
    }
    return (next, changed) -> {
      if (scope == Scope.REFUSE_SHARED && !changed.isEmpty()) {
        throw e.refuse(
            Reason.SHARED,
            e.section,
            changed,
            "the wildcard section is read by "
                + String.join(", ", changed)
                + ", which the edit would change; choose Scope.EDIT_SHARED to change them");
      }
    };
  }

  /** Applies splices, parses and evaluates the result, checks it, and only then keeps it. */
  private Change commit(Edit e, List<Placement.Splice> splices, Check check) {
    String edited = Placement.apply(state.bytes, splices);
    if (edited.length() > Parser.MAX_FILE_BYTES) {
      throw e.refuse(
          Reason.TOO_LARGE, "the file would be larger than " + Parser.MAX_FILE_BYTES + " bytes");
    }
    State next;
    try {
      next = parseState(edited);
    } catch (JailConfException x) {
      throw e.refuse(
          Reason.INVALID, "the edited file would not parse: " + x.problems().get(0).text());
    }
    List<String> changed = EvaluationDiff.changed(state.jails, next.jails);
    List<String> broken = EvaluationDiff.newProblems(state.jails, next.jails);
    if (!broken.isEmpty()) {
      throw e.refuse(
          Reason.BREAKS_JAIL,
          null,
          changed,
          "the edit would make a jail fail: " + String.join("; ", broken));
    }
    check.accept(next, changed);
    state = next;
    return new Change(changed);
  }

  private static void onlyThisJail(Edit e, List<String> changed) {
    List<String> others = new ArrayList<>(changed);
    others.remove(e.section);
    if (!others.isEmpty()) {
      throw e.refuse(
          Reason.SHARED, null, others, "the edit would also change " + String.join(", ", others));
    }
  }

  /** The one block of the edit's name in this file. */
  private ConfTree.Block block(Edit e) {
    List<ConfTree.Block> found =
        state.tree.blocks().stream().filter(b -> b.name().equals(e.sectionB)).toList();
    if (found.size() > 1) {
      throw e.refuse(Reason.AMBIGUOUS, found.size() + " blocks have that name");
    }
    if (found.isEmpty()) {
      boolean included = state.jails.stream().anyMatch(j -> j.name().equals(e.sectionB));
      throw included
          ? e.refuse(Reason.INCLUDED_FILE, "the jail's block is in an included file")
          : e.refuse(Reason.NO_SUCH_JAIL, "no such block in the file");
    }
    return found.get(0);
  }

  /** The evaluation of the edit's jail. */
  private Evaluator.Jail jail(Edit e) {
    List<Evaluator.Jail> found =
        state.jails.stream().filter(j -> j.name().equals(e.sectionB)).toList();
    if (found.size() != 1) {
      throw e.refuse(Reason.AMBIGUOUS, found.size() + " jails have that name");
    }
    return found.get(0);
  }

  private static Evaluator.Jail jailIn(State s, String section) {
    String nameB = ByteStrings.fromText(section);
    return s.jails.stream()
        .filter(j -> j.name().equals(nameB))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("jail " + section + " vanished"));
  }

  /** The statements a jail's parameter or variable got its value from (empty when unset). */
  private static List<Statement> origin(Evaluator.Jail j, Edit e) {
    for (Evaluator.Origin o : j.origins()) {
      if (o.variable() == e.variable && ParamNames.sameSlot(o.name(), e.nameB)) {
        return o.statements();
      }
    }
    return List.of();
  }

  private static List<String> valuesOf(Evaluator.Jail j, String nameB) {
    for (Evaluator.Param p : j.params()) {
      if (ParamNames.sameSlot(p.name(), nameB)) {
        return p.values();
      }
    }
    return List.of();
  }

  /** The statements of {@code from} that are not directly in block {@code b}. */
  private List<Statement> shared(List<Statement> from, ConfTree.Block b) {
    List<Statement> out = new ArrayList<>();
    for (Statement s : from) {
      if (state.tree.node(s).map(n -> n.block() != b).orElse(true)) {
        out.add(s);
      }
    }
    return out;
  }

  /** The nodes of statements; refused when one is in an included file. */
  private List<ConfTree.Stmt> nodes(Edit e, List<Statement> statements) {
    List<ConfTree.Stmt> out = new ArrayList<>();
    for (Statement s : statements) {
      String where = s.file() + " line " + s.line();
      out.add(
          state
              .tree
              .node(s)
              .orElseThrow(
                  () ->
                      e.refuse(
                          Reason.INCLUDED_FILE, s.file(), List.of(), "the value is in " + where)));
    }
    return out;
  }

  private static String stmtText(State s, Statement st) {
    return s.tree.node(st).map(s.tree::text).orElse("");
  }

  /** The statements of the edit's slot directly in a block (or at the top level for null). */
  private List<ConfTree.Stmt> slot(ConfTree.@Nullable Block b, Edit e) {
    List<ConfTree.Stmt> out = new ArrayList<>();
    for (ConfTree.Stmt s : state.tree.statements()) {
      if (s.block() == b && inSlot(s, e)) {
        out.add(s);
      }
    }
    return out;
  }

  /** Whether a statement sets the edit's parameter or variable ({@code .include} does not). */
  private boolean inSlot(ConfTree.Stmt s, Edit e) {
    Statement st = s.statement();
    boolean include =
        dialect == JailConfDialect.CURRENT
            && !st.variable()
            && st.op() == Ast.Op.NAMEVAL
            && st.name().equals(".include");
    return !include && st.variable() == e.variable && ParamNames.sameSlot(st.name(), e.nameB);
  }

  /** Where a statement is, for messages: <code>*</code>, a block's name, or an included file. */
  private static String sectionOf(State s, Statement st) {
    return s.tree
        .node(st)
        .map(n -> n.block() == null ? "*" : ByteStrings.toText(n.block().name()))
        .orElse(st.file());
  }

  @SuppressWarnings("ReferenceEquality") // the jail being edited itself, not one equal to it
  private JailConfEditException sharedRefusal(Edit e, List<Statement> shared, Evaluator.Jail j) {
    IdentityHashMap<Statement, Boolean> set = new IdentityHashMap<>();
    shared.forEach(s -> set.put(s, true));
    Set<String> others = new LinkedHashSet<>();
    for (Evaluator.Jail k : state.jails) {
      if (k != j
          && k.origins().stream()
              .anyMatch(o -> o.statements().stream().anyMatch(set::containsKey))) {
        others.add(ByteStrings.toText(k.name()));
      }
    }
    Statement first = shared.get(0);
    String from = sectionOf(state, first);
    return e.refuse(
        Reason.SHARED,
        from,
        new ArrayList<>(others),
        "the value comes from section "
            + from
            + " (line "
            + first.line()
            + ")"
            + (others.isEmpty() ? "" : ", which " + String.join(", ", others) + " also read")
            + "; choose Scope.OVERRIDE_IN_JAIL to write it in "
            + e.section
            + "'s block or Scope.EDIT_SHARED to edit that section");
  }

  private static JailConfEditException overridden(
      Edit e, State next, List<Statement> from, ConfTree.Block b) {
    String by = "*";
    for (Statement s : from) {
      String where = sectionOf(next, s);
      if (!where.equals(ByteStrings.toText(b.name()))) {
        by = where;
      }
    }
    return e.refuse(
        Reason.OVERRIDDEN,
        by,
        List.of(),
        "section " + by + " sets it after " + e.section + "'s block, so the edit would not show");
  }
}
