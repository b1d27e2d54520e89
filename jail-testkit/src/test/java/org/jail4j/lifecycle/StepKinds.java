package org.jail4j.lifecycle;

import java.util.Optional;
import org.jail4j.Errno;
import org.jail4j.InvalidJailParameterException;
import org.jail4j.JailException;
import org.jail4j.JailExistsException;
import org.jail4j.JailNotFoundException;
import org.jail4j.JailPermissionException;
import org.jail4j.JailStartException;
import org.jail4j.JailStopException;

/** The kind a failed step is thrown as, by the errno it failed with (JailException's javadoc). */
final class StepKinds {
  private StepKinds() {}

  static Class<? extends JailException> expected(Optional<Errno> errno, boolean starting) {
    Class<? extends JailException> step =
        starting ? JailStartException.class : JailStopException.class;
    if (errno.isEmpty()) {
      return step;
    }
    switch (errno.get()) {
      case ENOENT:
        return JailNotFoundException.class;
      case EEXIST:
        return JailExistsException.class;
      case EPERM:
        return JailPermissionException.class;
      case EINVAL:
      case ENAMETOOLONG:
        return InvalidJailParameterException.class;
      default:
        return step;
    }
  }
}
