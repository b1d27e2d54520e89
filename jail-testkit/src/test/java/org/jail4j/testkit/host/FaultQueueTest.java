package org.jail4j.testkit.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.jail4j.Errno;
import org.junit.jupiter.api.Test;

class FaultQueueTest {
  private final FaultQueue<String, Errno> faults = new FaultQueue<>();

  @Test
  void aFaultFailsTheNextMatchingOperationOnce() {
    faults.add(s -> s.startsWith("/jail"), Errno.EBUSY);

    assertThat(faults.take("/tmp")).isEmpty();
    assertThat(faults.take("/jail/web")).hasValue(Errno.EBUSY);
    assertThat(faults.take("/jail/web")).isEmpty();
  }

  @Test
  void theOldestMatchingFaultIsUsedFirst() {
    faults.add(s -> true, Errno.EBUSY);
    faults.add(s -> true, Errno.ENOENT);

    assertThat(faults.take("/jail/web")).hasValue(Errno.EBUSY);
    assertThat(faults.take("/jail/web")).hasValue(Errno.ENOENT);
  }
}
