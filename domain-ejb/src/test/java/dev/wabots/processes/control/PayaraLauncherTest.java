package dev.wabots.processes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayaraLauncherTest {

  @TempDir Path dir;

  private Path jar(String name, Manifest manifest, String... entries) throws Exception {
    Path jar = dir.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      for (String e : entries) {
        out.putNextEntry(new JarEntry(e));
        out.closeEntry();
      }
    }
    return jar;
  }

  private static Manifest manifest() {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    return m;
  }

  @Test
  void theManifestsModuleOpeningsBecomeJvmOptions() throws Exception {
    Manifest m = manifest();
    m.getMainAttributes().putValue("Add-Opens", "java.base/java.lang  java.base/sun.nio.ch");
    m.getMainAttributes().putValue("Add-Exports", "java.naming/com.sun.jndi.ldap");
    Path launcher = jar("launch-micro.jar", m);
    assertEquals(List.of("--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED"), PayaraLauncher.moduleOptions(launcher));
    assertEquals(List.of(), PayaraLauncher.moduleOptions(jar("plain.jar", manifest())));
  }

  @Test
  void theBotsLauncherLeavesTheListedModulesOutOfItsClassPathAndKeepsTheRest() throws Exception {
    Manifest m = manifest();
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH,
        "runtime/core.jar runtime/ejb-container.jar runtime/web.jar runtime/corba-orb.jar runtime/a-very-long-module-name-to-wrap-the-manifest-line.jar");
    m.getMainAttributes().putValue("Add-Opens", "java.base/java.lang");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "fish.payara.micro.PayaraMicro");
    Path launcher = jar("launch-micro.jar", m, "fish/", "fish/payara/Boot.class");
    List<String> names = PayaraLauncher.moduleNames("""
        # EJB: a bot has no enterprise beans
        ejb-container.jar
          corba-orb.jar   # and no remote calls

        not-in-this-runtime.jar
        """);
    assertEquals(List.of("ejb-container.jar", "corba-orb.jar", "not-in-this-runtime.jar"), names);

    Path bots = dir.resolve("launch-bot.jar");
    assertEquals(List.of("runtime/ejb-container.jar", "runtime/corba-orb.jar"), PayaraLauncher.withoutModules(launcher, names, bots));
    try (JarFile jar = new JarFile(bots.toFile())) {
      Attributes main = jar.getManifest().getMainAttributes();
      assertEquals("runtime/core.jar runtime/web.jar runtime/a-very-long-module-name-to-wrap-the-manifest-line.jar",
          main.getValue(Attributes.Name.CLASS_PATH));
      assertEquals("java.base/java.lang", main.getValue("Add-Opens"), "the rest of the manifest is Payara's");
      assertEquals("fish.payara.micro.PayaraMicro", main.getValue(Attributes.Name.MAIN_CLASS));
      assertEquals(List.of("META-INF/MANIFEST.MF", "fish/", "fish/payara/Boot.class"),
          jar.stream().map(JarEntry::getName).toList(), "every class of the launcher is kept");
    }
    assertEquals(List.of("--add-opens=java.base/java.lang=ALL-UNNAMED"), PayaraLauncher.moduleOptions(bots));
    assertFalse(Files.exists(dir.resolve("launch-bot.jar.tmp")));
  }

  @Test
  void aLauncherWithoutAClassPathIsRefusedAndNothingIsWritten() throws Exception {
    Path launcher = jar("launch-micro.jar", manifest(), "fish/");
    Path bots = dir.resolve("launch-bot.jar");
    IOException e = assertThrows(IOException.class, () -> PayaraLauncher.withoutModules(launcher, List.of("x.jar"), bots));
    assertTrue(e.getMessage().contains("Class-Path"), e.getMessage());
    assertFalse(Files.exists(bots));
    assertFalse(Files.exists(dir.resolve("launch-bot.jar.tmp")));
  }

  @Test
  void onlyARealPayaraMicroJarIsRunFromASharedRuntime() throws Exception {
    Path real = jar("payara-micro.jar", manifest(), "MICRO-INF/", "MICRO-INF/runtime/", "MICRO-INF/runtime/core.jar");
    assertTrue(new PayaraLauncher(real, dir.resolve("payara")).supported());
    Path standIn = jar("stand-in.jar", manifest(), "dev/wabots/testing/FakeBotProcess.class");
    assertFalse(new PayaraLauncher(standIn, dir.resolve("payara")).supported());
    assertFalse(new PayaraLauncher(dir.resolve("missing.jar"), dir.resolve("payara")).supported());
  }

  @Test
  void expiredRootCertificatesLeaveTheBotsTrustStore() throws Exception {
    Path store = dir.resolve("cacerts.p12");
    // Two self-signed certificates from keytool: one valid for years, one that expired in 2020.
    keytool("-genkeypair", "-alias", "fresh", "-keyalg", "EC", "-dname", "CN=fresh", "-validity", "3650",
        "-keystore", dir.resolve("keys.p12").toString(), "-storepass", "changeit");
    keytool("-genkeypair", "-alias", "old", "-keyalg", "EC", "-dname", "CN=old", "-startdate", "2019/01/01 00:00:00",
        "-validity", "365", "-keystore", dir.resolve("keys.p12").toString(), "-storepass", "changeit");
    for (String alias : List.of("fresh", "old")) {
      keytool("-exportcert", "-alias", alias, "-file", dir.resolve(alias + ".cer").toString(),
          "-keystore", dir.resolve("keys.p12").toString(), "-storepass", "changeit");
      keytool("-importcert", "-noprompt", "-alias", alias, "-file", dir.resolve(alias + ".cer").toString(),
          "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
    }
    assertEquals(List.of("old"), PayaraLauncher.dropExpiredCertificates(store, "changeit".toCharArray(), java.time.Instant.now()));
    java.security.KeyStore left = java.security.KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      left.load(in, "changeit".toCharArray());
    }
    assertEquals(List.of("fresh"), java.util.Collections.list(left.aliases()));
    assertEquals(List.of(), PayaraLauncher.dropExpiredCertificates(store, "changeit".toCharArray(), java.time.Instant.now()),
        "nothing more to drop; the file is left as it is");
    assertEquals(List.of(), PayaraLauncher.dropExpiredCertificates(store, "wrong".toCharArray(), java.time.Instant.now()),
        "an unreadable store is reported and left alone");
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
  }
}
