package org.jail4j.conf.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.Jail;
import org.jail4j.JailAddress;
import org.jail4j.JailBuilder;
import org.jail4j.JailSetting;
import org.jail4j.conf.JailConfException;
import org.jail4j.conf.JailConfException.Problem;
import org.jail4j.param.JailParam;
import org.jail4j.param.ParamType;

/**
 * An evaluated jail to a {@link Jail}: jail(8)'s pseudo-parameters to the management attributes
 * (with config.c {@code check_intparams()}'s boolean and integer checks), the address forms {@code
 * IFACE|ADDR/MASK}, and every other parameter to a typed kernel value through {@link KernelValues}.
 * Every problem of the jail is reported at once.
 *
 * <pre>{@code
 * Jail jail = JailConversion.toJail(evaluated);
 * }</pre>
 */
public final class JailConversion {
  private JailConversion() {}

  /**
   * Converts one evaluated jail.
   *
   * @param j the jail
   * @return the value
   * @throws JailConfException listing every problem, including the evaluation's own
   */
  public static Jail toJail(Evaluator.Jail j) {
    List<Problem> problems = new ArrayList<>(j.problems());
    JailBuilder b = Jail.builder();
    List<JailAddress> v4 = new ArrayList<>();
    List<JailAddress> v6 = new ArrayList<>();
    for (Evaluator.Param p : j.params()) {
      try {
        apply(b, p, j.name(), problems, v4, v6);
      } catch (InvalidJailParameterException | IllegalArgumentException e) {
        problems.add(Problem.inJail(j.name(), describe(p.name(), e), p.file(), p.line()));
      }
    }
    // ip4.addr and ip6.addr are separate lists: IPv4 first, then IPv6, each in its own order
    b.addAllAddresses(v4).addAllAddresses(v6);
    // jail.c create_jail() refuses a relative path for a jail from a config file, in these words
    for (Evaluator.Param p : j.params()) {
      if (p.name().equals("path") && !p.values().isEmpty()) {
        String path = ByteStrings.toText(p.values().get(p.values().size() - 1));
        if (!path.startsWith("/")) {
          problems.add(
              Problem.inJail(
                  j.name(), "path " + path + ": not an absolute pathname", p.file(), p.line()));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new JailConfException(problems);
    }
    try {
      return b.build();
    } catch (InvalidJailParameterException e) {
      List<Problem> ps = new ArrayList<>();
      for (InvalidJailParameterException.Violation v : e.violations()) {
        ps.add(Problem.inJail(j.name(), v.field() + ": " + v.rule(), null, 0));
      }
      if (ps.isEmpty()) {
        ps.add(Problem.inJail(j.name(), String.valueOf(e.getMessage()), null, 0));
      }
      throw new JailConfException(ps);
    }
  }

  private static String describe(String name, RuntimeException e) {
    if (e instanceof InvalidJailParameterException ie) {
      if (!ie.violations().isEmpty()) {
        return ie.violations().get(0).toString();
      }
    }
    return name + ": " + e.getMessage();
  }

  private static void apply(
      JailBuilder b,
      Evaluator.Param p,
      String jail,
      List<Problem> problems,
      List<JailAddress> v4,
      List<JailAddress> v6) {
    String name = ByteStrings.toText(p.name());
    List<String> values = new ArrayList<>();
    for (String v : p.values()) {
      values.add(ByteStrings.toText(v));
    }
    Optional<String> last =
        values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    Optional<ParamNames.Known> known = ParamNames.known(name);
    if (known.isPresent() && known.get().internal()) {
      ParamNames.Known k = known.get();
      switch (k.kind()) {
        case BOOL:
          {
            if (last.isPresent() && ParamNames.boolProblem(last.get()) != null) {
              problems.add(
                  Problem.inJail(
                      jail, name + ": " + ParamNames.boolProblem(last.get()), p.file(), p.line()));
              return;
            }
            pseudo(b, k.name(), ParamNames.boolValue(name, values));
            return;
          }
        case INT:
          {
            if (last.isEmpty()) {
              return;
            }
            String problem = ParamNames.intProblem(last.get());
            long v = ParamNames.strtol(last.get()).value();
            if (problem == null && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
              problem = "value out of range \"" + last.get() + "\"";
            }
            if (problem != null) {
              problems.add(Problem.inJail(jail, name + ": " + problem, p.file(), p.line()));
              return;
            }
            pseudo(b, k.name(), (int) v);
            return;
          }
        case LIST:
          pseudo(b, k.name(), values);
          return;
        case SCALAR:
          if (last.isPresent()) {
            pseudo(b, k.name(), last.get());
          }
          return;
        case KERNEL:
          throw new IllegalStateException(name + " is a kernel parameter, not a jail(8) setting");
      }
    }
    switch (name) {
      case "name":
        b.name(last.orElse(""));
        return;
      case "jid":
        b.jid(KernelValues.parse(JailParam.JID, values));
        return;
      case "path":
        b.path(last.orElse(""));
        return;
      case "host.hostname":
        b.hostname(last.orElse(""));
        return;
      case "ip4.addr":
      case "ip6.addr":
        addresses(name.equals("ip4.addr") ? v4 : v6, name, values);
        return;
      default:
        break;
    }
    if (ParamNames.sameSlot(name, "persist")) {
      if (last.isPresent() && ParamNames.boolProblem(last.get()) != null) {
        problems.add(
            Problem.inJail(
                jail, name + ": " + ParamNames.boolProblem(last.get()), p.file(), p.line()));
        return;
      }
      b.persist(ParamNames.boolValue(name, values));
      return;
    }
    kernel(b, name, values);
  }

  private static void addresses(List<JailAddress> out, String name, List<String> values) {
    boolean v4 = name.equals("ip4.addr");
    for (String v : values) {
      JailAddress a;
      try {
        a = JailAddress.parse(v);
      } catch (InvalidJailParameterException e) {
        throw new IllegalArgumentException("not an IPv" + (v4 ? "4" : "6") + " address: " + v, e);
      }
      if (a.isIpv4() != v4) {
        throw new IllegalArgumentException("not an IPv" + (v4 ? "4" : "6") + " address: " + v);
      }
      out.add(a);
    }
  }

  /**
   * A kernel parameter: the catalogued one, the positive twin of a {@code no}-prefixed boolean
   * (value inverted), or a parameter known only at run time.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void kernel(JailBuilder b, String name, List<String> values) {
    Optional<JailParam<?>> p = JailParam.lookup(name).filter(JailParam::isKernel);
    if (p.isPresent()) {
      JailParam q = p.get();
      b.param(q, KernelValues.parse(q, values));
      return;
    }
    Optional<JailParam<?>> pos =
        JailParam.plainNameOf(name).flatMap(JailParam::lookup).filter(JailParam::isKernel);
    if (pos.isPresent() && pos.get().type().kind() == ParamType.Kind.BOOL) {
      JailParam<Boolean> q = (JailParam<Boolean>) pos.get();
      b.param(q, !KernelValues.parse(q, values));
      return;
    }
    JailParam<String> q = JailParam.named(name);
    b.param(q, KernelValues.parse(q, values));
  }

  /**
   * Sets a jail(8) setting through its {@link JailSetting} entry; every name {@link ParamNames}
   * knows as internal has one ({@code JailSettingTest} checks it).
   */
  private static void pseudo(JailBuilder b, String name, Object value) {
    JailSetting.named(name)
        .orElseThrow(() -> new IllegalStateException("no JailSetting for " + name))
        .write(b, value);
  }
}
