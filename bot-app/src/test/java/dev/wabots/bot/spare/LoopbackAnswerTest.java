package dev.wabots.bot.spare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoopbackAnswerTest {

  /** Accepts one connection, reads the request head, and answers {@code reply} (or nothing). */
  private static CompletableFuture<String> serveOnce(ServerSocket server, String reply) {
    return CompletableFuture.supplyAsync(() -> {
      try (Socket s = server.accept()) {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        StringBuilder head = new StringBuilder();
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
          head.append(line).append('\n');
        }
        if (reply != null) {
          s.getOutputStream().write(reply.getBytes(StandardCharsets.US_ASCII));
          s.getOutputStream().flush();
        } else {
          Thread.sleep(1500);
        }
        return head.toString();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void theBotsOwnJsonAnswerIsToldFromTheContainersHtmlPage() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      CompletableFuture<String> head = serveOnce(server,
          "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\ncontent-type: application/json;charset=UTF-8\r\n\r\n{}");
      LoopbackAnswer own = LoopbackAnswer.get(server.getLocalPort(), "/internal/adopt", 1000);
      assertEquals(404, own.status());
      assertTrue(own.json(), own.toString());
      String request = head.get(5, TimeUnit.SECONDS);
      assertTrue(request.startsWith("GET /internal/adopt HTTP/1.1\n"), request);
      assertTrue(request.contains("Connection: close"), "a connection of its own, never reused: " + request);

      serveOnce(server, "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html></html>");
      LoopbackAnswer page = LoopbackAnswer.get(server.getLocalPort(), "/internal/adopt", 1000);
      assertTrue(page.http());
      assertFalse(page.json(), "the container's 404 page is not the bot's");
    }
  }

  @Test
  void aClosedPortAndASilentOneAreNoHttpAnswer() throws Exception {
    int port;
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      port = server.getLocalPort();
      serveOnce(server, null);
      assertEquals(LoopbackAnswer.SILENT, LoopbackAnswer.get(port, "/", 300), "accepted, never answered");
      serveOnce(server, "garbage\r\n\r\n");
      assertEquals(LoopbackAnswer.SILENT, LoopbackAnswer.get(port, "/", 1000), "no HTTP status line");
    }
    assertEquals(LoopbackAnswer.CLOSED, LoopbackAnswer.get(port, "/", 300));
    assertFalse(LoopbackAnswer.CLOSED.http());
  }
}
