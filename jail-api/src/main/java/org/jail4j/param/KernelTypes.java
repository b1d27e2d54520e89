package org.jail4j.param;

import org.jail4j.InvalidJailParameterException;
import org.jail4j.spi.KernelParam;

/**
 * The two directions between a {@link ParamType} and what a kernel publishes for a parameter under
 * {@code security.jail.param.NAME} (freebsd-jail-abi.md §4.1): the format string, the CTLTYPE, the
 * access and the size.
 */
final class KernelTypes {
  private KernelTypes() {}

  /** What a kernel publishes for a catalogued kernel parameter of this type and access. */
  static KernelParam describe(String name, ParamType<?> type, JailParam.Access access) {
    int ctlType;
    int size = 0;
    switch (type.kind()) {
      case ULONG:
        ctlType = KernelParam.CTLTYPE_ULONG;
        break;
      case STRING:
      case KEY_VALUE:
        ctlType = KernelParam.CTLTYPE_STRING;
        size = type.size();
        break;
      case IP4_LIST:
      case IP6_LIST:
        ctlType = KernelParam.CTLTYPE_STRUCT;
        size = type.size();
        break;
      default:
        ctlType = KernelParam.CTLTYPE_INT;
        break;
    }
    KernelParam.Access a =
        switch (access) {
          case WRITABLE -> KernelParam.Access.RW;
          case CREATE_ONLY -> KernelParam.Access.RDTUN;
          case READ_ONLY -> KernelParam.Access.RD;
        };
    return new KernelParam(name, type.kind().format(), ctlType, a, size);
  }

  /** The type of a parameter a kernel publishes. */
  static ParamType<?> typeOf(KernelParam p) {
    String f = p.format();
    switch (f) {
      case "B":
        return ParamType.BOOL;
      case "E,jailsys":
        return ParamType.JAILSYS;
      case "A":
        return p.size() > 0 ? ParamType.string(p.size()) : ParamType.TEXT;
      case "A,keyvalue":
        return ParamType.KEY_VALUE;
      case "S,in_addr,a":
        return ParamType.IP4_LIST;
      case "S,in6_addr,a":
        return ParamType.IP6_LIST;
      default:
        break;
    }
    // libjail sizes numbers by CTLTYPE (freebsd-jail-abi.md §4.1): INT/UINT 4 bytes,
    // LONG/ULONG/S64/U64 8 bytes on amd64.
    switch (p.ctlType()) {
      case KernelParam.CTLTYPE_INT:
      case 6:
        return ParamType.INT;
      case 4:
      case 7:
      case KernelParam.CTLTYPE_ULONG:
      case 9:
        return ParamType.ULONG;
      default:
        throw new InvalidJailParameterException(
            "param",
            null,
            p.name(),
            "the kernel publishes type \""
                + f
                + "\" (CTLTYPE "
                + p.ctlType()
                + "), which jail4j cannot carry");
    }
  }
}
