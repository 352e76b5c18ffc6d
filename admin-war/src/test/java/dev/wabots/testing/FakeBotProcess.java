package dev.wabots.testing;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Stands in for a bot process in tests and benchmarks: started by the real supervisor exactly as a
 * bot would be ({@code java -jar payara-micro.jar --deploy bot-app.war --port N …} from a fake
 * runtime folder), it hands its per-process token to the test through
 * {@code <data>/fake-bots/<id>.token} and answers the readiness probe. Nothing else — the test
 * then calls the internal API with that token, as the bot would. Self-contained: no other class.
 */
public final class FakeBotProcess {

  public static void main(String[] args) throws Exception {
    int port = 0;
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--port")) {
        port = Integer.parseInt(args[i + 1]);
      }
    }
    Path dir = Path.of(System.getenv("WA_DATA_DIR"), "fake-bots");
    Files.createDirectories(dir);
    Path tmp = dir.resolve(System.getenv("WA_INSTANCE_ID") + ".token.tmp");
    Files.write(tmp, System.getenv("WA_INTERNAL_TOKEN").getBytes(StandardCharsets.US_ASCII));
    Files.move(tmp, dir.resolve(System.getenv("WA_INSTANCE_ID") + ".token"), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    System.out.println("fake bot " + System.getenv("WA_INSTANCE_ID") + " ready on port " + port);
  }

  /** Builds the fake runtime: {@code payara-micro.jar} whose main class is this one. */
  public static Path runtime(Path dir) {
    try {
      Files.createDirectories(dir);
      Path jar = dir.resolve("payara-micro.jar");
      var manifest = new java.util.jar.Manifest();
      manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
      manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MAIN_CLASS, FakeBotProcess.class.getName());
      String entry = FakeBotProcess.class.getName().replace('.', '/') + ".class";
      try (var in = FakeBotProcess.class.getClassLoader().getResourceAsStream(entry);
          var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), manifest)) {
        out.putNextEntry(new java.util.jar.JarEntry(entry));
        in.transferTo(out);
        out.closeEntry();
      }
      return dir;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Waits for the token a fake bot wrote for instance {@code id} (started after {@code since}). */
  public static String awaitToken(Path data, String id, long sinceMillis, java.time.Duration limit) throws InterruptedException {
    Path file = data.resolve("fake-bots").resolve(id + ".token");
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (Files.exists(file) && Files.getLastModifiedTime(file).toMillis() >= sinceMillis - 1000) {
          return Files.readString(file).strip();
        }
      } catch (java.io.IOException notYet) {
        // being written
      }
      Thread.sleep(50);
    }
    throw new AssertionError("fake bot " + id + " wrote no token within " + limit);
  }
}
