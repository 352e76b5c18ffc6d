package dev.wabots.admin.rest;

import dev.wabots.platform.StrictJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Request bodies are bounded before anyone reads them: a {@code Content-Length} above the limit is
 * refused with 413 at once, and everything else is read through a stream that stops one byte past
 * it, so no client makes the orchestrator hold more than the limit. API bodies (JSON) are read
 * here whole and must be UTF-8; multipart uploads stream through the bounded stream; panel forms
 * (parsed by the container) are checked on their length only.
 */
@WebFilter(urlPatterns = "/*")
public class BodyLimits extends HttpFilter {

  private static final long serialVersionUID = 1L;

  /** JSON bodies of the API. */
  public static final int API_BYTES = 1024 * 1024;
  /** A bot's own funnel definition (up to 500 000 characters). */
  static final int DEFINITION_BYTES = 2 * 1024 * 1024;
  /** Sandbox media uploads from bots: Meta's 16 MB for audio, and the multipart framing. */
  static final int UPLOAD_BYTES = 18 * 1024 * 1024;
  /** A customer's voice note from a bot: Meta's 16 MB for audio. */
  static final int TRANSCRIPTION_BYTES = 16 * 1024 * 1024;
  /** A file a test-chat user shares, in base64 in JSON ({@code JsonBody.MAX_SHARED_CHARS}). */
  static final int SHARED_BYTES = JsonBody.MAX_SHARED_CHARS;
  /** A file the panel's test chat shares (the bytes themselves). */
  static final int PANEL_SHARE_BYTES = dev.wabots.sandbox.boundary.Sandbox.MAX_SHARED_BYTES;
  /** Panel form posts (URL-encoded: a funnel definition in Cyrillic grows six-fold). */
  static final int PANEL_BYTES = 4 * 1024 * 1024;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
      throws IOException, ServletException {
    String path = req.getRequestURI().substring(req.getContextPath().length());
    boolean panel = path.equals("/panel") || path.startsWith("/panel/");
    int limit = limit(path, panel);
    long declared = req.getContentLengthLong();
    if (declared > limit) {
      tooLarge(req, resp, limit, panel);
      return;
    }
    if (panel || !hasBody(req, declared)) {
      chain.doFilter(req, resp);
      return;
    }
    String type = req.getContentType() == null ? "" : req.getContentType().toLowerCase(Locale.ROOT);
    if (type.startsWith("multipart/")) {
      chain.doFilter(new Buffered(req, null, limit), resp);
      return;
    }
    byte[] body;
    try (InputStream in = req.getInputStream()) {
      body = in.readNBytes(limit + 1);
    }
    if (body.length > limit) {
      tooLarge(req, resp, limit, false);
      return;
    }
    if (textual(type)) {
      try {
        StrictJson.checkUtf8(body);
      } catch (StrictJson.MalformedJson e) {
        refuse(req, resp, 400, "invalid", "body: " + e.getMessage());
        return;
      }
    }
    chain.doFilter(new Buffered(req, body, limit), resp);
  }

  static int limit(String path, boolean panel) {
    if (panel) {
      // The test chat's files go as raw bytes (the servlet reads at most the limit itself).
      return path.startsWith("/panel/sandbox/") && path.endsWith("/share") ? PANEL_SHARE_BYTES : PANEL_BYTES;
    }
    if (path.startsWith("/sandbox/graph/") && path.endsWith("/media")) {
      return UPLOAD_BYTES;
    }
    if (path.equals("/internal/chat")) {
      return JsonBody.MAX_CHAT_CHARS;
    }
    if (path.equals("/internal/transcription")) {
      return TRANSCRIPTION_BYTES;
    }
    if (path.startsWith("/admin/sandbox/") && path.endsWith("/inbound")) {
      return SHARED_BYTES;
    }
    if (path.startsWith("/admin/whatsapp/instances/") && path.endsWith("/funnel/definition")) {
      return DEFINITION_BYTES;
    }
    return API_BYTES;
  }

  private static boolean hasBody(HttpServletRequest req, long declared) {
    return declared > 0 || (declared < 0 && req.getHeader("Transfer-Encoding") != null);
  }

  /** JSON or text in UTF-8 (the API's only encoding) or without a charset. */
  private static boolean textual(String type) {
    boolean text = type.isEmpty() || type.startsWith("application/json") || type.contains("+json") || type.startsWith("text/");
    return text && (!type.contains("charset=") || type.contains("charset=utf-8") || type.contains("charset=\"utf-8\""));
  }

  private static void tooLarge(HttpServletRequest req, HttpServletResponse resp, int limit, boolean panel) throws IOException {
    String message = "the body is larger than " + limit + " bytes";
    if (panel) {
      Refusals.log(req, 413, message);
      resp.sendError(413);
      return;
    }
    refuse(req, resp, 413, Problem.codeOf(413), message);
  }

  private static void refuse(HttpServletRequest req, HttpServletResponse resp, int status, String code, String message)
      throws IOException {
    Refusals.log(req, status, message);
    // The rest of the body is not read: the connection closes after the answer.
    resp.setHeader("Connection", "close");
    ApiResponses.write(Problem.response(status, code, message), resp);
  }

  /** A body over the limit met while streaming (a multipart upload without a length, or a false one). */
  public static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
    final int limit;

    TooLarge(int limit) {
      super("the body is larger than " + limit + " bytes");
      this.limit = limit;
    }
  }

  /** The request with its body read already ({@code body}) or read through a bounded stream. */
  private static final class Buffered extends HttpServletRequestWrapper {
    private final byte[] body;
    private final int limit;
    private ServletInputStream stream;

    Buffered(HttpServletRequest request, byte[] body, int limit) {
      super(request);
      this.body = body;
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = body != null ? new Bounded(new ByteArrayInputStream(body), limit, null)
            : new Bounded(super.getInputStream(), limit, super.getInputStream());
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(getInputStream(),
          encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
    }

    @Override
    public int getContentLength() {
      return body != null ? body.length : super.getContentLength();
    }

    @Override
    public long getContentLengthLong() {
      return body != null ? body.length : super.getContentLengthLong();
    }
  }

  /** Counts what is read and fails past the limit. */
  private static final class Bounded extends ServletInputStream {
    private final InputStream in;
    private final int limit;
    private final ServletInputStream servlet;
    private long read;
    private boolean finished;

    /** {@code servlet}: the container's stream being read, or null for a body in memory. */
    Bounded(InputStream in, int limit, ServletInputStream servlet) {
      this.in = in;
      this.limit = limit;
      this.servlet = servlet;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b < 0) {
        finished = true;
      } else {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      int n = in.read(buffer, off, len);
      if (n < 0) {
        finished = true;
      } else {
        count(n);
      }
      return n;
    }

    private void count(int n) throws TooLarge {
      read += n;
      if (read > limit) {
        throw new TooLarge(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return finished;
    }

    @Override
    public boolean isReady() {
      return finished || servlet == null || servlet.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      throw new IllegalStateException("bodies are read synchronously here");
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
