package dev.wabots.processes.control;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** JDK folders and executables for tests that choose a Java without running one. */
final class FakeJdk {

  private FakeJdk() {}

  /** {@code jvms/name}: a release file and a bin/java that prints a version like the real one. */
  static Path jdk(Path jvms, String name, String version, String runtimeVersion) throws Exception {
    Path home = jvms.resolve(name);
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_RUNTIME_VERSION=\"" + runtimeVersion
        + "\"\nJAVA_VERSION=\"" + version + "\"\n");
    script(home.resolve("bin").resolve("java"), "echo 'openjdk version \"" + version + "\" 2026-01-01' >&2");
    return home;
  }

  /** An executable shell script with this body. */
  static Path script(Path file, String body) throws Exception {
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
