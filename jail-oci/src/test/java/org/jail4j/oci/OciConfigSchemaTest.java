package org.jail4j.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jail4j.Jail;
import org.jail4j.JailLimit;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailSys;
import org.junit.jupiter.api.Test;

/** The specification's own FreeBSD examples, and what jail4j writes, against its schemas. */
class OciConfigSchemaTest {

  private static Path examples() {
    return OciReference.runtimeSchemas().resolve("test/config");
  }

  private static String text(Path p) throws IOException {
    return Files.readString(p);
  }

  private static OciSchema schema() {
    return OciSchema.runtimeConfig(OciReference.runtimeSchemas());
  }

  static Jail full() {
    return Jail.builder()
        .name("web.www")
        .path("/jail/web/www")
        .hostname("www.example.org")
        .ip4("em0|192.0.2.10/24", "192.0.2.11")
        .ip6("2001:db8::10")
        .param(JailParam.SECURELEVEL, 3)
        .param(JailParam.CHILDREN_MAX, 4)
        .param(JailParam.DEVFS_RULESET, 4)
        .param(JailParam.ENFORCE_STATFS, 1)
        .param(JailParam.ALLOW_RAW_SOCKETS, true)
        .param(JailParam.ALLOW_CHFLAGS, false)
        .param(JailParam.ALLOW_MOUNT, true)
        .param(JailParam.ALLOW_MOUNT_TMPFS, true)
        .param(JailParam.ALLOW_READ_MSGBUF, true)
        .param(JailParam.SYSVSHM, JailSys.NEW)
        .param(JailParam.OSRELEASE, "14.3-RELEASE")
        .persist(true)
        .mountDevfs(true)
        .mountFdescfs(true)
        .addMounts("/usr/ports /jail/web/www/usr/ports nullfs ro 0 0")
        .addMounts("tmpfs /tmp/x tmpfs rw,size=1g 0 0")
        .addExecPrestart("logger starting www")
        .addExecCreated("echo created")
        .addExecStart("/bin/sh /etc/rc")
        .addExecPoststop("echo gone")
        .addExecStop("/bin/sh /etc/rc.shutdown")
        .addLimits(new JailLimit("memoryuse", "4g", "deny"))
        .iface("em0")
        .execJailUser("www")
        .build();
  }

  @Test
  void theGoodFreeBsdExamplesAreValid() throws IOException {
    for (String f : List.of("freebsd-example.json", "freebsd-minimal.json")) {
      assertThat(schema().problems(text(examples().resolve("good").resolve(f)))).as(f).isEmpty();
    }
  }

  @Test
  void theBadFreeBsdExampleIsInvalid() throws IOException {
    assertThat(schema().problems(text(examples().resolve("bad/freebsd-vnet-disable.json"))))
        .isNotEmpty();
  }

  @Test
  void theGoodFreeBsdExampleReadsIntoAJail() throws IOException {
    Path bundle = Path.of("/var/run/bundles/c1");
    OciConfig c =
        OciConfig.parse(text(examples().resolve("good/freebsd-example.json")), "c1", bundle);
    Jail j = c.jail();
    assertThat(j.name()).hasValue("c1");
    assertThat(j.path()).hasValue("/var/run/bundles/c1/rootfs");
    assertThat(j.hostname()).hasValue("slartibartfast");
    assertThat(j.command()).containsExactly("sh");
    assertThat(j.mountDevfs()).isTrue();
    assertThat(j.mountFdescfs()).isTrue();
    assertThat(j.get(JailParam.DEVFS_RULESET)).hasValue(4);
    assertThat(j.get(JailParam.HOST)).hasValue(JailSys.NEW);
    assertThat(j.get(JailParam.VNET)).hasValue(JailSys.NEW);
    assertThat(j.get(JailParam.ENFORCE_STATFS)).hasValue(1);
    assertThat(j.get(JailParam.ALLOW_RAW_SOCKETS)).hasValue(true);
    assertThat(j.get(JailParam.ALLOW_CHFLAGS)).hasValue(true);
    assertThat(j.get(JailParam.ALLOW_MOUNT)).hasValue(true);
    assertThat(j.get(JailParam.ALLOW_MOUNT_TMPFS)).hasValue(true);
    assertThat(c.devices()).containsExactly(new OciDevice("pf", 448));
    assertThat(c.terminal()).isTrue();
    assertThat(c.env()).hasSize(2);
    // and what jail4j writes from it validates and reads back the same
    String again = c.toJson();
    assertThat(schema().problems(again)).as(again).isEmpty();
    assertThat(OciConfig.parse(again, "c1", null)).isEqualTo(c);
  }

