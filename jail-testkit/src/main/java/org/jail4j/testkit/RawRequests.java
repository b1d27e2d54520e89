package org.jail4j.testkit;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;
import org.jail4j.spi.KernelParam;

/**
 * The test-only entry points of jail-api, for tests and fakes and for no application: a request
 * carrying bytes a careless C caller could send (wrong sizes, duplicates, unknown names), and what
 * a kernel publishes for a parameter under {@code security.jail.param} (from which the fake kernel
 * builds its table). jail-api keeps both out of its public API and opens them to this module only.
 *
 * <pre>{@code
 * RawRequests.putRaw(JailRequest.create().put(JailParam.NAME, "web"), "no.such.param", new byte[4])
 *     .set(kernel, JailFlags.CREATE);   // the kernel's "unknown parameter: no.such.param"
 * }</pre>
 */
public final class RawRequests {
  private static final MethodHandle PUT_RAW;
  private static final MethodHandle KERNEL_PARAM;

  static {
    try {
      MethodHandles.Lookup request =
          MethodHandles.privateLookupIn(JailRequest.class, MethodHandles.lookup());
      PUT_RAW =
          request.findVirtual(
              JailRequest.class,
              "putRaw",
              MethodType.methodType(JailRequest.class, String.class, byte[].class));
      KERNEL_PARAM =
          request.findVirtual(
              JailParam.class, "kernelParam", MethodType.methodType(Optional.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private RawRequests() {}

  /**
   * Adds a name with exactly these value bytes to the request, unchecked and never replaced.
   *
   * @param request the request
   * @param name the parameter name
   * @param value the value bytes, sent as they are
   * @return the request
   */
  public static JailRequest putRaw(JailRequest request, String name, byte[] value) {
    try {
      return (JailRequest) PUT_RAW.invokeExact(request, name, value);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * What a kernel publishes for this parameter under {@code security.jail.param.NAME}
   * (freebsd-jail-abi.md §4.1): its format, CTLTYPE, access and size.
   *
   * @param param a parameter
   * @return the description, or empty for jail(8) pseudo-parameters, {@link JailParam#named}
   *     parameters and the two names without a sysctl ({@code lastjid}, {@code errmsg})
   */
  @SuppressWarnings("unchecked") // kernelParam() returns Optional<KernelParam>
  public static Optional<KernelParam> published(JailParam<?> param) {
    try {
      return (Optional<KernelParam>) (Optional<?>) KERNEL_PARAM.invokeExact(param);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
