package org.jail4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.jail4j.param.JailParam;
import org.junit.jupiter.api.Test;

/** {@code JailBuilder.param} puts every catalogued parameter where it belongs. */
class JailBuilderParamTest {

  @Test
  void pseudoParametersGoToTheirOwnAttributes() {
    Jail jail =
        Jail.builder()
            .name("web")
            .param(JailParam.EXEC_START, List.of("/bin/sh /etc/rc"))
            .param(JailParam.MOUNT_DEVFS, true)
            .param(JailParam.EXEC_TIMEOUT, 30)
            .param(JailParam.STOP_TIMEOUT, 0)
            .param(JailParam.INTERFACE, "em0")
            .param(JailParam.VNET_INTERFACE, List.of("epair0b"))
            .build();

    assertThat(jail.execStart()).containsExactly("/bin/sh /etc/rc");
    assertThat(jail.mountDevfs()).isTrue();
    assertThat(jail.execTimeout()).contains(Duration.ofSeconds(30));
    assertThat(jail.stopTimeout()).isEqualTo(Duration.ZERO);
    assertThat(jail.iface()).contains("em0");
    assertThat(jail.vnetInterfaces()).containsExactly("epair0b");
    assertThat(jail.params()).isEmpty();
  }

  @Test
  void pseudoParametersReadBackThroughGet() {
    Jail jail =
        Jail.builder()
            .name("web")
            .execStop(List.of("/bin/sh /etc/rc.shutdown"))
            .execTimeout(Duration.ofSeconds(90))
            .build();

    assertThat(jail.get(JailParam.EXEC_STOP)).contains(List.of("/bin/sh /etc/rc.shutdown"));
    assertThat(jail.get(JailParam.EXEC_TIMEOUT)).contains(90);
    assertThat(jail.get(JailParam.STOP_TIMEOUT)).contains(10);
    assertThat(jail.get(JailParam.EXEC_START)).isEmpty();
    assertThat(jail.get(JailParam.MOUNT_PROCFS)).contains(false);
  }

  @Test
  void everyCataloguedPseudoParameterHasAnAttribute() {
    for (JailParam<?> p : JailParam.catalogue()) {
      if (!p.isKernel()) {
        JailBuilder b = Jail.builder();
        Object sample =
            switch (p.type().kind()) {
              case STRING_LIST -> List.of("x");
              case BOOL -> true;
              case INT -> 1;
              default -> "x";
            };
        putAny(b, p, sample);
        Jail jail = b.build();
        assertThat(jail.params()).as(p.name()).isEmpty();
        assertThat(jail.get(p).map(Object.class::cast)).as(p.name()).contains(sample);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> void putAny(JailBuilder b, JailParam<T> p, Object value) {
    b.param(p, (T) value);
  }

  @Test
  void kernelParametersGoToTheMap() {
    Jail jail = Jail.builder().param(JailParam.ALLOW_RAW_SOCKETS, true).build();

    assertThat(jail.params()).containsEntry(JailParam.ALLOW_RAW_SOCKETS, true);
  }
}
