package org.jail4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jail4j.spi.MountRequest;
import org.junit.jupiter.api.Test;

/** fstab(5) lines as jail(8)'s {@code mount} and {@code mount.fstab} read them. */
class FstabLineTest {

  @Test
  void fourFieldsGiveOptions() {
    assertThat(
            FstabLine.parse("/jails/base /jail/web nullfs ro,noatime 0 0")
                .orElseThrow()
                .toMountRequest())
        .isEqualTo(
            new MountRequest("nullfs", "/jails/base", "/jail/web", List.of("ro", "noatime"), null));
  }

  @Test
  void threeFieldsAreEnough() {
    assertThat(FstabLine.parse("tmpfs /jail/web/tmp tmpfs").orElseThrow().options()).isEmpty();
  }

  @Test
  void fewerThanThreeFieldsIsMissingInformation() {
    assertThatThrownBy(() -> FstabLine.parse("/jails/base /jail/web"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("/jails/base /jail/web: missing information");
  }

  @Test
  void blankAndCommentLinesMountNothing() {
    assertThat(FstabLine.parse("   ")).isEmpty();
    assertThat(FstabLine.parse("# comment")).isEmpty();
  }
}
