package dev.wabots.processes.control;

import dev.wabots.platform.Folders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * One unpacked Payara Micro runtime shared by every bot, instead of {@code java -jar
 * payara-micro.jar} unpacking ~100 MB into each bot's root folder and loading Payara through its
 * own class loader. Payara writes the runtime once with {@code --outputlauncher}; each bot then runs
 * {@code PayaraMicroImpl} from the launcher jar's class path with its own {@code --rootdir} (a fresh
 * copy of the pristine configuration) and the shared runtime as unpack folder. With Payara's
 * classes on the application class path, the class-data archive covers them too, and one archive
 * serves every bot (BENCHMARKS.md, bot start).
 */
public final class PayaraLauncher {

  private static final Logger LOG = System.getLogger(PayaraLauncher.class.getName());
  static final String LAUNCHER_JAR = "launch-micro.jar";
  static final String MAIN_CLASS = "fish.payara.micro.impl.PayaraMicroImpl";
  /** The configuration Payara wrote next to the runtime, before any start changed it. */
  static final String PRISTINE_CONFIG = "pristine-config";
  static final String TRUST_PRUNED = "trust-store-pruned";

  private final Path payaraJar;
  private final Path parent;
  private Path dir;
  private List<String> moduleOptions;
  private String supportedKey;
  private boolean supported;

  public PayaraLauncher(Path payaraJar, Path parent) {
    this.payaraJar = payaraJar;
    this.parent = parent;
  }

  /**
   * Whether payara-micro.jar is a real Payara Micro that can write a launcher (it carries its
   * runtime under {@code MICRO-INF/runtime/}); tests run bots from stand-in jars started with
   * {@code -jar}.
   */
  public synchronized boolean supported() {
    String key = CdsArchive.fileKey(payaraJar);
    if (!key.equals(supportedKey)) {
      try (JarFile jar = new JarFile(payaraJar.toFile())) {
        supported = jar.stream().anyMatch(e -> e.getName().startsWith("MICRO-INF/runtime/"));
      } catch (IOException e) {
        supported = false;
      }
      supportedKey = key;
    }
    return supported;
  }

