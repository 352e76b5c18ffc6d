package dev.wabots.processes.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

/**
 * What the supervisor remembers of a running bot process across orchestrator restarts, in
 * {@code <data>/run/bot-<id>.pid} (owner-only): the pid, the process's own start time (so a
 * recycled pid is not mistaken for the bot), the port, the token it was given and the secret the
 * orchestrator's commands to it carry.
 */
public record PidFile(String instanceId, long pid, Instant processStart, int port, Instant startedAt, String tokenId,
    String token, String commandSecret) {

  public static Path path(Path runDir, String instanceId) {
    return runDir.resolve("bot-" + instanceId + ".pid");
  }

  public void write(Path runDir) throws IOException {
    Files.createDirectories(runDir);
    try {
      Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException notPosix) {
      // best effort
    }
    JsonObject json = Json.createObjectBuilder()
        .add("instance_id", instanceId)
        .add("pid", pid)
        .add("process_start", processStart == null ? "" : processStart.toString())
        .add("port", port)
        .add("started_at", startedAt.toString())
        .add("token_id", tokenId)
        .add("token", token == null ? "" : token)
        .add("command_secret", commandSecret == null ? "" : commandSecret)
        .build();
    Path target = path(runDir, instanceId);
    Path tmp = runDir.resolve(target.getFileName() + ".tmp");
    Files.writeString(tmp, json.toString() + "\n", StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // best effort
    }
    try {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  public static Optional<PidFile> read(Path file) {
    try (var reader = Json.createReader(new StringReader(Files.readString(file)))) {
      JsonObject o = reader.readObject();
      String start = o.getString("process_start", "");
      return Optional.of(new PidFile(
          o.getString("instance_id"),
          o.getJsonNumber("pid").longValue(),
          start.isEmpty() ? null : Instant.parse(start),
          o.getInt("port"),
          Instant.parse(o.getString("started_at")),
          o.getString("token_id"),
          o.getString("token", ""),
          o.getString("command_secret", "")));
    } catch (IOException | RuntimeException damaged) {
      return Optional.empty();
    }
  }

  public static void delete(Path runDir, String instanceId) {
    try {
      Files.deleteIfExists(path(runDir, instanceId));
    } catch (IOException ignored) {
      // a stale file is reconciled on the next start
    }
  }
}
