package org.jail4j.freebsd.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** A ProcessStarter that records every command line and answers with finished processes. */
final class RecordingStarter implements ProcessStarter {
  record Started(List<String> argv, Map<String, String> env, boolean clear, @Nullable String dir) {}

  final List<Started> started = new ArrayList<>();
  Function<List<String>, Process> answer = argv -> finished(0, "", "");

  @Override
  public Process start(
      List<String> argv, Map<String, String> environment, boolean clear, @Nullable String dir) {
    started.add(new Started(List.copyOf(argv), Map.copyOf(environment), clear, dir));
    return answer.apply(argv);
  }

  List<List<String>> commandLines() {
    List<List<String>> out = new ArrayList<>();
    started.forEach(s -> out.add(s.argv()));
    return out;
  }

  static Process finished(int exit, String stdout, String stderr) {
    return new Process() {
      @Override
      public OutputStream getOutputStream() {
        return new ByteArrayOutputStream();
      }

      @Override
      public InputStream getInputStream() {
        return new ByteArrayInputStream(stdout.getBytes(StandardCharsets.UTF_8));
      }

      @Override
      public InputStream getErrorStream() {
        return new ByteArrayInputStream(stderr.getBytes(StandardCharsets.UTF_8));
      }

      @Override
      public int waitFor() {
        return exit;
      }

      @Override
      public int exitValue() {
        return exit;
      }

      @Override
      public void destroy() {}
    };
  }
}
