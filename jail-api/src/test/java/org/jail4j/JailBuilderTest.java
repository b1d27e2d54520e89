package org.jail4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jail4j.InvalidJailParameterException.Violation;
import org.jail4j.param.JailParam;
import org.junit.jupiter.api.Test;

/**
 * {@link JailBuilder}: a documented setter for every attribute, and problems reported in the order
 * their fields were first set.
 */
class JailBuilderTest {

  private static List<String> fields(InvalidJailParameterException e) {
    return e.violations().stream().map(Violation::field).toList();
  }

  private static InvalidJailParameterException refusal(JailBuilder b) {
    try {
      b.build();
    } catch (InvalidJailParameterException e) {
      return e;
    }
    throw new AssertionError("build() accepted a jail with problems");
  }

  @Test
  void problemsComeInTheOrderTheirFieldsWereSet() {
    InvalidJailParameterException pathFirst =
        refusal(Jail.builder().path("jail/web").name("web.").hostname("a\0b"));
    assertThat(fields(pathFirst)).containsExactly("path", "name", "host.hostname");

    InvalidJailParameterException hostnameFirst =
        refusal(Jail.builder().hostname("a\0b").name("web.").path("jail/web"));
    assertThat(fields(hostnameFirst)).containsExactly("host.hostname", "name", "path");
  }

  @Test
  void settersThatRefuseEarlyAndRulesCheckedAtBuildInterleave() {
    // ip4 text and a wrong Java type are found while setting; the path and the securelevel range
    // when building: all four come in the order of the calls.
    InvalidJailParameterException e =
        refusal(
            Jail.builder()
                .param(JailParam.EXEC_TIMEOUT, -5)
                .ip4("not-an-address")
                .path("relative")
                .param(JailParam.SECURELEVEL, 7));
    assertThat(fields(e)).containsExactly("exec.timeout", "ip4.addr", "path", "securelevel");
  }

  @Test
  void aFieldSetAgainKeepsItsFirstPlace() {
    InvalidJailParameterException e = refusal(Jail.builder().name("a.").path("rel").name("b."));
    assertThat(fields(e)).containsExactly("name", "path");
    assertThat(e.violations().get(0).rule()).contains("\"b.\"");
  }

  @Test
  void aFieldCopiedByFromComesAfterTheFieldsSetAfterwards() {
    Jail valid = Jail.builder().name("web").path("/jail/web").build();
    // withPath checks at once; a builder copies the bad value in and reports it last
    InvalidJailParameterException e =
        refusal(
            Jail.builder()
                .from(valid)
                .putAllParams(Map.of(JailParam.ENFORCE_STATFS, 9))
                .hostname("a\0b"));
    assertThat(fields(e)).containsExactly("enforce_statfs", "host.hostname");
  }

  @Test
  void theJavadocExampleHoldsAsWritten() {
    try {
      Jail.builder().path("jail/web").name("web.").build();
      throw new AssertionError("build() accepted a relative path");
    } catch (InvalidJailParameterException e) {
      assertThat(e.violations().get(0).field()).isEqualTo("path");
      assertThat(e.violations().get(1).field()).isEqualTo("name");
    }
  }

  @Test
  void everyGeneratedSetterHasADocumentedTwin() {
    // The generated builder is the list of what a Jail holds: every one of its setters (a
    // single-element add is the varargs add's) exists on JailBuilder with the same parameters.
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Method g : ImmutableJail.Builder.class.getDeclaredMethods()) {
      if (!Modifier.isPublic(g.getModifiers()) || g.getName().equals("build")) {
        continue;
      }
      checked++;
      Class<?>[] params = g.getParameterTypes();
      boolean singleAdd =
          params.length == 1 && !params[0].isArray() && hasVarargsTwin(g.getName(), params[0]);
      Class<?>[] wanted = singleAdd ? new Class<?>[] {params[0].arrayType()} : params;
      try {
        Method ours = JailBuilder.class.getMethod(g.getName(), wanted);
        assertThat(ours.getReturnType()).isEqualTo(JailBuilder.class);
      } catch (NoSuchMethodException ex) {
        missing.add(g.getName() + Arrays.toString(wanted));
      }
    }
    assertThat(checked).as("generated setters found").isGreaterThan(80);
    assertThat(missing).as("setters of the generated builder missing on JailBuilder").isEmpty();
  }

  private static boolean hasVarargsTwin(String name, Class<?> element) {
    return Arrays.stream(ImmutableJail.Builder.class.getDeclaredMethods())
        .anyMatch(
            m ->
                m.getName().equals(name)
                    && Arrays.equals(m.getParameterTypes(), new Class<?>[] {element.arrayType()}));
  }

  @Test
  void settersSetWhatTheirAttributeReadsBack() {
    Jail j =
        Jail.builder()
            .name("web")
            .addExecStart("/bin/sh /etc/rc")
            .addAllExecStop(List.of("/bin/sh /etc/rc.shutdown"))
            .mounts(List.of("/a /jail/web/a nullfs ro 0 0"))
            .addresses(List.of(JailAddress.parse("192.0.2.1"), JailAddress.parse("2001:db8::1")))
            .limit("memoryuse", "1g", "deny")
            .putParams(JailParam.SECURELEVEL, 2)
            .build();
    assertThat(j.execStart()).containsExactly("/bin/sh /etc/rc");
    assertThat(j.execStop()).containsExactly("/bin/sh /etc/rc.shutdown");
    assertThat(j.mounts()).containsExactly("/a /jail/web/a nullfs ro 0 0");
    assertThat(j.ip4()).hasSize(1);
    assertThat(j.ip6()).hasSize(1);
    assertThat(j.limits()).hasSize(1);
    assertThat(j.params()).containsEntry(JailParam.SECURELEVEL, 2);
    assertThat(Jail.builder().from(j).build()).isEqualTo(j);
    assertThatThrownBy(() -> Jail.builder().mounts(List.of("bad\0")).build())
        .isInstanceOf(InvalidJailParameterException.class)
        .hasMessageContaining("mount");
  }
}
