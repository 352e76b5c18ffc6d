package dev.wabots.sandbox.boundary;

import dev.wabots.instances.boundary.Instances;
import dev.wabots.instances.boundary.SandboxBot;
import dev.wabots.platform.Conflict;
import dev.wabots.platform.FieldError;
import dev.wabots.platform.Invalid;
import dev.wabots.platform.StrictJson;
import dev.wabots.sandbox.control.Faults;
import dev.wabots.sandbox.control.GraphError;
import dev.wabots.sandbox.control.CloudApiValidator;
import dev.wabots.sandbox.control.SandboxStore;
import dev.wabots.sandbox.control.Verdict;
import dev.wabots.sandbox.control.Webhooks;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import dev.wabots.instances.boundary.InstanceDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The local stand-in for Meta's Cloud API. Toward bots it is the Graph API (messages, media),
 * validating every request against Meta's schema and limits and answering like Meta, then sending
 * signed status webhooks; toward people it is a test chat that sends signed webhooks to a bot as
 * if a WhatsApp user wrote, and shows both directions of the conversation.
 */
@ApplicationScoped
public class Sandbox {

  private static final Logger LOG = System.getLogger(Sandbox.class.getName());
  private static final Pattern PHONE = Pattern.compile("\\+?[1-9][0-9]{6,14}");
  static final Duration WINDOW = Duration.ofHours(24);
  static final int MAX_MEDIA_BYTES = 16 * 1024 * 1024;
  static final List<String> MEDIA_TYPES = List.of("audio/ogg", "audio/mpeg", "audio/mp4", "audio/aac", "audio/amr",
      "image/jpeg", "image/png", "image/webp", "video/mp4", "video/3gpp", "application/pdf", "text/plain");

  @Inject Instances instances;

  @Inject SandboxStore store;

  @Inject Faults faults;

  @Inject dev.wabots.processes.boundary.BotProcesses processes;

  @Inject CloudApiValidator validator;

  @Resource ManagedScheduledExecutorService scheduler;

  /** ffmpeg, for a browser's recording (WebM) that becomes a WhatsApp voice note (OGG/Opus). */
  @Inject
  @org.eclipse.microprofile.config.inject.ConfigProperty(name = "wabots.tts.ffmpeg.binary", defaultValue = "ffmpeg")
  String ffmpeg;

  private HttpClient http;

