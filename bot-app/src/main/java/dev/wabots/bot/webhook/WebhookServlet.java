package dev.wabots.bot.webhook;

import dev.wabots.bot.http.Jsons;
import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.health.OptimizingCompiler;
import dev.wabots.bot.inbox.Inbox;
import dev.wabots.bot.inbox.Processor;
import dev.wabots.whatsapp.InvalidWebhookException;
import dev.wabots.whatsapp.Printable;
import dev.wabots.whatsapp.WebhookBatch;
import dev.wabots.whatsapp.WebhookParser;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import dev.wabots.funnel.store.StoreException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Meta's webhook on this bot's port. GET: the subscription handshake. POST: verify the signature
 * over the raw bytes, parse, store every new message and status in one transaction, answer 200 —
 * then the processor answers asynchronously. Client mistakes get 4xx with a JSON body, never 5xx.
 *
 * <p>A plain servlet rather than a JAX-RS resource: this is the bot's hot path, and Jersey's
 * per-request work (routing, a resource object created and injected per call, request events)
 * was three quarters of the CPU of a webhook POST under load (BENCHMARKS.md, webhook intake).
 */
@WebServlet(urlPatterns = "/webhook", loadOnStartup = 1)
public class WebhookServlet extends HttpServlet {

  private static final Logger LOG = System.getLogger(WebhookServlet.class.getName());
  static final int MAX_BODY = 3 * 1024 * 1024;
  static final long MAX_DRAIN = 64L * 1024 * 1024;

  @Inject transient Configuration configuration;

  @Inject transient Inbox inbox;

  @Inject transient Processor processor;

  @Inject transient WebhookStats stats;

  @Inject transient OptimizingCompiler compiler;

  private transient volatile SignatureVerifier verifier;

  private SignatureVerifier verifier(String appSecret) {
    SignatureVerifier v = verifier;
    if (v == null || !v.isFor(appSecret)) {
      v = new SignatureVerifier(appSecret);
      verifier = v;
    }
    return v;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
    Answers.onlyMethods(req, resp, "GET", "POST");
    if (!resp.isCommitted() && !configuration.loaded()) {
      // A pre-started spare before it is handed a bot, or one becoming it: Meta retries a 503.
      Answers.error(resp, 503, "starting", "this bot is not started yet");
    }
    if (!resp.isCommitted()) {
      super.service(req, resp);
    }
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String mode = req.getParameter("hub.mode");
    String token = req.getParameter("hub.verify_token");
    String challenge = req.getParameter("hub.challenge");
    String expected = configuration.settings().verifyToken();
    boolean ok = "subscribe".equals(mode) && expected != null && token != null && challenge != null
        && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    if (!ok) {
      // The query string is anyone's: escaped, it cannot start a forged line in the bot's log.
      LOG.log(Level.WARNING, "Webhook verification refused (mode {0}, token {1})", Printable.of(mode, 40),
          token == null ? "missing" : "wrong");
      Answers.text(resp, 403, "verification failed");
      return;
    }
    stats.verified();
    LOG.log(Level.INFO, "Webhook verified by the subscription handshake");
    Answers.text(resp, 200, challenge);
  }

  /**
   * The body, or {@code MAX_BODY + 1} bytes of it when it is longer. With a {@code Content-Length}
   * (Meta always sends one) exactly that many bytes are taken at once: {@code readNBytes(MAX_BODY + 1)}
   * read through 16 KB chunks and copied them together, a quarter of a busy bot's allocation for
   * bodies of about a kilobyte (BENCHMARKS.md, "Processing under load").
   */
  static byte[] readBody(InputStream in, long contentLength) throws IOException {
    if (contentLength < 0 || contentLength > MAX_BODY) {
      return in.readNBytes(MAX_BODY + 1);
    }
    byte[] body = new byte[(int) contentLength];
    int n = in.readNBytes(body, 0, body.length);
    if (n < body.length) {
      throw new IOException("the body ended after " + n + " of " + body.length + " bytes");
    }
    return body;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    // Never req.getParameter here: for a form content type it would consume the body.
    byte[] body;
    InputStream in = req.getInputStream();
    try {
      body = readBody(in, req.getContentLengthLong());
      if (body.length > MAX_BODY) {
        // Read on (up to a bound) so that the sender gets the 413 instead of a connection reset.
        long drained = 0;
        byte[] sink = new byte[64 * 1024];
        for (int n; drained < MAX_DRAIN && (n = in.read(sink)) > 0; ) {
          drained += n;
        }
        Answers.error(resp, 413, "payload_too_large", "webhook bodies are at most 3 MB");
        return;
      }
    } catch (IOException e) {
      Answers.error(resp, 400, "bad_request", "cannot read the body: " + e.getMessage());
      return;
    }
    String signature = req.getHeader("X-Hub-Signature-256");
    if (signature == null || signature.isBlank()) {
      stats.refusedSignature();
      Answers.error(resp, 401, "unauthorized", "X-Hub-Signature-256 is missing");
      return;
    }
    SignatureVerifier verifier = verifier(configuration.settings().appSecret());
    if (!verifier.matches(signature, body)) {
      stats.refusedSignature();
      LOG.log(Level.WARNING, "Webhook with a wrong signature refused ({0} bytes)", body.length);
      Answers.error(resp, 403, "forbidden", "X-Hub-Signature-256 does not match the body");
      return;
    }
    stats.signed();
    compiler.release();
    WebhookBatch batch;
    try {
      batch = WebhookParser.parse(body);
    } catch (InvalidWebhookException e) {
      stats.badRequest();
      Answers.error(resp, 400, "bad_request", e.getMessage());
      return;
    }
    Inbox.Taken taken;
    try {
      taken = inbox.accept(batch, configuration.settings().phoneNumberId());
    } catch (StoreException e) {
      // Our failure, not the sender's: 5xx makes Meta deliver again later, so nothing is lost.
      LOG.log(Level.ERROR, "Cannot store a webhook batch: {0}", e.getMessage());
      Answers.error(resp, 503, "unavailable", "the bot cannot store messages right now; deliver again later");
      return;
    }
    stats.took(taken.newMessages().size(), taken.duplicates(), taken.statuses());
    Set<String> phones = new LinkedHashSet<>();
    taken.newMessages().forEach(m -> phones.add(m.from().digits()));
    processor.kick(phones);
    Answers.json(resp, 200, Jsons.JSON.createObjectBuilder()
        .add("received", taken.newMessages().size())
        .add("duplicates", taken.duplicates())
        .add("statuses", taken.statuses())
        .add("other_numbers", taken.foreign())
        .build().toString());
  }
}
