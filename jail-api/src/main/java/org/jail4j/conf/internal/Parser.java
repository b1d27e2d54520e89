package org.jail4j.conf.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jail4j.conf.JailConfDialect;
import org.jail4j.conf.JailConfException;
import org.jail4j.conf.JailConfException.Problem;
import org.jail4j.conf.internal.Ast.Op;
import org.jail4j.conf.internal.Ast.Section;
import org.jail4j.conf.internal.Ast.Statement;
import org.jail4j.conf.internal.Ast.Value;
import org.jail4j.conf.internal.Ast.VarRef;
import org.jail4j.conf.internal.Token.Kind;
import org.jspecify.annotations.Nullable;

/**
 * The jail.conf(5) grammar of jailparse.y, with the {@code .include} handling of config.c.
 *
 * <p>The grammar is LALR(1) and small, so it is parsed here by hand with one token of lookahead;
 * the token at which a syntax error is reported is the one yacc reports. After the first syntax
 * error jail(8)'s error recovery discards tokens up to the next {@code ;} and then hands a garbage
 * parameter to the grammar action (undefined behaviour: a crash or worse), or aborts at the end of
 * the file. So this parser reports the first syntax error, scans on to that {@code ;} or the end
 * (collecting any "unterminated ..." diagnostics on the way, as jail(8) prints them), and stops.
 *
 * <pre>{@code
 * List<Ast.Section> sections =
 *     new Parser(JailConfDialect.CURRENT, true, null).parse("jail.conf", bytes, Path.of("jail.conf"));
 * }</pre>
 */
public final class Parser {

  /** jail(8)'s {@code MAX_INCLUDE_DEPTH}. */
  public static final int MAX_INCLUDE_DEPTH = 32;

  /**
   * A jail4j bound on the number of files one load reads (a glob may include a file many times).
   */
  public static final int MAX_FILES = 1000;

  /**
   * A jail4j bound on the size of one file read (the main file or an included one): 16 MiB. A
   * larger file is refused before its text is read.
   */
  public static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

  /**
   * A jail4j bound on how deep jail blocks nest, across included files: 1000 (a jail name of 255
   * bytes cannot hold more than 128 levels).
   */
  public static final int MAX_BLOCK_DEPTH = 1000;

  private final JailConfDialect dialect;
  private final boolean allowIncludes;
  private final @Nullable Path baseDirectory;
  private final List<Section> sections = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();
  private final Lexer.Shared shared = new Lexer.Shared();
  private @Nullable Section current;
  private @Nullable Section global;
  private int depth;
  private int blockDepth;
  private int files;
  private @Nullable Listener listener;

  /**
   * What the main file is made of, reported in file order as it is parsed (never for included
   * files), so that a document can keep every byte: the bytes between what is reported are
   * whitespace, comments and empty statements.
   */
  public interface Listener {
    /**
     * A statement, {@code .include} included, before its includes are read.
     *
     * @param statement the statement
     * @param tokens its tokens, from the name to the {@code ;}
     */
    void statement(Statement statement, List<Token> tokens);

    /**
     * A block's start.
     *
     * @param name the block's full (dotted) name
     * @param nameToken the name as written
     * @param brace the <code>{</code>
     */
    void blockOpen(String name, Token nameToken, Token brace);

    /**
     * A block's end.
     *
     * @param brace the <code>}</code>
     */
    void blockClose(Token brace);
  }

  /** Thrown to stop the whole load, as jail(8)'s {@code exit(1)} does. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }

  /**
   * A parser for one load.
   *
   * @param dialect which jail(8) to follow
   * @param allowIncludes false to refuse {@code .include} (for untrusted text)
   * @param baseDirectory where relative file names are resolved, or null for the working directory
   */
  public Parser(JailConfDialect dialect, boolean allowIncludes, @Nullable Path baseDirectory) {
    this.dialect = dialect;
    this.allowIncludes = allowIncludes;
    this.baseDirectory = baseDirectory;
  }

