package dev.wabots.bot.spare;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What one {@code GET} on a loopback port answers now, on a connection of its own (no pooled
 * connection can stand in for the listener that serves the port at this moment): nothing because
 * the port is closed, nothing because the connection failed or stayed silent, or an HTTP status
 * with its content type. {@link ListenerPort} watches each step of a listener's move with it.
 */
record LoopbackAnswer(int status, String contentType) {

  /** Nothing listens on the port: the connection was refused. */
  static final LoopbackAnswer CLOSED = new LoopbackAnswer(0, "");
  /** Something accepted the connection but gave no HTTP answer in time (or reset it). */
  static final LoopbackAnswer SILENT = new LoopbackAnswer(-1, "");

  /** Whether an HTTP answer came, whatever its status. */
  boolean http() {
    return status > 0;
  }

  /** Whether the answer is JSON: the bot's own servlets answer JSON, the container's 404 page is HTML. */
  boolean json() {
    return http() && contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
  }

  static LoopbackAnswer get(int port, String path, int timeoutMillis) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      String statusLine = in.readLine();
      String[] parts = statusLine == null ? new String[0] : statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("[1-5][0-9][0-9]")) {
        return SILENT;
      }
      String contentType = "";
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Type")) {
          contentType = line.substring(colon + 1).trim();
        }
      }
      return new LoopbackAnswer(Integer.parseInt(parts[1]), contentType);
    } catch (ConnectException e) {
      return CLOSED;
    } catch (IOException e) {
      return SILENT;
    }
  }
}
