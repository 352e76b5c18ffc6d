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

  private final Screens screens;
  private final DefinitionData data;

  FunnelMessages(Screens screens) {
    this.screens = screens;
    this.data = screens.data();
  }

  OutboundMessage screen(String key, String name) {
    return screens.render(key, name, Map.of());
  }

  OutboundMessage gpuAudit(DefinitionData.Gpu gpu, String name) {
    String stars = "★".repeat(gpu.quality()) + "☆".repeat(Math.max(0, 5 - gpu.quality()));
    Map<String, String> values =
        Map.of(
            "gpu_name", gpu.name(),
            "gpu_llm", gpu.llm(),
            "gpu_quality", stars + " (" + gpu.quality() + "/5)",
            "gpu_speed", gpu.speed(),
            "gpu_upgrade", gpu.upgrade() == null ? "" : gpu.upgrade());
    return screens.render(GPU_AUDIT, name, values);
  }

  /** The payment screen and the link in it. */
  Paid payment(BotInstanceId bot, PhoneNumber phone, String name) {
    PaymentLink link = PaymentLink.of(data.settings().payment(), bot, phone);
    OutboundMessage message =
        screens.render(BASIC_PAY, name, Map.of("payment_link", link.url(), "payment_label", link.label()));
    return new Paid(link, message);
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

  List<OutboundMessage> quote(Quote quote) {
    return texts(new QuoteText(data.quote(), screens.money()).quote(quote));
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

  /** The answer (split if longer than a text message) and the buttons back. */
  List<OutboundMessage> faqAnswer(DefinitionData.FaqSection section, DefinitionData.FaqQuestion question) {
    List<OutboundMessage> messages = new ArrayList<>(texts(screens.text(question.answer(), Map.of())));
    messages.add(
        ReplyButtonsMessage.of(
            data.faq().afterAnswerBody(),
            List.of(
                ReplyButton.of("faq:back_" + section.key(), section.backTitle()),
                ReplyButton.of("faq:back_menu", data.faq().backMenuTitle()))));
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