  /**
   * Parses a file and everything it includes.
   *
   * @param name the file name as jail(8) prints it ({@code STDIN} for text)
   * @param bytes the content, one byte per char
   * @param stdin true when the text did not come from a file (relative includes then resolve
   *     against the base directory, as jail(8) resolves them against the working directory)
   * @return the sections in jail(8)'s order ({@code cfjails})
   * @throws JailConfException with every problem, when any was found
   */
  public List<Section> parse(String name, String bytes, boolean stdin) {
    try {
      FileParser top = new FileParser(name, bytes, stdin);
      top.events = listener;
      top.run();
    } catch (Stop stop) {
      // the problems say why
    }
    if (!problems.isEmpty()) {
      throw new JailConfException(problems);
    }
    return sections;
  }

  /**
   * Reports the main file's structure to a listener (used by the structure-keeping document).
   *
   * @param l the listener
   * @return this parser
   */
  public Parser listen(Listener l) {
    this.listener = l;
    return this;
  }

  /**
   * Reads a file's bytes with the checks and bounds of {@link #read(String)} (a regular file, at
   * most {@link #MAX_FILE_BYTES}), without parsing it.
   *
   * @param name the file name, printed as given
   * @return the content, one byte per char
   * @throws JailConfException when it cannot be read
   */
  public String readText(String name) {
    try {
      return load(name);
    } catch (Stop stop) {
      throw new JailConfException(problems);
    }
  }

  private Path resolve(String name) {
    Path p = Path.of(name);
    return p.isAbsolute() || baseDirectory == null ? p : baseDirectory.resolve(p);
  }

  /**
   * Reads and parses a file and everything it includes.
   *
   * @param name the file name, printed as given
   * @return the sections in jail(8)'s order
   * @throws JailConfException with every problem, when any was found (a missing file included)
   */
  public List<Section> read(String name) {
    try {
      FileParser top = new FileParser(name, load(name), false);
      top.events = listener;
      top.run();
    } catch (Stop stop) {
      // the problems say why
    }
    if (!problems.isEmpty()) {
      throw new JailConfException(problems);
    }
    return sections;
  }

  private String load(String name) {
    if (++files > MAX_FILES) {
      problems.add(Problem.inFile(name, "more than " + MAX_FILES + " files included"));
      throw new Stop();
    }
    try {
      Path path = resolve(name);
      if (Files.isDirectory(path)) {
        problems.add(Problem.inFile(name, "Is a directory"));
        throw new Stop();
      }
      // jail(8) follows links for includes; what they lead to must be a regular file, checked
      // before it is opened (a FIFO would block, /dev/zero would never end)
      if (Files.exists(path) && !Files.isRegularFile(path)) {
        problems.add(Problem.inFile(name, "not a regular file"));
        throw new Stop();
      }
      if (Files.exists(path) && Files.size(path) > MAX_FILE_BYTES) {
        problems.add(tooLarge(name));
        throw new Stop();
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(path)) {
        // readNBytes grows its buffer as it reads, so a short file allocates little
        bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      }
      if (bytes.length > MAX_FILE_BYTES) {
        problems.add(tooLarge(name));
        throw new Stop();
      }
      return ByteStrings.fromBytes(bytes);
    } catch (NoSuchFileException e) {
      problems.add(Problem.inFile(name, "No such file or directory"));
    } catch (AccessDeniedException e) {
      problems.add(Problem.inFile(name, "Permission denied"));
    } catch (IOException | RuntimeException e) {
      if (e instanceof Stop stop) {
        throw stop;
      }
      problems.add(Problem.inFile(name, String.valueOf(e.getMessage())));
    }
    throw new Stop();
  }

