package dev.wabots.processes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator's readiness calls to a bot on a loopback socket: plain HTTP/1.1 (no upgrade to
 * HTTP/2, whose one shared connection per port outlived a listener that moved away), and a call
 * that got no answer does not hold the next one on its connection.
 */
class BotHttpTest {

  private ServerSocket server;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final List<List<String>> requests = new CopyOnWriteArrayList<>();
  /** What the fake bot answers: status line and body. */
  private volatile String status = "200 OK";
  private volatile String body = "{\"status\":\"UP\",\"checks\":[{\"name\":\"bot\",\"status\":\"UP\"}]}";

  @AfterEach
  void close() throws Exception {
    for (Socket s : open) {
      s.close();
    }
    server.close();
  }

  /** Accepts connections in turn: the first {@code silent} get no answer (kept open), the rest a bot's readiness. */
  private void serve(int silent) throws Exception {
    server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread t = new Thread(() -> {
      try {
        for (int n = 0; ; n++) {
          Socket s = server.accept();
          open.add(s);
          BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
          List<String> head = new ArrayList<>();
          for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            head.add(line);
          }
          requests.add(head);
          if (n < silent) {
            continue; // accepted and read, never answered: a listener torn down under the connection
          }
          OutputStream out = s.getOutputStream();
          out.write(("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
              + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          s.close(); // one request per connection: every call is seen arriving
        }
      } catch (Exception e) {
        // the server socket closed: the test is over
      }
    }, "fake-bot");
    t.setDaemon(true);
    t.start();
  }

  @Test
  void readinessIsAskedOverPlainHttp11WithoutAnUpgrade() throws Exception {
    serve(0);
    BotHttp http = new BotHttp();
    assertTrue(http.ready("http://127.0.0.1:" + server.getLocalPort()));
    List<String> head = requests.get(0);
    assertEquals("GET /health/ready HTTP/1.1", head.get(0));
    assertFalse(head.stream().anyMatch(h -> h.toLowerCase().startsWith("upgrade:") || h.toLowerCase().startsWith("http2-settings:")),
        "no upgrade to HTTP/2: " + head);
    assertTrue(http.seen("http://127.0.0.1:" + server.getLocalPort()).startsWith("HTTP 200 {\"status\":\"UP\""));
  }

  @Test
  void anAnswerWithoutABodyIsDescribedSo() throws Exception {
    status = "500 Internal Server Error";
    body = "";
    serve(0);
    BotHttp http = new BotHttp();
    String address = "http://127.0.0.1:" + server.getLocalPort();
    assertFalse(http.ready(address));
    assertEquals("HTTP 500 with an empty body", http.seen(address));
    status = "503 Service Unavailable";
    body = "\n  {\"status\":\"DOWN\"}\n";
    assertEquals("HTTP 503 {\"status\":\"DOWN\"}", http.seen(address), "white space folded and trimmed");
  }

  @Test
  void aPollThatGotNoAnswerLeavesTheNextToAConnectionOfItsOwn() throws Exception {
    serve(1);
    BotHttp http = new BotHttp();
    String address = "http://127.0.0.1:" + server.getLocalPort();
    assertFalse(http.ready(address), "no answer within the call's 2 s");
    assertTrue(http.ready(address), "the next poll, on a new connection, is answered");
    assertEquals(2, open.size(), "two connections: the silent one was not reused");
    assertTrue(http.seen("http://127.0.0.1:1").startsWith("nothing"), "a closed port is described, not thrown");
  }
}