  @PostConstruct
  void init() {
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    // The schema takes about a second to load: do it now, off the request path.
    scheduler.execute(() -> {
      try {
        validator.warmUp();
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "Cannot load Meta's OpenAPI schema for the sandbox: {0}", e.getMessage());
      }
    });
  }

  /** An answer of the Graph stand-in: HTTP status and Meta-shaped JSON. */
  public record GraphAnswer(int status, String body) {

    GraphAnswer(int status, JsonObject json) {
      this(status, json.toString());
    }
  }

  // ------------------------------------------------------------------ Graph API stand-in

  /** {@code POST /{version}/{phone-number-id}/messages}. */
  public GraphAnswer send(String phoneNumberId, String authorization, String body) {
    Optional<SandboxBot> found = instances.sandboxBotByPhoneNumberId(phoneNumberId);
    if (found.isEmpty()) {
      return unknownObject(phoneNumberId);
    }
    SandboxBot bot = found.get();
    if (!authorized(bot, authorization)) {
      return tokenError();
    }
    Verdict verdict = validator.send(body);
    JsonObject json = parseObject(body).orElse(JsonValue.EMPTY_JSON_OBJECT);
    boolean readReceipt = json.containsKey("status");
    String phone = readReceipt
        ? store.phoneOf(bot.id(), json.getString("message_id", "")).orElse(null)
        : digits(json.getString("to", ""));
    if (!verdict.valid()) {
      List<String> errors = verdict.problems().stream().map(p -> p.field() + ": " + p.message()).toList();
      store.record(bot.id(), phone == null ? "unknown" : phone, "out", null, body, false, errors);
      LOG.log(Level.INFO, "Sandbox refused a send of bot {0}: {1}", bot.id(), errors);
      return new GraphAnswer(GraphError.HTTP_STATUS, verdict.toGraphError().toJson());
    }
    if (readReceipt) {
      if (phone == null) {
        return graphError(400, 100, "(#100) Invalid parameter",
            "message_id " + json.getString("message_id", "") + " is not a message this number received", false);
      }
      store.record(bot.id(), phone, "out", null, body, true, List.of());
      return new GraphAnswer(200, Json.createObjectBuilder().add("success", true).build());
    }
    Optional<Integer> fault = faults.next(bot.id());
    if (fault.isPresent() && fault.get() != 131047) {
      store.record(bot.id(), phone, "out", null, body, false, List.of("injected fault " + fault.get()));
      return injected(fault.get());
    }
    String wamid = Webhooks.wamid();
    store.record(bot.id(), phone, "out", wamid, body, true, List.of());
    boolean template = "template".equals(json.getString("type", "text"));
    boolean outsideWindow = !template && store.lastInbound(bot.id(), phone)
        .map(last -> last.isBefore(Instant.now().minus(WINDOW))).orElse(true);
    if (fault.isPresent() || outsideWindow) {
      deliverStatuses(bot, wamid, phone, List.of("failed"), 131047,
          "Re-engagement message: more than 24 hours have passed since the recipient last replied");
    } else {
      deliverStatuses(bot, wamid, phone, List.of("sent", "delivered", "read"), null, null);
    }
    return new GraphAnswer(200, Json.createObjectBuilder()
        .add("messaging_product", "whatsapp")
        .add("contacts", Json.createArrayBuilder().add(Json.createObjectBuilder().add("input", json.getString("to", ""))
            .add("wa_id", phone)))
        .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder().add("id", wamid)))
        .build());
  }

  /** {@code POST /{version}/{phone-number-id}/media}: multipart messaging_product, file, type. */
  public GraphAnswer upload(String phoneNumberId, String authorization, String product, String type, byte[] file) {
    Optional<SandboxBot> found = instances.sandboxBotByPhoneNumberId(phoneNumberId);
    if (found.isEmpty()) {
      return unknownObject(phoneNumberId);
    }
    SandboxBot bot = found.get();
    if (!authorized(bot, authorization)) {
      return tokenError();
    }
    if (!"whatsapp".equals(product)) {
      return graphError(400, 100, "(#100) Invalid parameter", "messaging_product must be whatsapp", false);
    }
    if (file == null || file.length == 0) {
      return graphError(400, 100, "(#100) Invalid parameter", "file is required", false);
    }
    String mime = type == null ? "" : type.split(";")[0].trim();
    if (!MEDIA_TYPES.contains(mime)) {
      return graphError(400, 131053, "(#131053) Media upload error", "unsupported media type '" + type + "'", false);
    }
    if (file.length > MAX_MEDIA_BYTES) {
      return graphError(400, 131053, "(#131053) Media upload error", "file is larger than 16 MB", false);
    }
    String id = mediaId();
    store.saveMedia(new SandboxStore.Media(id, bot.id(), mime, sha256(file), file.length, Instant.now()), file);
    return new GraphAnswer(200, Json.createObjectBuilder().add("id", id).build());
  }

  /** {@code GET /{version}/{media-id}}: where to download it (with the same token). */
  public GraphAnswer mediaInfo(String mediaId, String authorization, URI downloadBase) {
    Optional<SandboxStore.Media> media = store.media(mediaId);
    Optional<SandboxBot> bot = media.flatMap(m -> botOfMedia(m));
    if (media.isEmpty() || bot.isEmpty()) {
      return unknownObject(mediaId);
    }
    if (!authorized(bot.get(), authorization)) {
      return tokenError();
    }
    Optional<Integer> fault = faults.next(Faults.media(bot.get().id()));
    if (fault.isPresent()) {
      return injected(fault.get());
    }
    SandboxStore.Media m = media.get();
    return new GraphAnswer(200, Json.createObjectBuilder()
        .add("messaging_product", "whatsapp")
        .add("url", downloadBase.resolve("/sandbox/media/" + m.id()).toString())
        .add("mime_type", m.mimeType())
        .add("sha256", m.sha256())
        .add("file_size", m.size())
        .add("id", m.id())
        .build());
  }

  /**
   * The bytes of stored media, for the holder of the bot's token: 200 with the file, a queued
   * media fault, or 404 (unknown media or another token).
   */
  public Download download(String mediaId, String authorization) {
    Optional<SandboxStore.Media> media = store.media(mediaId)
        .filter(m -> botOfMedia(m).map(b -> authorized(b, authorization)).orElse(false));
    if (media.isEmpty()) {
      return new Download(null, new GraphAnswer(404,
          "{\"error\":{\"message\":\"media not found or token invalid\",\"type\":\"OAuthException\",\"code\":100}}"));
    }
    Optional<Integer> fault = faults.next(Faults.media(media.get().instanceId()));
    if (fault.isPresent()) {
      return new Download(null, injected(fault.get()));
    }
    return new Download(new MediaFile(media.get().mimeType(), store.mediaBytes(media.get().id())), null);
  }

  /** A download: the file, or the error to answer instead. */
  public record Download(MediaFile file, GraphAnswer error) {}

  /** The bytes of uploaded media, for a person who may see the bot. */
  public Optional<MediaFile> downloadFor(String instanceId, String mediaId) {
    SandboxBot bot = instances.sandboxBot(instanceId, false);
    return store.media(mediaId)
        .filter(m -> m.instanceId().equals(bot.id()))
        .map(m -> new MediaFile(m.mimeType(), store.mediaBytes(m.id())));
  }

  /** Downloaded media. */
  public record MediaFile(String mimeType, byte[] data) {}

  // ------------------------------------------------------------------ test chat (people)

  /** What a test-chat message produced: the new message id and the bot's answer to the webhook. */
  public record Delivery(String wamid, int webhookStatus) {}

  /**
   * A WhatsApp user {@code from} writes {@code text}, or taps {@code replyId} (a button or list
   * row the bot offered them): a spec-shaped, signed webhook goes to the bot.
   */
  public Delivery inbound(String instanceId, String from, String name, String text, String replyId) {
    SandboxBot bot = instances.sandboxBot(instanceId, true);
    List<FieldError> errors = new ArrayList<>();
    if (from == null || !PHONE.matcher(from).matches()) {
      errors.add(new FieldError("from", "must be a phone number in E.164 form, e.g. 79001234567"));
    }
    if ((text == null) == (replyId == null)) {
      errors.add(new FieldError(text == null ? "text" : "reply_id", "give exactly one of text and reply_id"));
    } else if (text != null && (text.isBlank() || text.codePointCount(0, text.length()) > 4096)) {
      errors.add(new FieldError("text", "must be 1-4096 characters"));
    }
    if (name != null && (name.isBlank() || name.length() > 100)) {
      errors.add(new FieldError("name", "must be 1-100 characters"));
    }
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    String phone = digits(from);
    String wamid = Webhooks.wamid();
    Instant now = Instant.now();
    JsonObject webhook;
    String contactName = name == null ? "Sandbox user" : name.strip();
    if (text != null) {
      webhook = Webhooks.inbound(bot.wabaId(), bot.phoneNumberId(), phone, contactName, wamid, now, "text",
          Json.createObjectBuilder().add("body", text).build(), null);
    } else {
      Offer offer = offered(bot.id(), phone, replyId).orElseThrow(() -> Invalid.of("reply_id",
          "'" + replyId + "' was not offered to " + phone + " in this conversation"));
      var reply = Json.createObjectBuilder().add("id", replyId).add("title", offer.title());
      if (offer.description() != null) {
        reply.add("description", offer.description());
      }
      String kind = offer.list() ? "list_reply" : "button_reply";
      webhook = Webhooks.inbound(bot.wabaId(), bot.phoneNumberId(), phone, contactName, wamid, now, "interactive",
          Json.createObjectBuilder().add("type", kind).add(kind, reply).build(),
          Json.createObjectBuilder().add("from", Webhooks.displayNumber(bot.phoneNumberId())).add("id", offer.wamid()).build());
    }
    return deliver(bot, phone, wamid, webhook);
  }

  /**
   * What a customer shares from WhatsApp: a file ({@code media}) or a location. Media is kept like
   * an upload, so the bot fetches it through the Graph media endpoints as it would from Meta.
   */
  public record Shared(SharedMedia media, SharedLocation location) {}

  /** A file as the test chat sends it; {@code type} is audio, voice, image, video, document or sticker. */
  public record SharedMedia(String type, String mimeType, String filename, String caption, String dataBase64) {}

  /** A shared location; name and address may be null. */
  public record SharedLocation(Double latitude, Double longitude, String name, String address) {}

  static final java.util.Set<String> SHARED_TYPES = java.util.Set.of("audio", "voice", "image", "video", "document",
      "sticker");

  /** A WhatsApp user {@code from} sends a file or a location: the webhook Meta would send goes to the bot. */
  public Delivery inboundShared(String instanceId, String from, String name, Shared shared) {
    SandboxBot bot = instances.sandboxBot(instanceId, true);
    List<FieldError> errors = new ArrayList<>();
    if (from == null || !PHONE.matcher(from).matches()) {
      errors.add(new FieldError("from", "must be a phone number in E.164 form, e.g. 79001234567"));
    }
    if (name != null && (name.isBlank() || name.length() > 100)) {
      errors.add(new FieldError("name", "must be 1-100 characters"));
    }
    if ((shared.media() == null) == (shared.location() == null)) {
      errors.add(new FieldError("media", "give exactly one of text, reply_id, media and location"));
    }
    byte[] data = null;
    SharedMedia m = shared.media();
    if (m != null) {
      if (m.type() == null || !SHARED_TYPES.contains(m.type())) {
        errors.add(new FieldError("media.type", "must be one of " + SHARED_TYPES.stream().sorted().toList()));
      }
      if (m.mimeType() == null || !m.mimeType().matches("[a-z]+/[-+.a-z0-9]+(\\s*;.{0,60})?")) {
        errors.add(new FieldError("media.mime_type", "must be a MIME type, e.g. audio/ogg; codecs=opus"));
      }
      if (m.filename() != null && (m.filename().isBlank() || m.filename().length() > 240)) {
        errors.add(new FieldError("media.filename", "must be 1-240 characters"));
      }
      if (m.caption() != null && m.caption().codePointCount(0, m.caption().length()) > 1024) {
        errors.add(new FieldError("media.caption", "must be at most 1024 characters"));
      }
      try {
        data = m.dataBase64() == null ? null : java.util.Base64.getMimeDecoder().decode(m.dataBase64());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("media.data_base64", "is not base64: " + e.getMessage()));
      }
      if (m.dataBase64() != null && data != null && data.length == 0 || m.dataBase64() == null) {
        errors.add(new FieldError("media.data_base64", "is required: the file's bytes in base64"));
      } else if (data != null && data.length > MAX_SHARED_BYTES) {
        errors.add(new FieldError("media.data_base64", "the file is larger than " + MAX_SHARED_BYTES + " bytes"));
      }
    }
    SharedLocation l = shared.location();
    if (l != null) {
      if (l.latitude() == null || l.latitude() < -90 || l.latitude() > 90) {
        errors.add(new FieldError("location.latitude", "must be a number from -90 to 90"));
      }
      if (l.longitude() == null || l.longitude() < -180 || l.longitude() > 180) {
        errors.add(new FieldError("location.longitude", "must be a number from -180 to 180"));
      }
    }
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    String phone = digits(from);
    String wamid = Webhooks.wamid();
    String contactName = name == null ? "Sandbox user" : name.strip();
    if (l != null) {
      var location = Json.createObjectBuilder().add("latitude", l.latitude()).add("longitude", l.longitude());
      if (l.name() != null) {
        location.add("name", l.name());
      }
      if (l.address() != null) {
        location.add("address", l.address());
      }
      return deliver(bot, phone, wamid, Webhooks.inbound(bot.wabaId(), bot.phoneNumberId(), phone, contactName, wamid,
          Instant.now(), "location", location.build(), null));
    }
    String mime = m.mimeType().strip();
    if (RECORDED.contains(dev.wabots.whatsapp.MediaLimits.baseType(mime)) && ("voice".equals(m.type())
        || "audio".equals(m.type()))) {
      // WhatsApp carries voice notes as OGG/Opus; a browser records WebM: converted as the phone would.
      data = oggOpus(data, mime);
      mime = VOICE_TYPE;
    }
    String id = mediaId();
    String sha = sha256(data);
    store.saveMedia(new SandboxStore.Media(id, bot.id(), mime, sha, data.length, Instant.now()), data);
    String type = "voice".equals(m.type()) ? "audio" : m.type();
    var content = Json.createObjectBuilder();
    if (m.caption() != null && (type.equals("image") || type.equals("video") || type.equals("document"))) {
      content.add("caption", m.caption());
    }
    if (type.equals("document")) {
      content.add("filename", m.filename() == null ? "file" : m.filename());
    }
    content.add("mime_type", mime).add("sha256", sha).add("id", id);
    if (type.equals("audio")) {
      content.add("voice", "voice".equals(m.type()));
    }
    if (type.equals("sticker")) {
      content.add("animated", false);
    }
    return deliver(bot, phone, wamid, Webhooks.inbound(bot.wabaId(), bot.phoneNumberId(), phone, contactName, wamid,
        Instant.now(), type, content.build(), null));
  }

  /** What browsers' recorders make (MediaRecorder), converted to {@link #VOICE_TYPE}. */
  static final java.util.Set<String> RECORDED = java.util.Set.of("audio/webm", "video/webm");
  /** A WhatsApp voice note's type. */
  public static final String VOICE_TYPE = "audio/ogg; codecs=opus";

  private byte[] oggOpus(byte[] recording, String mime) {
    dev.wabots.speech.control.AudioTool tool = new dev.wabots.speech.control.AudioTool(ffmpeg, "ffprobe",
        Duration.ofSeconds(30));
    try {
      return tool.voiceNote(recording, "webm");
    } catch (dev.wabots.speech.control.SpeechError e) {
      if (e.unavailable()) {
        throw new dev.wabots.platform.Unavailable("a recording (" + mime + ") becomes a voice note with ffmpeg, "
            + "which this orchestrator cannot run: " + e.getMessage());
      }
      throw new Invalid(List.of(new FieldError("media.data_base64", "is not a recording ffmpeg can read as "
          + mime + " (" + e.getMessage().lines().findFirst().orElse("") + ")")));
    }
  }

  /** The test chat's files: up to Meta's 16 MB for audio and video, and a document of a little more. */
  public static final int MAX_SHARED_BYTES = 24 * 1024 * 1024;

  private Delivery deliver(SandboxBot bot, String phone, String wamid, JsonObject webhook) {
    String payload = webhook.toString();
    Verdict verdict = validator.webhook(payload);
    long seq = store.record(bot.id(), phone, "in", wamid, payload, verdict.valid(),
        verdict.problems().stream().map(p -> p.field() + ": " + p.message()).toList());
    try {
      int status = post(bot, payload);
      return new Delivery(wamid, status);
    } catch (IOException e) {
      store.clearSeq(seq);
      throw new Conflict("bot '" + bot.id() + "' does not answer on port " + bot.webhookPort()
          + " (" + e.getClass().getSimpleName() + "): start it first");
    }
  }

  private static String mediaId() {
    return Long.toString(1_000_000_000_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000_000L));
  }

  public List<SandboxStore.Entry> conversation(String instanceId, String phone, long after) {
    SandboxBot bot = instances.sandboxBot(instanceId, false);
    return store.conversation(bot.id(), digits(phone), after);
  }

  public List<String> phones(String instanceId) {
    return store.phones(instances.sandboxBot(instanceId, false).id());
  }

  public int fault(String instanceId, Integer code, Integer count) {
    return fault(instanceId, code, count, null);
  }

  /**
   * Queues faults for the next sends ({@code on} null or {@code messages}) or the next media calls
   * ({@code media}: the media URL look-up and the download each take one).
   */
  public int fault(String instanceId, Integer code, Integer count, String on) {
    SandboxBot bot = instances.sandboxBot(instanceId, true);
    List<FieldError> errors = new ArrayList<>();
    if (code == null || !Faults.SUPPORTED.containsKey(code)) {
      errors.add(new FieldError("code", "must be one of " + Faults.codes().stream().sorted().toList()));
    }
    if (count != null && (count < 1 || count > 100)) {
      errors.add(new FieldError("count", "must be from 1 to 100"));
    }
    if (on != null && !on.equals("messages") && !on.equals("media")) {
      errors.add(new FieldError("on", "must be messages or media"));
    }
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    String queue = "media".equals(on) ? Faults.media(bot.id()) : bot.id();
    faults.add(queue, code, count == null ? 1 : count);
    return faults.queued(queue);
  }

  public void clear(String instanceId, String phone) {
    SandboxBot bot = instances.sandboxBot(instanceId, true);
    if (phone == null) {
      store.clear(bot.id());
      faults.clear(bot.id());
      faults.clear(Faults.media(bot.id()));
    } else {
      store.clearConversation(bot.id(), digits(phone));
    }
  }

  /**
   * A deleted bot's conversations, media and queued faults go with it: a new bot of the same id
   * starts with none of them.
   */
  void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) InstanceDeleted deleted) {
    store.clear(deleted.id());
    faults.clear(deleted.id());
    faults.clear(Faults.media(deleted.id()));
  }

  /** Plays Meta's webhook verification handshake against the bot; true when it echoed the challenge. */
  public boolean verify(String instanceId) {
    SandboxBot bot = instances.sandboxBot(instanceId, true);
    String challenge = Long.toString(Math.abs(UUID.randomUUID().getLeastSignificantBits()));
    URI uri = URI.create(webhookUrl(bot) + "?hub.mode=subscribe&hub.verify_token="
        + java.net.URLEncoder.encode(bot.verifyToken() == null ? "" : bot.verifyToken(), StandardCharsets.UTF_8)
        + "&hub.challenge=" + challenge);
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && challenge.equals(r.body().trim());
    } catch (IOException e) {
      throw new Conflict("bot '" + bot.id() + "' does not answer on port " + bot.webhookPort() + ": start it first");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  // ------------------------------------------------------------------ helpers

  /** A button or list row the bot offered this phone, found in its sent messages (newest first). */
  record Offer(String wamid, String title, String description, boolean list) {}

  Optional<Offer> offered(String instanceId, String phone, String replyId) {
    List<SandboxStore.Entry> all = store.conversation(instanceId, phone, 0);
    for (int i = all.size() - 1; i >= 0; i--) {
      SandboxStore.Entry e = all.get(i);
      if (!e.direction().equals("out") || !e.valid() || e.wamid() == null) {
        continue;
      }
      Optional<JsonObject> json = parseObject(e.payload());
      if (json.isEmpty() || !"interactive".equals(json.get().getString("type", ""))) {
        continue;
      }
      JsonObject interactive = json.get().getJsonObject("interactive");
      JsonObject action = interactive.getJsonObject("action");
      if ("button".equals(interactive.getString("type", ""))) {
        for (JsonValue b : action.getJsonArray("buttons")) {
          JsonObject reply = b.asJsonObject().getJsonObject("reply");
          if (replyId.equals(reply.getString("id"))) {
            return Optional.of(new Offer(e.wamid(), reply.getString("title"), null, false));
          }
        }
      } else if ("list".equals(interactive.getString("type", ""))) {
        for (JsonValue section : action.getJsonArray("sections")) {
          for (JsonValue row : section.asJsonObject().getJsonArray("rows")) {
            JsonObject r = row.asJsonObject();
            if (replyId.equals(r.getString("id"))) {
              return Optional.of(new Offer(e.wamid(), r.getString("title"),
                  r.containsKey("description") ? r.getString("description") : null, true));
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  private void deliverStatuses(SandboxBot bot, String wamid, String phone, List<String> statuses, Integer code, String title) {
    long delay = 30;
    for (String status : statuses) {
      JsonObject body = Webhooks.status(bot.wabaId(), bot.phoneNumberId(), wamid, phone, status, Instant.now(), code, title);
      scheduler.schedule(() -> deliverStatus(bot, wamid, status, body.toString(), 1), delay, TimeUnit.MILLISECONDS);
      delay += 120;
    }
  }

  /** Like Meta: a status the bot did not take with 200 is tried again, less and less often. */
  private void deliverStatus(SandboxBot bot, String wamid, String status, String body, int attempt) {
    int code;
    try {
      code = post(bot, body);
    } catch (IOException e) {
      code = -1;
    }
    if (code == 200) {
      store.status(wamid, status);
      return;
    }
    if (attempt < 6) {
      scheduler.schedule(() -> deliverStatus(bot, wamid, status, body, attempt + 1), 1L << attempt, TimeUnit.SECONDS);
    } else {
      LOG.log(Level.WARNING, "Sandbox gave up delivering status {0} of {1} to bot {2}", status, wamid, bot.id());
    }
  }

  /** Where Meta would deliver: the bot's webhook at the address its process is reached at. */
  private String webhookUrl(SandboxBot bot) {
    return processes.address(bot.id()).orElse("http://127.0.0.1:" + bot.webhookPort()) + "/webhook";
  }

  private int post(SandboxBot bot, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(URI.create(webhookUrl(bot)))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .header("X-Hub-Signature-256", Webhooks.sign(bot.appSecret() == null ? "" : bot.appSecret(), bytes))
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
        .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private Optional<SandboxBot> botOfMedia(SandboxStore.Media m) {
    return instances.sandboxBotByInstanceId(m.instanceId());
  }

  static boolean authorized(SandboxBot bot, String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ") || bot.accessToken() == null) {
      return false;
    }
    byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, bot.accessToken().getBytes(StandardCharsets.UTF_8));
  }

  static GraphAnswer tokenError() {
    return graphError(401, 190, "Invalid OAuth access token - Cannot parse access token", null, false);
  }

  static GraphAnswer unknownObject(String id) {
    return new GraphAnswer(400, error(100, 33, "Unsupported post request. Object with ID '" + id
        + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation",
        null, false));
  }

  static GraphAnswer injected(int code) {
    int status = Faults.SUPPORTED.getOrDefault(code, 400);
    String message = switch (code) {
      case 130429 -> "(#130429) Rate limit hit";
      case 131056 -> "(#131056) (Business Account, Consumer Account) pair rate limit hit";
      case 4 -> "(#4) Application request limit reached";
      case 80007 -> "(#80007) Rate limit issues";
      case 131000 -> "(#131000) Something went wrong";
      case 131016 -> "(#131016) Service unavailable";
      case 500 -> "An unknown error occurred";
      case 190 -> "Error validating access token: Session has expired";
      case 131026 -> "(#131026) Message undeliverable";
      default -> "(#" + code + ") Sandbox fault";
    };
    boolean transientError = status == 429 || status >= 500;
    return graphError(status, code, message, "injected by the sandbox for testing", transientError);
  }

  static GraphAnswer graphError(int status, int code, String message, String details, boolean transientError) {
    return new GraphAnswer(status, error(code, null, message, details, transientError));
  }

  private static JsonObject error(int code, Integer subcode, String message, String details, boolean transientError) {
    var e = Json.createObjectBuilder()
        .add("message", message)
        .add("type", "OAuthException")
        .add("code", code);
    if (subcode != null) {
      e.add("error_subcode", subcode);
    }
    if (details != null) {
      e.add("error_data", Json.createObjectBuilder().add("messaging_product", "whatsapp").add("details", details));
    }
    e.add("is_transient", transientError);
    e.add("fbtrace_id", "SBX" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
    return Json.createObjectBuilder().add("error", e).build();
  }

  static Optional<JsonObject> parseObject(String body) {
    try {
      JsonValue v = StrictJson.read(body);
      return v.getValueType() == JsonValue.ValueType.OBJECT ? Optional.of(v.asJsonObject()) : Optional.empty();
    } catch (StrictJson.MalformedJson e) {
      return Optional.empty();
    }
  }

  static String digits(String phone) {
    return phone == null ? "" : phone.replaceAll("\\D", "");
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
