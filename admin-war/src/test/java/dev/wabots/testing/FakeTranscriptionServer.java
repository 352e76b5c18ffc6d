package dev.wabots.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenAI's {@code POST /v1/audio/transcriptions} on loopback, as strict as the real service about
 * the request: multipart/form-data with a {@code file} part that has a file name of a supported
 * format and the bytes of that format, a {@code model}, an optional ISO-639-1 {@code language} and
 * {@code response_format} (json, text or verbose_json); the Bearer key when one is set. It cannot
 * hear, so it answers the texts queued with {@link #hear}, in order ({@code "…"} when none is
 * queued). {@link #down} makes it answer 503 like an overloaded server.
 */
public final class FakeTranscriptionServer implements AutoCloseable {

  public static final String KEY = "sk-test-whisper-key-0005";
  static final ObjectMapper JSON = new ObjectMapper();
  static final Set<String> FORMATS = Set.of("flac", "m4a", "mp3", "mp4", "mpeg", "mpga", "oga", "ogg", "wav", "webm");

  /** One request as the fake understood it. */
  public record Seen(Map<String, String> fields, String fileName, String fileType, byte[] file, String problem) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final ConcurrentLinkedDeque<String> texts = new ConcurrentLinkedDeque<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private volatile boolean down;

  private FakeTranscriptionServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setExecutor(threads);
    server.createContext("/", x -> {
      try {
        handle(x);
      } finally {
        x.close();
      }
    });
    server.start();
  }

  public static FakeTranscriptionServer start() {
    try {
      return new FakeTranscriptionServer();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The base URL (without {@code /v1}). */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next transcriptions answer these texts, in order. */
  public void hear(String... next) {
    texts.addAll(Arrays.asList(next));
  }

  public void down(boolean isDown) {
    down = isDown;
  }

  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange x) throws IOException {
    if (!x.getRequestMethod().equals("POST") || !x.getRequestURI().getPath().equals("/v1/audio/transcriptions")) {
      error(x, 404, "Invalid URL (" + x.getRequestMethod() + " " + x.getRequestURI().getPath() + ")", null);
      return;
    }
    String auth = x.getRequestHeaders().getFirst("Authorization");
    if (auth != null && !auth.equals("Bearer " + KEY)) {
      error(x, 401, "Incorrect API key provided.", null);
      return;
    }
    byte[] body = x.getRequestBody().readAllBytes();
    String type = x.getRequestHeaders().getFirst("Content-Type");
    Matcher boundary = type == null ? null : Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(type);
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data") || !boundary.find()) {
      record(Map.of(), null, null, null, "not multipart/form-data: " + type);
      error(x, 400, "Could not parse multipart form", null);
      return;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    String fileName = null;
    String fileType = null;
    byte[] file = null;
    for (Part p : parts(body, boundary.group(1))) {
      if (p.name() == null) {
        continue;
      }
      if (p.name().equals("file")) {
        fileName = p.fileName();
        fileType = p.type();
        file = p.data();
      } else {
        fields.put(p.name(), new String(p.data(), StandardCharsets.UTF_8));
      }
    }
    String problem = problem(fields, fileName, file);
    record(fields, fileName, fileType, file, problem);
    if (problem != null) {
      error(x, 400, problem, problem.startsWith("Invalid file format") ? "file" : null);
      return;
    }
    if (down) {
      error(x, 503, "The server is overloaded or not ready yet.", null);
      return;
    }
    String text = texts.isEmpty() ? "…" : texts.poll();
    String format = fields.getOrDefault("response_format", "json");
    if (format.equals("text")) {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      x.sendResponseHeaders(200, b.length);
      x.getResponseBody().write(b);
      return;
    }
    ObjectNode answer = JSON.createObjectNode().put("text", text);
    if (format.equals("verbose_json")) {
      answer.put("task", "transcribe").put("language", fields.getOrDefault("language", "russian")).put("duration", 1.0);
      answer.putArray("segments");
    }
    send(x, 200, answer);
  }

  private static String problem(Map<String, String> fields, String fileName, byte[] file) {
    if (file == null) {
      return "[{'type': 'missing', 'loc': ('body', 'file'), 'msg': 'Field required'}]";
    }
    if (!fields.containsKey("model") || fields.get("model").isBlank()) {
      return "you must provide a model parameter";
    }
    String ext = fileName == null || fileName.lastIndexOf('.') < 0 ? ""
        : fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(ext)) {
      return "Invalid file format. Supported formats: ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm']";
    }
    boolean fits = switch (ext) {
      case "ogg", "oga" -> startsWith(file, "OggS");
      case "wav" -> startsWith(file, "RIFF");
      case "flac" -> startsWith(file, "fLaC");
      default -> true;
    };
    if (!fits || file.length < 64) {
      return "Audio file might be corrupted or unsupported";
    }
    String language = fields.get("language");
    if (language != null && !language.matches("[a-z]{2}")) {
      return "Invalid language '" + language + "'. Language parameter must be specified in ISO-639-1 format.";
    }
    String format = fields.getOrDefault("response_format", "json");
    if (!Set.of("json", "text", "verbose_json", "srt", "vtt").contains(format)) {
      return "Invalid response_format '" + format + "'";
    }
    return null;
  }

  private void record(Map<String, String> fields, String fileName, String fileType, byte[] file, String problem) {
    seen.add(new Seen(Map.copyOf(fields), fileName, fileType, file, problem));
  }

  private record Part(String name, String fileName, String type, byte[] data) {}

  /** RFC 7578: parts between {@code --boundary} lines, each with headers, a blank line and the content. */
  static List<Part> parts(byte[] body, String boundary) {
    List<Part> parts = new ArrayList<>();
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int at = indexOf(body, delimiter, 0);
    while (at >= 0) {
      int start = at + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break; // the closing delimiter
      }
      start += 2; // CRLF
      int next = indexOf(body, delimiter, start);
      if (next < 0) {
        break;
      }
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
      if (headersEnd < 0 || headersEnd > next) {
        break;
      }
      String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
      byte[] data = Arrays.copyOfRange(body, headersEnd + 4, next - 2); // the CRLF before the delimiter
      String name = param(headers, "name");
      String fileName = param(headers, "filename");
      Matcher t = Pattern.compile("(?im)^content-type:\\s*(.+)$").matcher(headers);
      parts.add(new Part(name, fileName, t.find() ? t.group(1).strip() : null, data));
      at = next;
    }
    return parts;
  }

  private static String param(String headers, String name) {
    Matcher m = Pattern.compile("(?i);\\s*" + name + "=\"([^\"]*)\"").matcher(headers);
    return m.find() ? m.group(1) : null;
  }

  private static int indexOf(byte[] data, byte[] what, int from) {
    outer:
    for (int i = from; i <= data.length - what.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (data[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static boolean startsWith(byte[] data, String ascii) {
    byte[] a = ascii.getBytes(StandardCharsets.US_ASCII);
    return data.length >= a.length && Arrays.equals(Arrays.copyOf(data, a.length), a);
  }

  private static void error(HttpExchange x, int status, String message, String param) throws IOException {
    ObjectNode e = JSON.createObjectNode();
    ObjectNode inner = e.putObject("error").put("message", message).put("type", "invalid_request_error");
    if (param == null) {
      inner.putNull("param");
    } else {
      inner.put("param", param);
    }
    inner.putNull("code");
    send(x, status, e);
  }

  private static void send(HttpExchange x, int status, ObjectNode body) throws IOException {
    byte[] b = JSON.writeValueAsBytes(body);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(status, b.length);
    x.getResponseBody().write(b);
  }
}
