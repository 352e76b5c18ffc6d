package dev.wabots.speech.control;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external tool ({@code espeak-ng}, {@code ffmpeg}, {@code piper}) with an argument list —
 * never a shell string, so user text cannot become a command — text on stdin, output to files in a
 * scratch folder, and a hard timeout after which the tool and its children are killed.
 */
public final class Commands {

  static final int MAX_ERROR_CHARS = 400;

  private Commands() {}

  /** How a run ended: exit code, what it printed (first 64 KB) and the tail of its stderr. */
  public record Result(int exitCode, String output, String errorOutput) {

    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** A tool that did not finish in time or could not be started. */
  public static class Failure extends RuntimeException {

    private final boolean missing;

    Failure(String message, boolean missing) {
      super(message, null, false, false);
      this.missing = missing;
    }

    /** The binary does not exist or is not executable. */
    public boolean missing() {
      return missing;
    }
  }

  public static Result run(List<String> command, byte[] stdin, Path scratch, Duration timeout) {
    long n = System.nanoTime();
    Path stdout = scratch.resolve("stdout-" + n + ".txt");
    Path stderr = scratch.resolve("stderr-" + n + ".txt");
    Process p;
    try {
      p = new ProcessBuilder(command)
          .directory(scratch.toFile())
          .redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile())
          .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.PIPE)
          .start();
    } catch (IOException e) {
      throw new Failure(command.get(0) + " cannot be started: " + e.getMessage(), true);
    }
    try {
      if (stdin != null) {
        try (OutputStream in = p.getOutputStream()) {
          in.write(stdin);
        } catch (IOException e) {
          // the tool closed its input early; its exit code tells what happened
        }
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
        throw new Failure(command.get(0) + " did not finish within " + timeout.toMillis() + " ms", false);
      }
      return new Result(p.exitValue(), head(stdout), tail(stderr));
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new Failure(command.get(0) + " interrupted", false);
    } finally {
      try {
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
      } catch (IOException ignored) {
        // the scratch folder goes as a whole
      }
    }
  }

  private static String head(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return new String(bytes, 0, Math.min(bytes.length, 65_536), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static String tail(Path file) {
    try {
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
      return text.length() <= MAX_ERROR_CHARS ? text : "…" + text.substring(text.length() - MAX_ERROR_CHARS);
    } catch (IOException e) {
      return "";
    }
  }

  /** A scratch folder for one synthesis, deleted with everything in it by {@link #delete(Path)}. */
  public static Path scratch() {
    try {
      return Files.createTempDirectory("wabots-tts-");
    } catch (IOException e) {
      throw new Failure("cannot create a scratch folder: " + e.getMessage(), false);
    }
  }

  public static void delete(Path dir) {
    dev.wabots.platform.Folders.deleteTree(dir);
  }

}