  /**
   * The problem of a file over {@link #MAX_FILE_BYTES}.
   *
   * @param name the file's name
   * @return the problem
   */
  public static Problem tooLarge(String name) {
    return Problem.inFile(name, "file too large: more than " + MAX_FILE_BYTES + " bytes");
  }

  private void parseFile(String name) {
    FileParser fp = new FileParser(name, load(name), false);
    fp.run();
    // config.c parse_config(): any error in an included file ends jail(8) right after that file
    if (fp.failed) {
      throw new Stop();
    }
  }

  /** One yyparse() over one file. */
  private final class FileParser {
    private final String file;
    private final boolean stdin;
    private final Lexer lexer;
    private @Nullable Token la;
    private boolean failed;
    private int open;
    private @Nullable Section legacyBlock;
    private @Nullable Listener events;
    private final List<Token> recorded = new ArrayList<>();

    FileParser(String file, String bytes, boolean stdin) {
      this.file = file;
      this.stdin = stdin;
      this.lexer =
          new Lexer(
              file,
              bytes,
              dialect == JailConfDialect.CURRENT,
              shared,
              p -> {
                problems.add(p);
                failed = true;
              });
    }

    private Token peek() {
      Token t = la;
      if (t == null) {
        t = lexer.next();
        la = t;
      }
      return t;
    }

    private Token shift() {
      Token t = peek();
      la = null;
      if (events != null) {
        recorded.add(t);
      }
      return t;
    }

    void run() {
      boolean nested = dialect == JailConfDialect.CURRENT;
      while (true) {
        recorded.clear();
        Token t = peek();
        switch (t.kind()) {
          case SEMI:
            shift();
            break;
          case RBRACE:
            if (open == 0) {
              syntaxError(t);
            }
            shift();
            closeBlock();
            if (events != null) {
              events.blockClose(t);
            }
            break;
          case EOF:
            if (open > 0) {
              syntaxError(t);
            }
            return;
          case STR:
            {
              shift();
              Token next = peek();
              if (next.kind() == Kind.LBRACE) {
                if (open > 0 && !nested) {
                  syntaxError(next);
                }
                shift();
                openBlock(t.text());
                if (events != null) {
                  events.blockOpen(openName(t.text()), t, next);
                }
              } else {
                statement(t, false);
              }
              break;
            }
          case VAR:
            shift();
            statement(t, true);
            break;
          default:
            syntaxError(t);
        }
      }
    }

    private void openBlock(String name) {
      open++;
      if (dialect == JailConfDialect.LEGACY) {
        // the old grammar adds the jail when its block closes (jail: STR '{' param_l '}')
        legacyBlock = new Section(name, null);
        return;
      }
      if (++blockDepth > MAX_BLOCK_DEPTH) {
        problems.add(
            Problem.at(file, lexer.line(), "blocks nested more than " + MAX_BLOCK_DEPTH + " deep"));
        throw new Stop();
      }
      Section parent = current;
      Section s = new Section(parent == null ? name : parent.name() + "." + name, parent);
      sections.add(s);
      current = s;
    }

    /** The full name of the block just opened. */
    private String openName(String name) {
      Section c = dialect == JailConfDialect.LEGACY ? legacyBlock : current;
      return c == null ? name : c.name();
    }

    private void closeBlock() {
      open--;
      if (dialect == JailConfDialect.LEGACY) {
        if (legacyBlock != null) {
          sections.add(legacyBlock);
        }
        legacyBlock = null;
        return;
      }
      blockDepth--;
      Section c = current;
      current = c == null ? null : c.parent();
    }