  /** The folder of the runtime for this payara-micro.jar: written on first use, reused after. */
  public synchronized Path prepare() throws IOException {
    Path target = parent.resolve("launcher-" + CdsArchive.fileKey(payaraJar));
    if (dir != null && dir.equals(target) && Files.isRegularFile(target.resolve(LAUNCHER_JAR))) {
      return dir;
    }
    // Under a file lock: orchestrators sharing the folder (WABOTS_BOT_CACHE) write it one at a
    // time, and a "writing-" folder seen while holding the lock is a leftover, not another's work.
    Files.createDirectories(parent);
    try (FileChannel lockFile = FileChannel.open(parent.resolve("runtime.lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
      if (!Files.isRegularFile(target.resolve(LAUNCHER_JAR)) || !Files.isDirectory(target.resolve(PRISTINE_CONFIG))) {
        write(target);
      }
      // Half-written runtimes of an interrupted write are never used. Runtimes of an older
      // payara-micro.jar stay: bots started before an upgrade keep running from them.
      try (Stream<Path> old = Files.list(parent)) {
        old.filter(p -> p.getFileName().toString().startsWith("writing-")).forEach(Folders::deleteTree);
      }
      Path pruned = target.resolve(TRUST_PRUNED);
      if (!Files.exists(pruned)) {
        Path trust = target.resolve(PRISTINE_CONFIG).resolve("cacerts.p12");
        if (Files.isRegularFile(trust)) {
          List<String> dropped = dropExpiredCertificates(trust, "changeit".toCharArray(), Instant.now());
          if (!dropped.isEmpty()) {
            LOG.log(Level.INFO, "Dropped {0} expired certificate(s) from the bots'' trust store: {1}", dropped.size(), dropped);
          }
        }
        Files.writeString(pruned, Instant.now() + "\n");
      }
    }
    dir = target;
    moduleOptions = moduleOptions(target.resolve(LAUNCHER_JAR));
    return dir;
  }

  /**
   * Payara's trust store ships root certificates that have expired; every bot start would log each
   * of them as a warning with its whole content (~200 log lines per start). An expired root
   * validates nothing, so the shared configuration's copy leaves them out. Returns their aliases.
   */
  static List<String> dropExpiredCertificates(Path store, char[] password, Instant now) {
    try {
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keyStore.load(in, password);
      }
      List<String> expired = new ArrayList<>();
      for (String alias : Collections.list(keyStore.aliases())) {
        if (keyStore.isCertificateEntry(alias) && keyStore.getCertificate(alias) instanceof X509Certificate x
            && x.getNotAfter().toInstant().isBefore(now)) {
          expired.add(alias);
        }
      }
      if (expired.isEmpty()) {
        return expired;
      }
      for (String alias : expired) {
        keyStore.deleteEntry(alias);
      }
      Path tmp = store.resolveSibling(store.getFileName() + ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        keyStore.store(out, password);
      }
      Files.move(tmp, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Collections.sort(expired);
      return expired;
    } catch (GeneralSecurityException | IOException e) {
      // Not fatal: bots then log the warnings as before.
      LOG.log(Level.WARNING, "Cannot prune the bots'' trust store " + store + ": " + e);
      return List.of();
    }
  }

  private void write(Path target) throws IOException {
    Files.createDirectories(parent);
    Path work = Files.createTempDirectory(parent, "writing-");
    long t0 = System.nanoTime();
    List<String> command = List.of(BotJava.orchestratorJava().toString(), "-jar", payaraJar.toString(),
        "--rootdir", work.toString(), "--nohazelcast", "--disablephonehome", "--outputlauncher");
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(work.resolve("outputlauncher.log").toFile()).start();
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("payara-micro.jar --outputlauncher did not finish within 120 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing the Payara runtime", e);
    }
    if (p.exitValue() != 0 || !Files.isRegularFile(work.resolve(LAUNCHER_JAR))) {
      String log = Files.readString(work.resolve("outputlauncher.log"));
      Folders.deleteTree(work);
      throw new IOException("payara-micro.jar --outputlauncher failed (exit " + p.exitValue() + "): "
          + log.substring(Math.max(0, log.length() - 2000)));
    }
    copyTree(work.resolve("config"), work.resolve(PRISTINE_CONFIG));
    Folders.deleteTree(target);
    Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
    LOG.log(Level.INFO, "Wrote the shared Payara runtime for bots in {0} ({1} ms)", target,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
  }

  /** The launcher jar (its manifest's Class-Path names the runtime's jars). */
  public Path launcherJar() {
    return dir.resolve(LAUNCHER_JAR);
  }

  /**
   * The bots' launcher jar: Payara's, with a class path that leaves out the modules named in
   * {@code leftOut} (one jar file name per line, {@code #} starts a comment; the runtime's
   * {@code bot-modules-left-out.txt}). A bot is a servlet, CDI, JSON-P and concurrency application,
   * and Payara Micro opens every jar on its class path and registers every module's services: a
   * module left out is a module not opened, indexed or registered in each bot. Written next to
   * {@link #launcherJar()} on first use (its name carries the list's checksum, so an edited list
   * writes a new one); the orchestrator keeps the whole runtime. Without the file, Payara's own.
   * Call after {@link #prepare()}.
   */
  public synchronized Path botLauncherJar(Path leftOut) throws IOException {
    if (!Files.isRegularFile(leftOut)) {
      return launcherJar();
    }
    byte[] list = Files.readAllBytes(leftOut);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(list);
    Path target = dir.resolve("launch-bot-" + Long.toHexString(crc.getValue()) + ".jar");
    if (!Files.isRegularFile(target)) {
      try (FileChannel lockFile = FileChannel.open(parent.resolve("runtime.lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
        if (!Files.isRegularFile(target)) {
          List<String> names = moduleNames(new String(list, java.nio.charset.StandardCharsets.UTF_8));
          List<String> left = withoutModules(launcherJar(), names, target);
          LOG.log(Level.INFO, "Wrote the bots'' launcher {0}: {1} of the {2} modules named in {3} left out of its class path",
              target.getFileName(), left.size(), names.size(), leftOut);
        }
      }
    }
    return target;
  }

  /** The jar file names of a left-out list: one per line, blank lines and {@code #} comments skipped. */
  static List<String> moduleNames(String list) {
    List<String> names = new ArrayList<>();
    for (String line : list.split("\\R")) {
      int hash = line.indexOf('#');
      String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }

  /**
   * Writes a copy of {@code launcher} whose manifest's {@code Class-Path} leaves out the entries
   * whose file name is in {@code names} (atomically, to {@code target}); returns the entries left out.
   */
  static List<String> withoutModules(Path launcher, List<String> names, Path target) throws IOException {
    java.util.Set<String> drop = new java.util.HashSet<>(names);
    List<String> leftOut = new ArrayList<>();
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (java.util.jar.JarInputStream in = new java.util.jar.JarInputStream(Files.newInputStream(launcher))) {
      Manifest manifest = in.getManifest();
      if (manifest == null) {
        throw new IOException(launcher + " has no manifest");
      }
      java.util.jar.Attributes main = manifest.getMainAttributes();
      String classPath = main.getValue(java.util.jar.Attributes.Name.CLASS_PATH);
      if (classPath == null) {
        throw new IOException(launcher + "'s manifest has no Class-Path");
      }
      List<String> kept = new ArrayList<>();
      for (String entry : classPath.trim().split("\\s+")) {
        (drop.contains(entry.substring(entry.lastIndexOf('/') + 1)) ? leftOut : kept).add(entry);
      }
      main.put(java.util.jar.Attributes.Name.CLASS_PATH, String.join(" ", kept));
      try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(tmp), manifest)) {
        for (java.util.jar.JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
          java.util.jar.JarEntry copy = new java.util.jar.JarEntry(e.getName());
          copy.setTime(e.getTime());
          out.putNextEntry(copy);
          in.transferTo(out);
          out.closeEntry();
        }
      }
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return leftOut;
  }

  /**
   * JVM options for a process run from {@link #launcherJar()}: the module openings the launcher's
   * manifest asks for (a {@code -jar} start would apply them itself) and where the shared runtime is.
   */
  public List<String> jvmOptions() {
    return jvmOptions(launcherJar());
  }

  /** The same for a process run from {@code launcher} (the bots', {@link #botLauncherJar}). */
  public List<String> jvmOptions(Path launcher) {
    List<String> options = new ArrayList<>(moduleOptions);
    options.add("-Dfish.payara.micro.BootJar=" + launcher.toUri());
    options.add("-Dfish.payara.micro.UnpackDir=" + dir);
    return options;
  }

  /**
   * A bot's root folder gets a fresh copy of the pristine configuration on every start, with the
   * bots' own web defaults ({@code webDefaults}, when the runtime has them) instead of the server's
   * {@code default-web.xml}: a bot serves no files, JSP pages or Faces views, and the server's
   * ~1 000 MIME types and JSP servlet cost every start time.
   */
  public void freshConfig(Path rootDir, Path webDefaults) throws IOException {
    Path config = rootDir.resolve("config");
    Folders.deleteTree(config);
    copyTree(dir.resolve(PRISTINE_CONFIG), config);
    if (Files.isRegularFile(webDefaults)) {
      Files.copy(webDefaults, config.resolve("default-web.xml"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static List<String> moduleOptions(Path launcherJar) throws IOException {
    Manifest manifest;
    try (JarFile jar = new JarFile(launcherJar.toFile())) {
      manifest = jar.getManifest();
    }
    List<String> options = new ArrayList<>();
    if (manifest == null) {
      return options;
    }
    for (String[] pair : List.of(new String[] {"Add-Opens", "--add-opens="}, new String[] {"Add-Exports", "--add-exports="})) {
      String value = manifest.getMainAttributes().getValue(pair[0]);
      if (value != null) {
        for (String target : value.trim().split("\\s+")) {
          options.add(pair[1] + target + "=ALL-UNNAMED");
        }
      }
    }
    return options;
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
