package dev.wabots.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One keep-alive HTTP/1.1 connection of a load generator to 127.0.0.1, reopened after an error or a
 * {@code Connection: close}: sends prepared bytes, reads the response (Content-Length or chunked
 * body) and returns its status, or -1. Shared by the harnesses' generators (WebhookLoad,
 * ProcessingLoad, RequestFloorLoad).
 */
final class KeepAliveClient implements AutoCloseable {

  private final int port;
  private final int timeoutMillis;
  private final AtomicLong connects;
  private Socket socket;
  private OutputStream out;
  private InputStream in;

  /** {@code connects} counts the connections opened (the generators print it). */
  KeepAliveClient(int port, int timeoutMillis, AtomicLong connects) {
    this.port = port;
    this.timeoutMillis = timeoutMillis;
    this.connects = connects;
  }

  int exchange(byte[] wire) {
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        if (socket == null) {
          socket = new Socket();
          socket.setTcpNoDelay(true);
          socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
          socket.setSoTimeout(timeoutMillis);
          out = socket.getOutputStream();
          in = new BufferedInputStream(socket.getInputStream(), 8192);
          connects.incrementAndGet();
        }
        out.write(wire);
        out.flush();
        return readResponse();
      } catch (IOException e) {
        close();
        if (attempt == 1 || e instanceof java.net.SocketTimeoutException) {
          return -1;
        }
      }
    }
    return -1;
  }

  /** Reads one response (Content-Length or chunked body) and returns its status. */
  private int readResponse() throws IOException {
    String statusLine = line();
    int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
    long length = -1;
    boolean chunked = false;
    boolean closeAfter = false;
    for (String h; !(h = line()).isEmpty(); ) {
      String lower = h.toLowerCase();
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        closeAfter = true;
      }
    }
    if (chunked) {
      for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0; ) {
        skip(size);
        line();
      }
      line();
    } else if (length > 0) {
      skip(length);
    }
    if (closeAfter) {
      close();
    }
    return status;
  }

  private void skip(long n) throws IOException {
    while (n > 0) {
      long s = in.skip(n);
      if (s <= 0) {
        if (in.read() < 0) {
          throw new IOException("connection closed inside a body");
        }
        s = 1;
      }
      n -= s;
    }
  }

  private String line() throws IOException {
    StringBuilder b = new StringBuilder(64);
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  @Override
  public void close() {
    try {
      if (socket != null) {
        socket.close();
      }
    } catch (IOException ignored) {
      // closing anyway
    }
    socket = null;
  }
}
