package org.jail4j.freebsd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jnr.ffi.NativeType;
import jnr.ffi.Runtime;
import org.jail4j.Errno;
import org.jail4j.FreeBsdVersion;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.KernelParam;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The provider's constants against docs/ABI.md, the one table of FreeBSD facts with the source file
 * and commit each was read from. Rows marked {@code unverified} are listed but never compared: the
 * table does not claim them and neither does this test.
 */
class AbiTableTest {
  private static final Pattern ROW =
      Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|([^|]*)\\|([^|]*)\\|([^|]*)\\|([^|]*)\\|");
  private static final Pattern COMMIT =
      Pattern.compile(
          "([\\w.-]+/)?[\\w.-]+@[0-9a-f]{12,40}|fact sheet \\[\\w+\\]|stored-copy id \\d+");

  /** One row of docs/ABI.md. */
  record Row(String key, String value, String status, String source, String readAt) {
    boolean isRead() {
      return status.equals("read");
    }
  }

  private static final Map<String, Row> TABLE = new LinkedHashMap<>();
  private final Runtime runtime = Runtime.getSystemRuntime();

  @BeforeAll
  static void readTable() throws IOException {
    Path doc = findAbiMd();
    for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        Row r =
            new Row(
                m.group(1).strip(),
                m.group(2).strip(),
                m.group(3).strip(),
                m.group(4).strip(),
                m.group(5).strip());
        assertThat(TABLE.put(r.key(), r)).as("duplicate row %s", r.key()).isNull();
      }
    }
  }

  private static Path findAbiMd() {
    Path at = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
    for (Path p = at; p != null; p = p.getParent()) {
      Path doc = p.resolve("docs").resolve("ABI.md");
      if (Files.isRegularFile(doc)) {
        return doc;
      }
    }
    throw new IllegalStateException("docs/ABI.md not found above " + at);
  }

  private static Row row(String key) {
    Row r = TABLE.get(key);
    if (r == null) {
      throw new AssertionError("docs/ABI.md has no row " + key);
    }
    return r;
  }

  /**
   * The value of a read row as a C {@code int} (decimal or 0x hex, so 0x80000000 is {@code
   * Integer.MIN_VALUE}); fails for an unverified row.
   */
  private static int number(String key) {
    Row r = row(key);
    assertThat(r.isRead()).as("%s is read from a source, not unverified", key).isTrue();
    return parse(r.value());
  }

  private static int parse(String v) {
    String t = v.strip().toLowerCase(Locale.ROOT);
    return (int) (t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t));
  }

  @Test
  void everyRowIsReadFromANamedSourceAndCommitOrSaysUnverified() {
    assertThat(TABLE).hasSizeGreaterThan(90);
    for (Row r : TABLE.values()) {
      assertThat(r.status()).as(r.key()).isIn("read", "unverified");
      if (r.isRead()) {
        assertThat(r.source()).as(r.key()).isNotBlank().isNotEqualTo("—");
        assertThat(COMMIT.matcher(r.readAt()).find())
            .as("%s names the commit it was read at: %s", r.key(), r.readAt())
            .isTrue();
      }
    }
  }

  @Test
  void syscallNumbersAreTheTables() {
    for (Syscall s : Syscall.values()) {
      assertThat(s.number()).as(s.symbol()).isEqualTo(number("syscall." + s.symbol()));
    }
  }

  @Test
  void jailFlagsAreTheTables() {
    assertThat(JailFlags.CREATE).isEqualTo(number("flag.JAIL_CREATE"));
    assertThat(JailFlags.UPDATE).isEqualTo(number("flag.JAIL_UPDATE"));
    assertThat(JailFlags.ATTACH).isEqualTo(number("flag.JAIL_ATTACH"));
    assertThat(JailFlags.DYING).isEqualTo(number("flag.JAIL_DYING"));
    assertThat(JailFlags.USE_DESC).isEqualTo(number("flag.JAIL_USE_DESC"));
    assertThat(JailFlags.AT_DESC).isEqualTo(number("flag.JAIL_AT_DESC"));
    assertThat(JailFlags.GET_DESC).isEqualTo(number("flag.JAIL_GET_DESC"));
    assertThat(JailFlags.OWN_DESC).isEqualTo(number("flag.JAIL_OWN_DESC"));
  }

  @Test
  void flagMasksPerVersionAreTheTables() {
    for (FreeBsdVersion v : FreeBsdVersion.values()) {
      assertThat(v.jailSetMask()).as("set %s", v).isEqualTo(number("mask.set." + v.major()));
      assertThat(v.jailGetMask()).as("get %s", v).isEqualTo(number("mask.get." + v.major()));
    }
    assertThat(JailFlags.SET_MASK_14).isEqualTo(number("mask.set.14"));
    assertThat(JailFlags.GET_MASK_14).isEqualTo(number("mask.get.14"));
    assertThat(JailFlags.SET_MASK_15).isEqualTo(number("mask.set.15"));
    assertThat(JailFlags.GET_MASK_15).isEqualTo(number("mask.get.15"));
  }

  @Test
  void libjailLimitsAreTheTables() {
    assertThat(JailFlags.ERRMSG_LEN).isEqualTo(number("limit.JAIL_ERRMSGLEN"));
    assertThat(row("limit.UIO_MAXIOV").isRead()).isFalse(); // not compared: not read here
  }

  @Test
  void everyErrnoTheProviderMapsIsInTheTableWithItsNumber() {
    List<String> unverified = new ArrayList<>();
    for (Errno e : Errno.values()) {
      Row r = row("errno." + e.name());
      if (r.isRead()) {
        assertThat(e.number()).as(e.name()).isEqualTo(parse(r.value()));
        assertThat(FreeBsdErrno.of("test", e.number())).isEqualTo(e);
      } else {
        unverified.add(e.name());
      }
    }
    assertThat(FreeBsdErrno.ERANGE).isEqualTo(number("errno.ERANGE"));
    // named, so that a newly verified errno shows up here as a change
    assertThat(unverified).containsExactly("ENOTCAPABLE");
  }

  @Test
  void structIovecIsTheTablesForThisMachine() {
    String arch = System.getProperty("os.arch", "");
    String key =
        switch (arch) {
          case "amd64", "x86_64" -> "amd64";
          case "aarch64", "arm64" -> "arm64";
          default -> "";
        };
    assumeTrue(!key.isEmpty(), "no ABI row for os.arch " + arch);
    assertThat(NativeIoVecArray.entrySize(runtime)).isEqualTo(number("iovec.size." + key));
    assertThat(NativeIoVecArray.lengthOffset(runtime))
        .isEqualTo(number("iovec.iov_len.offset." + key));
  }

  @Test
  void bothSixtyFourBitTargetsHaveTheSameIovec() {
    assertThat(number("iovec.size.amd64")).isEqualTo(number("iovec.size.arm64")).isEqualTo(16);
    assertThat(number("iovec.iov_len.offset.amd64"))
        .isEqualTo(number("iovec.iov_len.offset.arm64"))
        .isEqualTo(8);
  }

  @Test
  void moduleStatIsTheTablesOnLp64() {
    assumeTrue(runtime.findType(NativeType.SLONG).size() == 8, "an LP64 JVM");
    assertThat(KernelModules.statSize(runtime)).isEqualTo(number("module_stat.size.lp64"));
    assertThat(KernelModules.MAXMODNAME).isEqualTo(number("module_stat.name.len"));
  }

  @Test
  void sysctlKindBitsAndInternalMibsAreTheTables() {
    assertThat(Sysctl.CTLTYPE_NODE).isEqualTo(number("ctltype.NODE"));
    assertThat(Sysctl.CTLTYPE_MASK).isEqualTo(number("ctltype.MASK"));
    assertThat(KernelParam.CTLTYPE_INT).isEqualTo(number("ctltype.INT"));
    assertThat(KernelParam.CTLTYPE_STRING).isEqualTo(number("ctltype.STRING"));
    assertThat(KernelParam.CTLTYPE_STRUCT).isEqualTo(number("ctltype.STRUCT"));
    assertThat(KernelParam.CTLTYPE_ULONG).isEqualTo(number("ctltype.ULONG"));
    assertThat(EmulatedSysctl.CTLTYPE_U8).isEqualTo(number("ctltype.U8"));
    assertThat(Sysctl.CTLFLAG_RD).isEqualTo(number("ctlflag.RD"));
    assertThat(Sysctl.CTLFLAG_WR).isEqualTo(number("ctlflag.WR"));
    assertThat(Sysctl.CTLFLAG_TUN).isEqualTo(number("ctlflag.TUN"));
    assertThat(EmulatedSysctl.CTLFLAG_MPSAFE).isEqualTo(number("ctlflag.MPSAFE"));
    assertThat(EmulatedSysctl.CTLFLAG_CAPRD).isEqualTo(number("ctlflag.CAPRD"));
    assertThat(Sysctl.MIB_NAME).isEqualTo(number("mib.name"));
    assertThat(Sysctl.MIB_NEXT).isEqualTo(number("mib.next"));
    assertThat(Sysctl.MIB_NAME2OID).isEqualTo(number("mib.name2oid"));
    assertThat(Sysctl.MIB_OIDFMT).isEqualTo(number("mib.oidfmt"));
  }

  @Test
  void theEmulatedSysctlsHaveTheKernelsKindFormatAndSize() {
    EmulatedLibc libc = new EmulatedLibc(new ScriptedKernel(), runtime);
    int checked = 0;
    for (Row r : TABLE.values()) {
      if (!r.key().startsWith("sysctl.") || !r.isRead()) {
        continue;
      }
      String name = r.key().substring("sysctl.".length());
      if (name.equals("kern.osrevision")) {
        continue; // listed for why it is not used; the provider never reads it
      }
      String[] want = r.value().split("\\s+");
      assertThat(want).as(r.key()).hasSize(3);
      Optional<Sysctl.Format> got = libc.published(name);
      assertThat(got).as("the emulated libc publishes %s", name).isPresent();
      assertThat(got.get().ctlType()).as("%s CTLTYPE", name).isEqualTo(parse(want[0]));
      assertThat(got.get().format()).as("%s format", name).isEqualTo(want[1]);
      if (!want[2].equals("-")) {
        assertThat(libc.publishedSize(name)).as("%s size", name).contains(parse(want[2]));
      }
      checked++;
    }
    assertThat(checked).isEqualTo(5);
  }

  @Test
  void theRacctBooleanIsAReadOnlyTunable() {
    EmulatedLibc libc = new EmulatedLibc(new ScriptedKernel(), runtime);
    int kind = libc.published("kern.racct.enable").orElseThrow().kind();
    // SYSCTL_BOOL(..., CTLFLAG_RDTUN, ...) adds CTLFLAG_MPSAFE
    assertThat(kind)
        .isEqualTo(
            number("ctltype.U8")
                | number("ctlflag.MPSAFE")
                | number("ctlflag.RD")
                | number("ctlflag.TUN"));
  }

  @Test
  void parameterTypeStringsAreTheOnesTheProviderParses() {
    assertThat(row("param.format.int").value()).isEqualTo("I");
    assertThat(row("param.format.bool").value()).isEqualTo("B");
    assertThat(row("param.format.jailsys").value()).isEqualTo("E,jailsys");
    assertThat(row("param.format.string").value()).isEqualTo("A");
    assertThat(row("param.format.ip4").value()).isEqualTo("S,in_addr,a");
    assertThat(row("param.format.ip6").value()).isEqualTo("S,in6_addr,a");
    assertThat(row("param.format.ulong").value()).isEqualTo("LU");
    for (String k : List.of("int", "bool", "jailsys", "string", "ip4", "ip6", "ulong")) {
      assertThat(row("param.format." + k).isRead()).as(k).isTrue();
    }
  }

  @Test
  void theLibraryRowsSayWhatOnlyAFreeBsdRunCanShow() {
    assertThat(row("library.13").value()).isEqualTo("libc.so.7");
    assertThat(row("library.14").value()).isEqualTo("libc.so.7");
    assertThat(row("library.15").value()).isEqualTo("libsys.so.7");
    assertThat(LibcBinding.LIBC_SO).endsWith(row("library.13").value());
    assertThat(row("library.15.through_libc").isRead()).isFalse();
    assertThat(row("module_stat.v3").isRead()).isFalse();
  }
}
