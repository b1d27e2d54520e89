package org.jail4j.testkit.transcript;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jail4j.Errno;

/**
 * A parsed transcript: the header and the calls in the order they were made ({@code
 * docs/TRANSCRIPTS.md}).
 *
 * <pre>{@code
 * Transcript t = Transcript.read(Path.of("fake-15.0-RELEASE-amd64.transcript"));
 * System.out.println(t.header().osrelease() + ": " + t.records().size() + " calls");
 * }</pre>
 *
 * @param header which kernel answered
 * @param records the calls, in order
 */
public record Transcript(TranscriptHeader header, List<TranscriptRecord> records) {

  /** The first line of every transcript. */
  public static final String MAGIC = "jail4j-transcript 1";

  /** Copies the list. */
  public Transcript {
    records = List.copyOf(records);
  }

  /**
   * Reads a transcript file.
   *
   * @param file the file
   * @return the transcript
   * @throws IOException when the file cannot be read
   * @throws TranscriptFormatException when it breaks a rule of the format
   */
  public static Transcript read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * The transcript as text: the header, then one record per call, separated by blank lines.
   *
   * @return the text
   */
  public String render() {
    StringBuilder b = new StringBuilder(header.render());
    for (TranscriptRecord r : records) {
      b.append('\n').append(r.render());
    }
    return b.toString();
  }

  /**
   * Parses a transcript.
   *
   * @param text the text
   * @return the transcript
   * @throws TranscriptFormatException naming the line, the field and the rule broken
   */
  public static Transcript parse(String text) {
    String[] lines = text.split("\n", -1);
    if (lines.length == 0 || !lines[0].equals(MAGIC)) {
      throw new TranscriptFormatException(1, "magic", "the first line must be " + MAGIC);
    }
    Map<String, String> header = new LinkedHashMap<>();
    Map<String, Integer> headerLines = new LinkedHashMap<>();
    int i = 1;
    for (; i < lines.length && !lines[i].isEmpty(); i++) {
      String l = lines[i];
      if (l.startsWith("#")) {
        continue;
      }
      int colon = l.indexOf(": ");
      String key = colon < 0 ? l.replace(":", "") : l.substring(0, colon);
      if (colon < 0 && l.endsWith(":")) {
        header.put(key, "");
      } else if (colon < 0) {
        throw new TranscriptFormatException(i + 1, "header", "a header line is \"key: value\"");
      } else {
        header.put(key, l.substring(colon + 2));
      }
      if (headerLines.put(key, i + 1) != null) {
        throw new TranscriptFormatException(i + 1, key, "appears twice");
      }
    }
    TranscriptHeader h = header(header, headerLines, i + 1);
    List<TranscriptRecord> records = new ArrayList<>();
    while (i < lines.length) {
      while (i < lines.length && (lines[i].isEmpty() || lines[i].startsWith("#"))) {
        i++;
      }
      if (i >= lines.length) {
        break;
      }
      int start = i;
      List<String> block = new ArrayList<>();
      while (i < lines.length && !lines[i].isEmpty()) {
        block.add(lines[i]);
        i++;
      }
      records.add(record(block, start + 1));
    }
    return new Transcript(h, records);
  }

  private static String need(Map<String, String> h, String key, int line) {
    String v = h.get(key);
    if (v == null) {
      throw new TranscriptFormatException(line, key, "the header has no " + key);
    }
    return v;
  }

  private static boolean bit(Map<String, String> h, Map<String, Integer> lines, String key) {
    String v = need(h, key, 1);
    if (!v.equals("0") && !v.equals("1")) {
      throw new TranscriptFormatException(lines.getOrDefault(key, 1), key, "must be 0 or 1");
    }
    return v.equals("1");
  }