  @Test
  void theMinimalFreeBsdExampleReadsIntoAJail() throws IOException {
    OciConfig c =
        OciConfig.parse(
            text(examples().resolve("good/freebsd-minimal.json")), "m", Path.of("/b/m"));
    assertThat(c.jail().path()).hasValue("/b/m/rootfs");
    assertThat(c.jail().name()).hasValue("m");
  }

  @Test
  void theBadFreeBsdExampleIsRefusedNamingTheField() throws IOException {
    String bad = text(examples().resolve("bad/freebsd-vnet-disable.json"));
    assertThatThrownBy(() -> OciConfig.parse(bad, "x", Path.of("/b/x")))
        .isInstanceOfSatisfying(
            OciException.class, e -> assertThat(e.field()).isEqualTo("freebsd.jail.vnet"))
        .hasMessageContaining("\"disable\" is not new or inherit");
  }

  @Test
  void validateThrowsForTheBadExample() throws IOException {
    String bad = text(examples().resolve("bad/freebsd-vnet-disable.json"));
    assertThatThrownBy(() -> OciConfig.validate(bad, OciReference.runtimeSchemas()))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("config-schema.json");
  }

  @Test
  void whatJailFourJWritesIsValid() {
    String json = OciConfig.fromJail(full()).toJson();
    assertThat(schema().problems(json)).as(json).isEmpty();
    OciConfig.validate(json, OciReference.runtimeSchemas());
  }

  @Test
  void aFullJailSurvivesTheTrip() {
    Jail j = full();
    OciConfig back = OciConfig.parse(OciConfig.fromJail(j).toJson());
    assertThat(back.jail()).isEqualTo(j);
  }

  @Test
  void settingsWithoutAnOciFieldAreNamespacedAnnotations() {
    String json = OciConfig.fromJail(full()).toJson();
    assertThat(json)
        .contains("\"org.jail4j.param.securelevel\" : \"3\"")
        .contains("\"org.jail4j.param.children.max\" : \"4\"")
        .contains("\"org.jail4j.param.persist\" : \"true\"")
        .contains("\"org.jail4j.param.osrelease\" : \"14.3-RELEASE\"")
        .contains("\"org.jail4j.limits\"")
        .contains("\"org.jail4j.name\" : \"web.www\"")
        .contains("\"parent\" : \"web\"")
        .contains("\"ruleset=4\"");
  }

  @Test
  void aJailWithoutPathIsRefused() {
    Jail j = Jail.builder().name("p").build();
    assertThatThrownBy(() -> OciConfig.fromJail(j).toJson())
        .isInstanceOfSatisfying(
            OciException.class, e -> assertThat(e.field()).isEqualTo("root.path"));
  }

  @Test
  void unknownFieldsAreRefusedNamingThem() {
    String json = "{\"ociVersion\":\"1.3.0\",\"root\":{\"path\":\"/j\"},\"linux\":{}}";
    assertThatThrownBy(() -> OciConfig.parse(json))
        .isInstanceOfSatisfying(OciException.class, e -> assertThat(e.field()).isEqualTo("linux"));
  }

  @Test
  void unknownJailFourJAnnotationsAreRefused() {
    String json =
        "{\"ociVersion\":\"1.3.0\",\"root\":{\"path\":\"/j\"},"
            + "\"annotations\":{\"org.jail4j.nope\":\"1\"}}";
    assertThatThrownBy(() -> OciConfig.parse(json))
        .isInstanceOfSatisfying(
            OciException.class,
            e -> assertThat(e.field()).isEqualTo("annotations.org.jail4j.nope"));
  }

  @Test
  void foreignAnnotationsAreKept() {
    String json =
        "{\"ociVersion\":\"1.3.0\",\"root\":{\"path\":\"/j\"},"
            + "\"annotations\":{\"com.example.x\":\"1\"}}";
    OciConfig c = OciConfig.parse(json);
    assertThat(c.annotations()).containsEntry("com.example.x", "1");
    assertThat(OciConfig.parse(c.toJson())).isEqualTo(c);
  }
}
