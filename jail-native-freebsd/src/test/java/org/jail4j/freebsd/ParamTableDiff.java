package org.jail4j.freebsd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jail4j.spi.KernelParam;
import org.jspecify.annotations.Nullable;

/**
 * The differences between two {@code security.jail.param.*} tables: a kernel's, as its sysctl
 * enumeration lists them ({@link org.jail4j.spi.JailKernel#params()}), and the fake's for the same
 * release. A parameter only one side has, or one whose format, kind, access or size differ, is one
 * difference.
 *
 * <pre>{@code
 * List<ParamTableDiff.Difference> d = ParamTableDiff.of(real.params(), fake.params());
 * }</pre>
 */
public final class ParamTableDiff {
  private ParamTableDiff() {}

  /**
   * One parameter the two tables do not agree on.
   *
   * @param name the parameter
   * @param kernel what the kernel publishes, or null when it has no such parameter
   * @param fake what the fake publishes, or null when it has no such parameter
   */
  public record Difference(String name, @Nullable KernelParam kernel, @Nullable KernelParam fake) {
    /**
     * One table cell: the parameter's format, kind, access and size, or {@code missing}.
     *
     * @param p the parameter, or null
     * @return the text
     */
    public static String describe(@Nullable KernelParam p) {
      if (p == null) {
        return "missing";
      }
      return "`" + p.format() + "` kind " + p.ctlType() + ", " + p.access() + ", size " + p.size();
    }
  }

  /**
   * The differences, in the kernel's order, then the fake's parameters the kernel lacks.
   *
   * @param kernel the kernel's table
   * @param fake the fake's table
   * @return the differences, empty when the tables agree
   */
  public static List<Difference> of(List<KernelParam> kernel, List<KernelParam> fake) {
    Map<String, KernelParam> fakes = new LinkedHashMap<>();
    for (KernelParam p : fake) {
      fakes.put(p.name(), p);
    }
    List<Difference> out = new ArrayList<>();
    for (KernelParam k : kernel) {
      KernelParam f = fakes.remove(k.name());
      if (f == null || !same(k, f)) {
        out.add(new Difference(k.name(), k, f));
      }
    }
    for (KernelParam f : fakes.values()) {
      out.add(new Difference(f.name(), null, f));
    }
    return out;
  }

  private static boolean same(KernelParam a, KernelParam b) {
    return a.format().equals(b.format())
        && a.ctlType() == b.ctlType()
        && a.access() == b.access()
        && a.size() == b.size()
        && Objects.equals(a.name(), b.name());
  }
}