  private static TranscriptHeader header(
      Map<String, String> h, Map<String, Integer> lines, int end) {
    for (String key : h.keySet()) {
      if (!List.of(
              "source",
              "kern.osrelease",
              "kern.osreldate",
              "hw.machine_arch",
              "byte-order",
              "vimage",
              "racct",
              "modules")
          .contains(key)) {
        throw new TranscriptFormatException(lines.getOrDefault(key, 1), key, "unknown header key");
      }
    }
    int osreldate;
    String date = need(h, "kern.osreldate", end);
    try {
      osreldate = Integer.parseInt(date);
    } catch (NumberFormatException e) {
      throw new TranscriptFormatException(
          lines.getOrDefault("kern.osreldate", end), "kern.osreldate", "must be a decimal int");
    }
    String mods = need(h, "modules", end);
    boolean vimage = bit(h, lines, "vimage");
    boolean racct = bit(h, lines, "racct");
    try {
      return new TranscriptHeader(
          need(h, "source", end),
          need(h, "kern.osrelease", end),
          osreldate,
          need(h, "hw.machine_arch", end),
          need(h, "byte-order", end),
          vimage,
          racct,
          mods.isEmpty() ? List.of() : List.of(mods.split(" ", -1)));
    } catch (TranscriptFormatException e) {
      throw new TranscriptFormatException(lines.getOrDefault(e.field(), end), e.field(), e.rule());
    }
  }

  /** Checks a value's syntax, resolving every token to 0. */
  private static final Values.Resolver SYNTAX =
      new Values.Resolver() {
        @Override
        public int number(Symbols.Kind kind, String token) {
          return 0;
        }

        @Override
        public String tmpfile() {
          return "";
        }
      };

