package org.jail4j.root;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import org.jail4j.root.internal.RootDirs;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class that writes into jail roots: roots are written only through opened directories
 * ({@code SecureDirectoryStream}, openat(2)), so where this platform's Java has none (Windows) the
 * class is skipped with that reason, and the refusal itself is tested by {@code NoPosixModesTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsSecureDirectories.Condition.class)
@interface NeedsSecureDirectories {

  /** Enabled when the temporary directory opens as a {@code SecureDirectoryStream}. */
  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
      return RootDirs.supported(tmp)
          ? ConditionEvaluationResult.enabled("SecureDirectoryStream is available")
          : ConditionEvaluationResult.disabled(
              "writing into a jail root needs openat(2) (SecureDirectoryStream), which this"
                  + " platform's Java does not offer; see docs/ROOTS.md, \"On Windows\"");
    }
  }
}
