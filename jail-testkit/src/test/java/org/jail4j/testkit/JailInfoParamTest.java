package org.jail4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jail4j.Errno;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.Jail;
import org.jail4j.JailHost;
import org.jail4j.JailInfo;
import org.jail4j.RunningJail;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;
import org.jail4j.testkit.junit.FakeJails;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link JailInfo#param} tells a parameter this kernel does not publish (an error, as jls says
 * {@code jls: unknown parameter: foo.bar}) from one it publishes but reported no value for (empty).
 */
@FakeJails
class JailInfoParamTest {

  private static RunningJail web(JailHost host) {
    return host.start(Jail.builder().name("web").path("/jail/web").persist(true).build());
  }

  @Test
  void aParameterUnknownToTheKernelIsAnErrorAsJlsSays(JailHost host, FakeJailKernel kernel) {
    try (RunningJail web = web(host)) {
      JailInfo info = web.info();
      InvalidJailParameterException e =
          catchThrowableOfType(InvalidJailParameterException.class, () -> info.param("foo.bar"));
      assertThat(e.kernelMessage()).contains("unknown parameter: foo.bar");
      assertThat(e).hasMessage("jail: web: unknown parameter: foo.bar (ENOENT)");
      assertThat(info.isPublished("foo.bar")).isFalse();

      // The same answer as the low-level request for the same name.
      InvalidJailParameterException low =
          catchThrowableOfType(
              InvalidJailParameterException.class,
              () ->
                  JailRequest.create()
                      .put(JailParam.JID, web.jid())
                      .want(JailParam.named("foo.bar"))
                      .get(kernel, 0));
      assertThat(e.errno()).isEqualTo(low.errno()).contains(Errno.ENOENT);
      assertThat(e.kernelMessage()).isEqualTo(low.kernelMessage());
    }
  }

  @Test
  void aTypedGetOfAParameterTheKernelLacksIsTheSameError(JailHost host) {
    try (RunningJail web = web(host)) {
      JailInfo info = web.info();
      JailParam<String> p = JailParam.named("allow.mount.nosuchfs");
      assertThat(catchThrowableOfType(InvalidJailParameterException.class, () -> info.get(p)))
          .hasMessageContaining("unknown parameter: allow.mount.nosuchfs");
    }
  }

  @Test
  void aPublishedParameterWithoutAValueIsEmpty(JailHost host) {
    try (RunningJail web = web(host)) {
      JailInfo info = web.info();
      // errmsg and desc are published but never read back, as jls does not read them.
      List<String> unread =
          info.published().stream().filter(n -> !info.params().containsKey(n)).toList();
      Assumptions.assumeFalse(unread.isEmpty(), "this kernel publishes no parameter left unread");
      for (String n : unread) {
        assertThat(info.isPublished(n)).isTrue();
        assertThat(info.param(n)).as(n).isEmpty();
      }
      assertThat(info.param("host.hostname")).isPresent();
      assertThat(info.get(JailParam.ENFORCE_STATFS)).hasValue(2);
    }
  }

  @Test
  void aSnapshotBuiltByHandPublishesWhatItHolds() {
    JailInfo info =
        new JailInfo(5, "web", "/jail/web", "", List.of(), 0, false, Map.of("securelevel", "3"));
    assertThat(info.param("securelevel")).contains("3");
    assertThat(
            catchThrowableOfType(
                InvalidJailParameterException.class, () -> info.param("osrelease")))
        .hasMessage("jail: web: unknown parameter: osrelease (ENOENT)");
  }

  @Test
  void aPublishedParameterThatWasNotReadIsEmptyNotAnError() {
    JailInfo info =
        new JailInfo(
            5,
            "web",
            "/jail/web",
            "",
            List.of(),
            0,
            false,
            Map.of("securelevel", "3"),
            Set.of("securelevel", "osrelease"));
    assertThat(info.isPublished("osrelease")).isTrue();
    assertThat(info.param("osrelease")).isEmpty();
    assertThat(info.get(JailParam.OSRELEASE)).isEmpty();
  }
}
