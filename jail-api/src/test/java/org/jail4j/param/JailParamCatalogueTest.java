package org.jail4j.param;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jail4j.Corpus;
import org.jail4j.FreeBsdVersion;
import org.jail4j.spi.KernelParam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue against {@code reference/jail-params.tsv}, read at run time: every row has a
 * constant named after it with the row's type, access, scope and version, and the facts derived
 * from the row (release number, verified or not, availability per FreeBSD family, buffer size,
 * VIMAGE).
 */
class JailParamCatalogueTest {

  record Row(String name, String format, String kind, String description, String addedIn) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Row> rows() throws IOException {
    Path tsv = Corpus.reference("jail-params.tsv");
    List<Row> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      rows.add(new Row(f[0], f[1], f[2], f[3], f[4]));
    }
    return rows.stream();
  }

  private static JailParam<?> constantFor(String name) throws IllegalAccessException {
    String field = name.toUpperCase(Locale.ROOT).replace('.', '_');
    for (Field f : JailParam.class.getFields()) {
      if (f.getName().equals(field) && Modifier.isStatic(f.getModifiers())) {
        return (JailParam<?>) f.get(null);
      }
    }
    throw new AssertionError("no constant JailParam." + field + " for " + name);
  }

  /** The type the table's format column gives. */
  private static ParamType<?> expectedType(Row row) {
    String f = row.format();
    if (row.kind().equals("jail8-pseudo")) {
      if (f.startsWith("list of") || f.equals("sh command line")) {
        return ParamType.STRING_LIST;
      }
      if (f.equals("boolean")) {
        return ParamType.BOOL;
      }
      if (f.startsWith("int")) {
        return ParamType.INT;
      }
      return ParamType.TEXT;
    }
    if (f.contains("E,jailsys")) {
      return ParamType.JAILSYS;
    }
    if (f.contains("\"A,keyvalue\"")) {
      return ParamType.KEY_VALUE;
    }
    if (f.contains("\"A\"")) {
      Matcher m = Pattern.compile("maxlen (\\d+)").matcher(f);
      // Module strings without a size in the table: LINUX_MAX_UTSNAME (65) for linux.*,
      // MAC_RULE_STRING_LEN (1024) for mac_do's rules.
      int size =
          m.find() ? Integer.parseInt(m.group(1)) : row.name().startsWith("linux") ? 65 : 1024;
      return ParamType.string(size);
    }
    if (f.contains("\"LU\"")) {
      return ParamType.ULONG;
    }
    if (f.contains("\"B\"")) {
      return ParamType.BOOL;
    }
    if (f.contains("\"I\"") || row.name().equals("lastjid")) {
      return ParamType.INT;
    }
    if (f.contains("in6_addr")) {
      return ParamType.IP6_LIST;
    }
    if (f.contains("in_addr")) {
      return ParamType.IP4_LIST;
    }
    if (row.name().equals("errmsg")) {
      return ParamType.string(1024);
    }
    throw new AssertionError("unknown format " + f);
  }

  private static JailParam.Access expectedAccess(Row row) {
    String f = row.format();
    if (row.kind().equals("jail8-pseudo") || f.contains("|RW")) {
      return JailParam.Access.WRITABLE;
    }
    if (f.contains("|RDTUN")) {
      return JailParam.Access.CREATE_ONLY;
    }
    return JailParam.Access.READ_ONLY;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void everyRowHasAConstantWithItsTypeAccessScopeAndVersion(Row row) throws Exception {
    JailParam<?> p = constantFor(row.name());

    assertThat(p.name()).isEqualTo(row.name());
    assertThat(p.type()).isEqualTo(expectedType(row));
    assertThat(p.access()).isEqualTo(expectedAccess(row));
    assertThat(p.scope())
        .isEqualTo(row.kind().equals("kernel") ? JailParam.Scope.KERNEL : JailParam.Scope.PSEUDO);
    assertThat(p.addedIn()).isEqualTo(row.addedIn());
    assertThat(p.isCatalogued()).isTrue();
    assertThat(JailParam.lookup(row.name())).containsSame(p);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void everyRowsReleaseIsReadAsNumbersWithItsMarks(Row row) throws Exception {
    JailParam<?> p = constantFor(row.name());
    Matcher m = Pattern.compile("^(?:<=)?(\\d+)(?:\\.(\\d+|x))?").matcher(row.addedIn());
    assertThat(m.find()).as(row.addedIn()).isTrue();
    int major = Integer.parseInt(m.group(1));
    String minor = m.group(2);

    JailParam.Release since = p.since().orElseThrow();
    assertThat(since.major()).isEqualTo(major);
    assertThat(since.minor())
        .isEqualTo(minor == null || minor.equals("x") ? 0 : Integer.parseInt(minor));
    assertThat(p.isVerified())
        .isEqualTo(
            !row.addedIn().contains("?")
                && !row.addedIn().contains("unverified")
                && !row.addedIn().contains("inferred"));
    Matcher renamed = Pattern.compile("renamed in (\\d+)\\.").matcher(row.addedIn());
    Integer gone = renamed.find() ? Integer.parseInt(renamed.group(1)) : null;
    assertThat(p.removedIn().map(JailParam.Release::major)).isEqualTo(Optional.ofNullable(gone));
    for (FreeBsdVersion v : FreeBsdVersion.values()) {
      assertThat(p.availableOn(v))
          .as("%s on %s", row.name(), v)
          .isEqualTo(v.major() >= major && (gone == null || v.major() < gone));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void everyRowsStringSizeAndVimageNeedAreKept(Row row) throws Exception {
    JailParam<?> p = constantFor(row.name());
    Matcher m = Pattern.compile("maxlen (\\d+)").matcher(row.format());
    if (m.find()) {
      assertThat(p.bufferSize()).hasValue(Integer.parseInt(m.group(1)));
    }
    if (row.name().equals("errmsg")) {
      assertThat(p.bufferSize()).hasValue(org.jail4j.spi.JailFlags.ERRMSG_LEN);
    } else if (row.kind().equals("jail8-pseudo") || !row.format().contains("\"A")) {
      assertThat(p.bufferSize()).isEmpty();
    }
    assertThat(p.requiresVimage()).isEqualTo(row.description().contains("VIMAGE kernels only"));
  }

  @Test
  void theKernelsFixedSizesAreTheConstants() {
    assertThat(JailParam.NAME.bufferSize()).hasValue(JailParam.MAXHOSTNAMELEN);
    assertThat(JailParam.HOST_HOSTNAME.bufferSize()).hasValue(JailParam.MAXHOSTNAMELEN);
    assertThat(JailParam.HOST_DOMAINNAME.bufferSize()).hasValue(JailParam.MAXHOSTNAMELEN);
    assertThat(JailParam.PATH.bufferSize()).hasValue(JailParam.MAXPATHLEN).hasValue(1024);
    assertThat(JailParam.OSRELEASE.bufferSize()).hasValue(JailParam.OSRELEASELEN).hasValue(32);
    assertThat(JailParam.HOST_HOSTUUID.bufferSize()).hasValue(JailParam.HOSTUUIDLEN).hasValue(64);
    assertThat(JailParam.LINUX_OSNAME.bufferSize()).hasValue(JailParam.LINUX_MAX_UTSNAME);
    assertThat(JailParam.MAC_DO_RULES.bufferSize()).hasValue(JailParam.MAC_RULE_STRING_LEN);
    assertThat(JailParam.META.bufferSize()).hasValue(JailParam.META_MAXBUFSIZE);
    assertThat(JailParam.PERSIST.bufferSize()).isEmpty();
  }

  @Test
  void aReleaseIsReadFromEveryFormOfTheTable() {
    assertThat(JailParam.JID.since()).contains(new JailParam.Release(8, 0));
    assertThat(JailParam.IP4_SADDRSEL.since()).contains(new JailParam.Release(8, 0));
    assertThat(JailParam.ALLOW_MLOCK.since()).contains(new JailParam.Release(12, 0));
    assertThat(JailParam.ALLOW_SUSER.since()).contains(new JailParam.Release(13, 0));
    assertThat(JailParam.ALLOW_NFSD.since()).contains(new JailParam.Release(14, 0));
    assertThat(JailParam.ALLOW_NFSD.isVerified()).isFalse();
    assertThat(JailParam.ZFS.isVerified()).isFalse();
    assertThat(JailParam.VNET.isVerified()).isTrue();
    assertThat(JailParam.DESC.isVerified()).isTrue();
    assertThat(JailParam.MDO.removedIn()).contains(new JailParam.Release(15, 0));
    assertThat(JailParam.MDO.since().orElseThrow()).hasToString("14.0");
  }

  @Test
  void availabilityFollowsTheReleaseFamily() {
    assertThat(JailParam.DESC.availableOn(FreeBsdVersion.V14)).isFalse();
    assertThat(JailParam.DESC.availableOn(FreeBsdVersion.V15)).isTrue();
    assertThat(JailParam.META.availableOn(FreeBsdVersion.V15))
        .isEqualTo(FreeBsdVersion.V15.hasMetaAndEnv());
    assertThat(JailParam.MDO.availableOn(FreeBsdVersion.V14)).isTrue();
    assertThat(JailParam.MDO.availableOn(FreeBsdVersion.V15)).isFalse();
    assertThat(JailParam.MAC_DO.availableOn(FreeBsdVersion.V14)).isFalse();
    assertThat(JailParam.ALLOW_EXTATTR.availableOn(FreeBsdVersion.V13)).isFalse();
    assertThat(JailParam.OSRELDATE.availableOn(FreeBsdVersion.V13)).isTrue();
    assertThat(JailParam.named("allow.mount.p9fs").availableOn(FreeBsdVersion.V13)).isTrue();
    assertThat(JailParam.named("allow.mount.p9fs").since()).isEmpty();
    assertThat(JailParam.named("allow.mount.p9fs").isVerified()).isFalse();
  }

  @Test
  void aReleaseNeedsPositiveNumbers() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new JailParam.Release(0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0.1");
    assertThat(new JailParam.Release(14, 1)).isGreaterThan(new JailParam.Release(14, 0));
    assertThat(new JailParam.Release(14, 0).isReachedBy(FreeBsdVersion.V14)).isTrue();
    assertThat(new JailParam.Release(15, 0).isReachedBy(FreeBsdVersion.V14)).isFalse();
  }

  @Test
  void whatTheKernelPublishesForAConstantTypesBackToThatConstant() {
    for (JailParam<?> p : JailParam.catalogue()) {
      if (p.isKernel() && !p.name().equals("lastjid") && !p.name().equals("errmsg")) {
        KernelParam published = p.kernelParam().orElseThrow();
        assertThat(published.name()).isEqualTo(p.name());
        assertThat(JailParam.fromKernel(published)).as(p.name()).isSameAs(p);
      } else {
        assertThat(p.kernelParam()).as(p.name()).isEmpty();
      }
    }
  }

  @Test
  void aPublishedStringCarriesItsBufferSizeAndAnAddressListItsElementSize() {
    assertThat(JailParam.PATH.kernelParam().orElseThrow())
        .isEqualTo(
            new KernelParam(
                "path", "A", KernelParam.CTLTYPE_STRING, KernelParam.Access.RDTUN, 1024));
    assertThat(JailParam.IP6_ADDR.kernelParam().orElseThrow())
        .isEqualTo(
            new KernelParam(
                "ip6.addr", "S,in6_addr,a", KernelParam.CTLTYPE_STRUCT, KernelParam.Access.RW, 16));
    assertThat(JailParam.DYING.kernelParam().orElseThrow().access())
        .isEqualTo(KernelParam.Access.RD);
  }

  @Test
  void theCatalogueHoldsExactlyTheRowsOfTheTable() throws IOException {
    assertThat(JailParam.catalogue())
        .extracting(JailParam::name)
        .containsExactlyElementsOf(rows().map(Row::name).toList());
  }

  @Test
  void moduleParametersNameTheirModule() {
    assertThat(JailParam.ALLOW_MOUNT_ZFS.module()).contains("zfs");
    assertThat(JailParam.ZFS.module()).contains("zfs");
    assertThat(JailParam.ZFS_MOUNT_SNAPSHOT.module()).contains("zfs");
    assertThat(JailParam.LINUX.module()).contains("linux");
    assertThat(JailParam.LINUX_OSRELEASE.module()).contains("linux");
    assertThat(JailParam.LINUX_OSS_VERSION.module()).contains("linux");
    assertThat(JailParam.SYSVMSG.module()).contains("sysvmsg");
    assertThat(JailParam.SYSVSEM.module()).contains("sysvsem");
    assertThat(JailParam.SYSVSHM.module()).contains("sysvshm");
    assertThat(JailParam.MDO.module()).contains("mac_do");
    assertThat(JailParam.MDO_RULES.module()).contains("mac_do");
    assertThat(JailParam.MAC_DO.module()).contains("mac_do");
    assertThat(JailParam.MAC_DO_RULES.module()).contains("mac_do");
    assertThat(JailParam.ALLOW_VMM.module()).contains("vmm");
    assertThat(JailParam.ALLOW_VMM_PPT.module()).contains("vmm");
    assertThat(JailParam.ALLOW_MOUNT_NULLFS.module()).contains("nullfs");
  }

  @Test
  void coreParametersBelongToNoModule() {
    assertThat(JailParam.PERSIST.module()).isEmpty();
    assertThat(JailParam.ALLOW_RAW_SOCKETS.module()).isEmpty();
    assertThat(JailParam.META.module()).isEmpty();
    assertThat(JailParam.EXEC_START.module()).isEmpty();
  }

  @Test
  void theNoNameGoesBeforeTheLastComponent() {
    assertThat(JailParam.PERSIST.noName()).isEqualTo("nopersist");
    assertThat(JailParam.ALLOW_MOUNT.noName()).isEqualTo("allow.nomount");
    assertThat(JailParam.ALLOW_MOUNT_ZFS.noName()).isEqualTo("allow.mount.nozfs");
    assertThat(JailParam.IP6_SADDRSEL.noName()).isEqualTo("ip6.nosaddrsel");
  }

  @Test
  void aNamedParameterIsUncataloguedText() {
    JailParam<String> p = JailParam.named("allow.mount.p9fs");

    assertThat(p.isNamed()).isTrue();
    assertThat(p.isCatalogued()).isFalse();
    assertThat(p.isKernel()).isTrue();
    assertThat(p).isNotEqualTo(JailParam.ALLOW_MOUNT_P9FS);
  }

  @Test
  void aNamedParameterNeedsANonEmptyNameWithoutNul() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JailParam.named("a\0b"))
        .isInstanceOf(org.jail4j.InvalidJailParameterException.class)
        .hasMessageContaining("a\\0b: a parameter name must be 1-255 bytes without NUL bytes");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JailParam.named(""))
        .isInstanceOf(org.jail4j.InvalidJailParameterException.class);
  }

  @Test
  void fromKernelGivesTheCataloguedConstantWhenTheTypeAgrees() {
    KernelParam published =
        new KernelParam(
            "host.hostname", "A", KernelParam.CTLTYPE_STRING, KernelParam.Access.RW, 256);

    assertThat(JailParam.fromKernel(published)).isSameAs(JailParam.HOST_HOSTNAME);
  }

  @Test
  void fromKernelTypesAnUnknownParameterByItsFormat() {
    KernelParam published =
        new KernelParam(
            "allow.mount.newfs", "B", KernelParam.CTLTYPE_INT, KernelParam.Access.RW, 0);

    JailParam<?> p = JailParam.fromKernel(published);

    assertThat(p.type()).isEqualTo(ParamType.BOOL);
    assertThat(p.isCatalogued()).isFalse();
    assertThat(p.access()).isEqualTo(JailParam.Access.WRITABLE);
  }

  @Test
  void fromKernelRefusesAFormatItCannotCarry() {
    KernelParam published =
        new KernelParam("odd", "S,timeval", KernelParam.CTLTYPE_STRUCT, KernelParam.Access.RW, 16);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JailParam.fromKernel(published))
        .isInstanceOf(org.jail4j.InvalidJailParameterException.class)
        .hasMessageContaining("odd: the kernel publishes type \"S,timeval\"");
  }
}
