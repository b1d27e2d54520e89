package org.jail4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jail4j.conf.JailConf;
import org.jail4j.conf.JailConfWriter;
import org.jail4j.conf.internal.ParamNames;
import org.jail4j.param.JailParam;
import org.junit.jupiter.api.Test;

/** The table of jail(8) settings covers every pseudo-parameter, in every place that lists them. */
class JailSettingTest {

  /** A value unlike the default, of the setting's Java type. */
  private static Object sample(JailSetting s) {
    return switch (s.kind()) {
      case COMMANDS -> List.of("/bin/echo " + s.name(), "/bin/echo two");
      case NAMES -> List.of("one" + s.name(), "two" + s.name());
      case FLAG -> true;
      case TEXT -> "/var/" + s.name();
      case SECONDS, NUMBER -> 3;
    };
  }

  @Test
  void everyCataloguedPseudoParameterHasASetting() {
    List<String> pseudo =
        JailParam.catalogue().stream()
            .filter(p -> !p.isKernel())
            .map(JailParam::name)
            .sorted()
            .collect(Collectors.toList());
    List<String> table =
        java.util.Arrays.stream(JailSetting.values())
            .map(s -> s.param().name())
            .sorted()
            .collect(Collectors.toList());
    assertThat(table).isEqualTo(pseudo);
    for (JailSetting s : JailSetting.values()) {
      assertThat(JailSetting.of(s.param())).contains(s);
    }
  }

  @Test
  void everyInternalJailConfNameHasASetting() {
    List<String> internal =
        ParamNames.TABLE.stream()
            .filter(ParamNames.Known::internal)
            .map(ParamNames.Known::name)
            .sorted()
            .collect(Collectors.toList());
    List<String> table =
        java.util.Arrays.stream(JailSetting.values())
            .map(s -> s.param().name())
            .sorted()
            .collect(Collectors.toList());
    assertThat(internal).isEqualTo(table);
    // the table is derived from JailSetting in order; first-match-wins lookups then need every
    // name, and its "no" spelling, to land on its own row only
    for (ParamNames.Known row : ParamNames.TABLE) {
      List<String> slots =
          ParamNames.TABLE.stream()
              .map(ParamNames.Known::name)
              .filter(other -> ParamNames.sameSlot(row.name(), other))
              .toList();
      assertThat(slots).as(row.name()).containsExactly(row.name());
      assertThat(ParamNames.known(row.name())).contains(row);
    }
    assertThat(ParamNames.known("exec.timeout").orElseThrow().kind())
        .isEqualTo(ParamNames.Kind.INT);
    assertThat(ParamNames.known("mount.nodevfs").orElseThrow().kind())
        .isEqualTo(ParamNames.Kind.BOOL);
    assertThat(ParamNames.known("exec.consolelog").orElseThrow().kind())
        .isEqualTo(ParamNames.Kind.SCALAR);
    assertThat(ParamNames.known("depend").orElseThrow().kind()).isEqualTo(ParamNames.Kind.LIST);
  }

  @Test
  void everySettingSurvivesBuilderJailConfWriteAndRead() {
    for (JailSetting s : JailSetting.values()) {
      Object value = sample(s);
      JailBuilder b = Jail.builder().name("w").path("/jail/w");
      s.write(b, value);
      Jail jail = b.build();
      assertThat(s.read(jail)).as(s.name()).contains(value);
      assertThat(jail.get(s.param())).as(s.name()).isEqualTo(Optional.of(value));

      Jail viaParam = Jail.builder().name("w").path("/jail/w").param(raw(s.param()), value).build();
      assertThat(viaParam).as(s.name()).isEqualTo(jail);

      String text = JailConfWriter.write(jail);
      assertThat(text).as(s.name()).contains(s.param().name());
      Jail back = JailConf.parse(text).toJails().get(0);
      assertThat(back).as(s.name() + " in\n" + text).isEqualTo(jail);
      assertThat(s.read(back)).as(s.name()).contains(value);
    }
  }

  @SuppressWarnings("unchecked")
  private static JailParam<Object> raw(JailParam<?> p) {
    return (JailParam<Object>) p;
  }
}
