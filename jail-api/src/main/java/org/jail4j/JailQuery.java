package org.jail4j;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;
import org.jail4j.param.JailValues;
import org.jail4j.param.ParamText;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.JailKernel;
import org.jail4j.spi.KernelParam;
import org.jspecify.annotations.Nullable;

/**
 * Reading jails the way jls(8) does: one by JID or name, or all of them by walking {@code lastjid}
 * (freebsd-jail-abi.md §1.5), each with every parameter the running kernel publishes.
 */
final class JailQuery {

  /** Parameters never read back: keys, the 15.0 descriptor (needs its own flags). */
  private static final List<String> NOT_READ = List.of("lastjid", "errmsg", "desc");

  private final JailKernel kernel;

  JailQuery(JailKernel kernel) {
    this.kernel = kernel;
  }

  List<JailInfo> all(boolean includeDying) {
    List<JailInfo> out = new ArrayList<>();
    List<JailParam<?>> readable = readable();
    Set<String> published = published();
    int last = 0;
    // one request for the whole walk: only the lastjid value changes from call to call
    JailRequest request =
        wanting(JailRequest.create().put(JailParam.LASTJID, last), List.of(), readable);
    while (true) {
      JailValues v;
      try {
        v = request.put(JailParam.LASTJID, last).get(kernel, includeDying ? JailFlags.DYING : 0);
      } catch (JailNotFoundException e) {
        return out; // ENOENT "no jail after N": the walk is over
      }
      out.add(info(v, null, readable, published));
      last = v.jid();
    }
  }

  Optional<JailInfo> byJid(int jid, boolean includeDying) {
    List<JailParam<?>> readable = readable();
    Set<String> published = published();
    try {
      return Optional.of(
          info(
              wanting(JailRequest.create().put(JailParam.JID, jid), List.of("jid"), readable)
                  .get(kernel, includeDying ? JailFlags.DYING : 0),
              null,
              readable,
              published));
    } catch (JailNotFoundException e) {
      return Optional.empty();
    }
  }

  Optional<JailInfo> byName(String name) {
    List<JailParam<?>> readable = readable();
    Set<String> published = published();
    try {
      return Optional.of(
          info(
              wanting(JailRequest.create().put(JailParam.NAME, name), List.of("name"), readable)
                  .get(kernel, 0),
              name,
              readable,
              published));
    } catch (JailNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Every published parameter as an output, except the keys already in the request. */
  private static JailRequest wanting(
      JailRequest request, List<String> keys, List<JailParam<?>> readable) {
    for (JailParam<?> p : readable) {
      if (!keys.contains(p.name())) {
        request.want(p);
      }
    }
    return request;
  }

  private List<JailParam<?>> readable() {
    List<JailParam<?>> out = new ArrayList<>();
    for (KernelParam kp : kernel.params()) {
      if (NOT_READ.contains(kp.name())) {
        continue;
      }
      Optional<JailParam<?>> known = JailParam.lookup(kp.name()).filter(JailParam::isKernel);
      out.add(known.isPresent() ? known.get() : JailParam.named(kp.name()));
    }
    return out;
  }

  private static JailInfo info(
      JailValues v, @Nullable String key, List<JailParam<?>> readable, Set<String> published) {
    Map<String, String> text = new LinkedHashMap<>();
    for (JailParam<?> p : readable) {
      exportText(v, p).ifPresent(t -> text.put(p.name(), t));
    }
    text.put("jid", Integer.toString(v.jid()));
    if (key != null) {
      text.put("name", key);
    }
    List<InetAddress> addresses = new ArrayList<>();
    v.get(JailParam.IP4_ADDR).ifPresent(addresses::addAll);
    v.get(JailParam.IP6_ADDR).ifPresent(addresses::addAll);
    String name = text.getOrDefault("name", Integer.toString(v.jid()));
    return new JailInfo(
        v.jid(),
        name.isEmpty() ? Integer.toString(v.jid()) : name,
        text.getOrDefault("path", ""),
        text.getOrDefault("host.hostname", ""),
        addresses,
        parseInt(text.get("parent")),
        "true".equals(text.get("dying")),
        text,
        published);
  }

  /** The name of every parameter the kernel publishes. */
  private Set<String> published() {
    Set<String> names = new LinkedHashSet<>();
    for (KernelParam kp : kernel.params()) {
      names.add(kp.name());
    }
    return Set.copyOf(names);
  }

  private static <T> Optional<String> exportText(JailValues v, JailParam<T> p) {
    return v.get(p).map(value -> joined(ParamText.format(p, value)));
  }

  private static String joined(List<String> values) {
    return values.size() == 1 ? values.get(0) : String.join(",", values);
  }

  private static int parseInt(@Nullable String s) {
    if (s == null) {
      return 0;
    }
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
