package dev.wabots.funnel;

import dev.wabots.whatsapp.OutboundMessage;
import dev.wabots.whatsapp.PhoneNumber;
import dev.wabots.whatsapp.ReplyButton;
import dev.wabots.whatsapp.ReplyButtonsMessage;
import dev.wabots.whatsapp.TextMessage;
import dev.wabots.whatsapp.TextSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every message the funnel can send, built from the definition. Shared by the engine and the
 * validator so that validation covers exactly what is sent.
 */
final class FunnelMessages {
  static final String GPU_AUDIT = "diy_gpu_audit";
  static final String BASIC_PAY = "basic_pay";
  static final String INTEGRATIONS_ADDED = "custom_int_added";
  static final String GPU_RECEIVED = "diy_gpu_received";
  /** Sent by the bot when the orchestrator matched the customer's payment (optional screen). */
  static final String PAYMENT_RECEIVED = "payment_received";
  /** The echo of a voice note's transcript ("I heard: …"), when the bot is set to send it (optional screen). */
  static final String VOICE_HEARD = "voice_heard";
  /** Longest transcript repeated back in {@link #VOICE_HEARD}; longer ones are cut with "…". */
  static final int MAX_HEARD = 3000;
  /** Longest typed text repeated back to the user (a GPU model). */
  static final int MAX_TYPED = 60;

  private final Screens screens;
  private final DefinitionData data;

  FunnelMessages(Screens screens) {
    this.screens = screens;
    this.data = screens.data();
  }

  /** The placeholder values every screen can use. */
  Map<String, String> globals() {
    return screens.globals();
  }

  OutboundMessage screen(String key, String name) {
    return screens.render(key, name, Map.of());
  }

  OutboundMessage screen(String key, String name, Map<String, String> values) {
    return screens.render(key, name, values);
  }

  boolean has(String key) {
    return screens.has(key);
  }

  /** The audit of a GPU tier: quality as one ⭐ per point (the seed's N × ⭐). */
  OutboundMessage gpuAudit(DefinitionData.Gpu gpu, String name) {
    Map<String, String> values =
        Map.of(
            "gpu_name", gpu.name(),
            "gpu_llm", gpu.llm(),
            "gpu_quality", stars(gpu.quality()),
            "gpu_speed", gpu.speed(),
            "gpu_upgrade", gpu.upgrade() == null ? "" : gpu.upgrade());
    return screens.render(GPU_AUDIT, name, values);
  }

  static String stars(int quality) {
    return "⭐".repeat(Math.max(0, quality));
  }

  /** The answer to a GPU model typed by hand. */
  OutboundMessage gpuReceived(String model, String name) {
    return screens.render(GPU_RECEIVED, name, Map.of("gpu_model", QuoteText.task(model, MAX_TYPED)));
  }

  /** The payment screen and the link in it: the profile's wallet and turnkey-install price. */
  Paid payment(BotInstanceId bot, PhoneNumber phone, String name) {
    DefinitionData.Payment payment = data.settings().payment();
    long amount = screens.prices().get(payment.price());
    PaymentLink link = PaymentLink.of(
        payment, screens.profile().yoomoneyReceiver(), amount, screens.profile().productName(), bot, phone);
    OutboundMessage message =
        screens.render(BASIC_PAY, name, Map.of("payment_link", link.url(), "payment_label", link.label()));
    return new Paid(link, message);
  }

  /** The confirmation of a payment of {@code amount} rubles (kopecks shown when there are any). */
  OutboundMessage paymentReceived(java.math.BigDecimal amount, String name) {
    return screens.render(PAYMENT_RECEIVED, name, Map.of("paid_amount", screens.money().exact(amount)));
  }

  /** The echo of what a voice note said, cut to {@link #MAX_HEARD} characters. */
  OutboundMessage heard(String transcript, String name) {
    String text = transcript == null ? "" : transcript.strip();
    if (text.codePointCount(0, text.length()) > MAX_HEARD) {
      text = text.substring(0, text.offsetByCodePoints(0, MAX_HEARD - 1)) + "…";
    }
    return screens.render(VOICE_HEARD, name, Map.of("transcript", text));
  }

  /** The event logged whenever {@code key} is sent, if the screen declares one. */
  String screenEvent(String key) {
    DefinitionData.Screen screen = data.screens().get(key);
    return screen == null ? null : screen.event();
  }

  OutboundMessage integrationsAdded(List<String> keys, String name) {
    String selected =
        keys.stream()
            .map(key -> data.quote().integrations().stream()
                .filter(item -> item.key().equals(key))
                .map(DefinitionData.PricedItem::name)
                .findFirst()
                .orElse(key))
            .collect(Collectors.joining(", "));
    return screens.render(INTEGRATIONS_ADDED, name, Map.of("selected", selected));
  }

  /** The quote text (the request repeated, items, total, delivery time). */
  List<OutboundMessage> quote(Quote quote, Discovery request) {
    return texts(new QuoteText(data.quote(), screens.money(), screens.prices()).quote(quote, request));
  }

  /** The intro of a segment cell, if it has one. */
  List<OutboundMessage> intro(DefinitionData.SegmentCell cell) {
    return cell.intro() == null || cell.intro().isBlank() ? List.of() : texts(screens.text(cell.intro(), Map.of()));
  }

  OutboundMessage faqSection(DefinitionData.FaqSection section) {
    List<DefinitionData.Option> rows = new ArrayList<>();
    for (DefinitionData.FaqQuestion question : section.questions()) {
      rows.add(new DefinitionData.Option("faq:" + question.key(), question.title(), question.description()));
    }
    return Screens.list(screens.text(section.body(), Map.of()), section.button(), rows);
  }

  /**
   * The answer (split if longer than a text message), then three buttons: back to the section's
   * questions, back to the FAQ sections, and home.
   */
  List<OutboundMessage> faqAnswer(DefinitionData.FaqSection section, DefinitionData.FaqQuestion question) {
    List<OutboundMessage> messages = new ArrayList<>(texts(screens.text(question.answer(), Map.of())));
    messages.add(
        ReplyButtonsMessage.of(
            screens.text(data.faq().afterAnswerBody(), Map.of()),
            List.of(
                ReplyButton.of("faq:back_" + section.key(), section.backTitle()),
                ReplyButton.of("faq:back_menu", data.faq().backMenuTitle()),
                ReplyButton.of("nav:welcome", data.faq().homeTitle()))));
    return messages;
  }

  Optional<DefinitionData.FaqSection> faqSectionOf(String questionKey) {
    return data.faq().sections().stream()
        .filter(s -> s.questions().stream().anyMatch(q -> q.key().equals(questionKey)))
        .findFirst();
  }

  /** Text split into messages of at most 4096 characters. */
  static List<OutboundMessage> texts(String text) {
    return TextSplitter.split(text).stream().map(part -> (OutboundMessage) TextMessage.of(part)).toList();
  }

  /** A payment screen with its link. */
  record Paid(PaymentLink link, OutboundMessage message) {}
}
