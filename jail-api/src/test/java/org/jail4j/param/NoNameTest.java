package org.jail4j.param;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoNameTest {

  @Test
  void noGoesBeforeTheLastComponent() {
    assertThat(JailParam.noNameOf("persist")).isEqualTo("nopersist");
    assertThat(JailParam.noNameOf("allow.mount.zfs")).isEqualTo("allow.mount.nozfs");
    assertThat(JailParam.PERSIST.noName()).isEqualTo("nopersist");
  }

  @Test
  void plainNameUndoesIt() {
    assertThat(JailParam.plainNameOf("allow.mount.nozfs")).contains("allow.mount.zfs");
    assertThat(JailParam.plainNameOf("nopersist")).contains("persist");
    assertThat(JailParam.plainNameOf("no")).isEmpty();
    assertThat(JailParam.plainNameOf("allow.no")).isEmpty();
    assertThat(JailParam.plainNameOf("persist")).isEmpty();
    assertThat(JailParam.plainNameOf("allow.nomount.zfs")).isEmpty();
  }
}