  private static TranscriptRecord record(List<String> block, int first) {
    String caseName = null;
    String op = null;
    String caller = null;
    int flags = -1;
    String arg = "";
    List<String> in = new ArrayList<>();
    String rc = null;
    String errno = null;
    List<TranscriptRecord.Entry> out = new ArrayList<>();
    int stage = 0; // 0 request, 1 after rc
    for (int k = 0; k < block.size(); k++) {
      String l = block.get(k);
      int line = first + k;
      if (l.startsWith("#")) {
        continue;
      }
      int sp = l.indexOf(' ');
      String key = sp < 0 ? l : l.substring(0, sp);
      String value = sp < 0 ? "" : l.substring(sp + 1);
      if (key.isEmpty()) {
        throw new TranscriptFormatException(line, "record", "a record line starts with its field");
      }
      switch (key) {
        case "case" -> {
          if (k != 0 || value.isEmpty()) {
            throw new TranscriptFormatException(line, key, "a record starts with case NAME");
          }
          caseName = value;
        }
        case "call" -> {
          if (caseName == null || op != null) {
            throw new TranscriptFormatException(line, key, "call comes once, after case");
          }
          if (!TranscriptRecord.IOV_OPS.contains(value)
              && !TranscriptRecord.ARG_OPS.contains(value)) {
            throw new TranscriptFormatException(line, key, "unknown operation " + value);
          }
          op = value;
        }
        case "caller" -> {
          if (op == null || caller != null) {
            throw new TranscriptFormatException(line, key, "caller comes once, after call");
          }
          if (!value.equals("root")
              && !value.equals("unprivileged")
              && !(value.startsWith("jail ")
                  && Symbols.isToken(Symbols.Kind.JID, value.substring(5)))) {
            throw new TranscriptFormatException(line, key, "must be root, unprivileged or jail T");
          }
          caller = value;
        }
        case "flags" -> {
          if (op == null || !TranscriptRecord.IOV_OPS.contains(op) || flags >= 0) {
            throw new TranscriptFormatException(
                line, key, "flags comes once, only for jail_set and jail_get");
          }
          if (!value.matches("0x[0-9a-f]{2,8}")) {
            throw new TranscriptFormatException(line, key, "must be 0x and lower-case hex");
          }
          flags = (int) Long.parseLong(value.substring(2), 16);
          if (flags < 0) {
            throw new TranscriptFormatException(line, key, "must be at most 0x7fffffff");
          }
        }
        case "arg" -> {
          if (op == null || !TranscriptRecord.ARG_OPS.contains(op) || !arg.isEmpty()) {
            throw new TranscriptFormatException(
                line, key, "arg comes once, only for calls with one argument");
          }
          if (!Symbols.isToken(TranscriptRecord.argKind(op), value)) {
            throw new TranscriptFormatException(line, key, "not an int or symbol: " + value);
          }
          arg = value;
        }
        case "in" -> {
          if (op == null || !TranscriptRecord.IOV_OPS.contains(op) || stage != 0) {
            throw new TranscriptFormatException(
                line, key, "in comes before rc, only for jail_set and jail_get");
          }
          int index = index(value, line, key);
          if (index != in.size()) {
            throw new TranscriptFormatException(
                line, key, "expected index " + in.size() + ", found " + index);
          }
          in.add(checked(value.substring(value.indexOf(' ') + 1), line, key));
        }
        case "rc" -> {
          if (caller == null || stage != 0) {
            throw new TranscriptFormatException(line, key, "rc comes once, after the request");
          }
          Symbols.Kind kind = TranscriptRecord.rcKind(op == null ? "" : op);
          if (kind == null ? !value.matches("-?[0-9]+") : !Symbols.isToken(kind, value)) {
            throw new TranscriptFormatException(line, key, "not an int or symbol: " + value);
          }
          rc = value;
          stage = 1;
        }
        case "errno" -> {
          if (stage != 1 || errno != null || !out.isEmpty()) {
            throw new TranscriptFormatException(line, key, "errno comes once, right after rc");
          }
          try {
            Errno.valueOf(value);
          } catch (IllegalArgumentException e) {
            throw new TranscriptFormatException(line, key, "unknown errno " + value);
          }
          errno = value;
        }
        case "out" -> {
          if (stage != 1) {
            throw new TranscriptFormatException(line, key, "out comes after rc");
          }
          int index = index(value, line, key);
          if (index >= in.size() || (!out.isEmpty() && out.get(out.size() - 1).index() >= index)) {
            throw new TranscriptFormatException(
                line, key, "index " + index + " is not a later entry passed in");
          }
          out.add(
              new TranscriptRecord.Entry(
                  index, checked(value.substring(value.indexOf(' ') + 1), line, key)));
        }
        default -> throw new TranscriptFormatException(line, key, "unknown field");
      }
    }
    if (caseName == null || op == null || caller == null || rc == null) {
      throw new TranscriptFormatException(
          first, "record", "a record needs case, call, caller and rc");
    }
    if (TranscriptRecord.IOV_OPS.contains(op) && flags < 0) {
      throw new TranscriptFormatException(first, "flags", op + " needs flags");
    }
    if (TranscriptRecord.ARG_OPS.contains(op) && arg.isEmpty()) {
      throw new TranscriptFormatException(first, "arg", op + " needs arg");
    }
    if ((errno == null) != !rc.equals("-1")) {
      throw new TranscriptFormatException(first, "errno", "rc -1 comes with an errno, and only it");
    }
    return new TranscriptRecord(first, caseName, op, caller, flags, arg, in, rc, errno, out);
  }

  private static int index(String value, int line, String key) {
    int sp = value.indexOf(' ');
    String n = sp < 0 ? value : value.substring(0, sp);
    if (sp < 0 || !n.matches("[0-9]{1,4}")) {
      throw new TranscriptFormatException(line, key, "needs INDEX VALUE");
    }
    return Integer.parseInt(n);
  }

  private static String checked(String value, int line, String key) {
    try {
      Values.parse(value, SYNTAX);
    } catch (IllegalArgumentException e) {
      throw new TranscriptFormatException(line, key, String.valueOf(e.getMessage()));
    }
    return value;
  }
}