    private void statement(Token name, boolean variable) {
      Token t = peek();
      Op op;
      List<Value> values = List.of();
      switch (t.kind()) {
        case SEMI:
          op = Op.FLAG;
          break;
        case EQ:
          shift();
          op = Op.ASSIGN;
          values = values();
          break;
        case PLEQ:
          shift();
          op = Op.APPEND;
          values = values();
          break;
        case STR:
        case VAR:
          op = Op.NAMEVAL;
          values = values();
          break;
        default:
          syntaxError(t);
          return;
      }
      Token end = peek();
      if (end.kind() != Kind.SEMI) {
        syntaxError(end);
      }
      shift();
      Statement s = new Statement(name.text(), variable, op, values, file, name.line());
      if (events != null) {
        events.statement(s, List.copyOf(recorded));
      }
      if (dialect == JailConfDialect.CURRENT
          && op == Op.NAMEVAL
          && !variable
          && s.name().equals(".include")) {
        include(s);
        return;
      }
      add(s);
    }

    private void add(Statement s) {
      if (dialect == JailConfDialect.LEGACY) {
        if (legacyBlock != null) {
          legacyBlock.statements().add(s);
          return;
        }
        Section last = sections.isEmpty() ? null : sections.get(sections.size() - 1);
        if (last == null || !last.name().equals("*")) {
          last = new Section("*", null);
          sections.add(last);
        }
        last.statements().add(s);
        return;
      }
      Section j = current;
      if (j == null) {
        if (global == null) {
          global = new Section("*", null);
          sections.add(global);
        }
        j = global;
      }
      j.statements().add(s);
    }

    private List<Value> values() {
      List<Value> out = new ArrayList<>();
      out.add(value());
      while (peek().kind() == Kind.COMMA) {
        shift();
        out.add(value());
      }
      return out;
    }

    private Value value() {
      Token t = peek();
      if (t.kind() != Kind.STR && t.kind() != Kind.VAR) {
        syntaxError(t);
      }
      StringBuilder text = new StringBuilder();
      List<VarRef> refs = new ArrayList<>();
      piece(shift(), text, refs);
      while (peek().kind() == Kind.STR1 || peek().kind() == Kind.VAR1) {
        piece(shift(), text, refs);
      }
      return new Value(text.toString(), refs);
    }

    private void piece(Token t, StringBuilder text, List<VarRef> refs) {
      if (t.kind() == Kind.VAR || t.kind() == Kind.VAR1) {
        refs.add(new VarRef(t.text(), text.length()));
      } else {
        text.append(t.text());
      }
    }

    private void syntaxError(Token t) {
      if (t.kind() == Kind.EOF) {
        problems.add(Problem.inFile(file, "unexpected EOF"));
      } else {
        problems.add(Problem.at(file, t.line(), ByteStrings.toText(t.raw()) + ": syntax error"));
      }
      failed = true;
      // yacc's recovery: discard tokens up to a ';' (or abort at the end); see the class comment
      while (t.kind() != Kind.SEMI && t.kind() != Kind.EOF) {
        shift();
        t = peek();
      }
      throw new Stop();
    }

    private void include(Statement s) {
      for (Value v : s.values()) {
        if (!v.refs().isEmpty()) {
          problems.add(
              Problem.at(file, lexer.line(), "variables not permitted in '.include' filename"));
          failed = true;
          continue;
        }
        if (!allowIncludes) {
          problems.add(
              Problem.at(file, lexer.line(), "'.include' is not allowed by this parser's options"));
          failed = true;
          continue;
        }
        includeFile(ByteStrings.toText(v.text()));
      }
    }

    private void includeFile(String name) {
      if (++depth > MAX_INCLUDE_DEPTH) {
        problems.add(new Problem(null, 0, null, "maximum include depth exceeded"));
        throw new Stop();
      }
      String cfname = name;
      // config.c include_config(): relative names are based on the including file's directory
      if (!stdin && !name.startsWith("/")) {
        int slash = file.lastIndexOf('/');
        if (slash >= 0) {
          cfname = file.substring(0, slash + 1) + name;
        }
      }
      if (Glob.isMagic(cfname)) {
        for (String match : Glob.expand(cfname, Parser.this::resolve)) {
          parseFile(match);
        }
      } else {
        parseFile(cfname);
      }
      depth--;
    }
  }
}
