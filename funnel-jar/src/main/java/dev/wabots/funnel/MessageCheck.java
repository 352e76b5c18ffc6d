package dev.wabots.funnel;

import dev.wabots.whatsapp.LimitViolationException;
import dev.wabots.whatsapp.ListMessage;
import dev.wabots.whatsapp.ListRow;
import dev.wabots.whatsapp.ListSection;
import dev.wabots.whatsapp.OutboundMessage;
import dev.wabots.whatsapp.PhoneNumber;
import dev.wabots.whatsapp.ReplyButton;
import dev.wabots.whatsapp.ReplyButtonsMessage;
import dev.wabots.whatsapp.TextMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Renders every message a definition can produce, in its worst case (longest profile name,
 * longest bot id and phone in the payment label, every integration selected, the highest volume
 * multiplier), and reports WhatsApp limits broken and placeholders left unfilled.
 */
final class MessageCheck {
  private static final BotInstanceId LONGEST_BOT = new BotInstanceId("x".repeat(BotInstanceId.MAX_LENGTH));
  private static final PhoneNumber LONGEST_PHONE = new PhoneNumber("9".repeat(15));

  private final DefinitionData data;
  private final BusinessProfile profile;
  private final Set<String> brokenScreens;
  private final boolean reportRenderErrors;
  private final List<DefinitionProblem> problems = new ArrayList<>();
  private final List<String> names = Arrays.asList(null, "Ж".repeat(Screens.maxName()));

  /**
   * @param reportRenderErrors whether a failure other than a limit is a problem of its own (when
   *     the structure had problems, such failures are their consequence and already reported)
   */
  MessageCheck(
      DefinitionData data, BusinessProfile profile, Set<String> brokenScreens, boolean reportRenderErrors) {
    this.data = data;
    this.profile = profile;
    this.brokenScreens = brokenScreens;
    this.reportRenderErrors = reportRenderErrors;
  }

  List<DefinitionProblem> problems() {
    FunnelMessages messages = new FunnelMessages(new Screens(data, profile));
    data.screens().keySet().stream().filter(key -> !brokenScreens.contains(key)).forEach(key -> screen(messages, key));
    data.segments().forEach((tech, row) -> {
      if (row != null) {
        row.forEach((infra, cell) -> {
          if (cell != null) {
            check("segments." + tech + "." + infra + ".intro", () -> messages.intro(cell));
          }
        });
      }
    });
    if (data.unknownSegment() != null) {
      check("unknownSegment.intro", () -> messages.intro(data.unknownSegment()));
    }
    check("quote", () -> messages.quote(worstQuote(), worstRequest()));
    if (data.requirements() != null) {
      Map<String, String> values = new HashMap<>(messages.globals());
      values.put("too_small_marker", String.valueOf(data.requirements().tooSmallMarker()));
      unresolved("requirements.instructions", Placeholders.fill(data.requirements().instructions(), values));
      unresolved("requirements.brief", Placeholders.fill(data.requirements().brief(), Map.of("answers", "", "contact", "")));
    }
    for (int s = 0; s < data.faq().sections().size(); s++) {
      DefinitionData.FaqSection section = data.faq().sections().get(s);
      check("faq.sections[" + s + "]", () -> messages.faqSection(section));
      for (int q = 0; q < section.questions().size(); q++) {
        DefinitionData.FaqQuestion question = section.questions().get(q);
        String node = "faq.sections[" + s + "].questions[" + q + "]";
        check(node, () -> messages.faqAnswer(section, question));
        wayHome(node, () -> messages.faqAnswer(section, question));
      }
    }
    return problems;
  }

  private void screen(FunnelMessages messages, String key) {
    String node = "screens." + key;
    for (String name : names) {
      switch (key) {
        case FunnelMessages.GPU_AUDIT:
          for (int i = 0; i < data.gpus().size(); i++) {
            DefinitionData.Gpu gpu = data.gpus().get(i);
            check(node + " (gpus[" + i + "])", () -> messages.gpuAudit(gpu, name));
          }
          break;
        case FunnelMessages.BASIC_PAY:
          check(node, () -> messages.payment(LONGEST_BOT, LONGEST_PHONE, name).message());
          break;
        case FunnelMessages.PAYMENT_RECEIVED:
          check(node, () -> messages.paymentReceived(new java.math.BigDecimal("99999999.99"), name));
          break;
        case FunnelMessages.VOICE_HEARD:
          check(node, () -> messages.heard("Ж".repeat(FunnelMessages.MAX_HEARD + 20), name));
          break;
        case FunnelMessages.GPU_RECEIVED:
          check(node, () -> messages.gpuReceived("Ж".repeat(FunnelMessages.MAX_TYPED + 20), name));
          break;
        case FunnelMessages.INTEGRATIONS_ADDED:
          check(node, () -> messages.integrationsAdded(
              data.quote().integrations().stream().map(DefinitionData.PricedItem::key).toList(), name));
          break;
        default:
          Attachment attachment = Attachment.ofScreen(key);
          if (attachment != null) {
            check(node, () -> messages.screen(key, name, attachment.longestValues()));
          } else {
            check(node, () -> messages.screen(key, name));
          }
      }
    }
  }

  private Quote worstQuote() {
    DefinitionData.QuoteSpec spec = data.quote();
    String volume =
        spec.volumes().stream()
            .filter(v -> v.multiplier() != null)
            .max(Comparator.comparing(DefinitionData.Volume::multiplier))
            .map(DefinitionData.Volume::key)
            .orElse(null);
    String timeline =
        spec.timelines().stream()
            .filter(t -> t.text() != null)
            .max(Comparator.comparingInt(t -> t.text().length()))
            .map(DefinitionData.Labeled::key)
            .orElse(null);
    return new QuoteCalculator(spec, Figures.prices(data, profile))
        .calculate(volume, spec.integrations().stream().map(DefinitionData.PricedItem::key).toList(), timeline);
  }

  /** The longest request: a task over the cut, the longest volume name, every integration. */
  private Discovery worstRequest() {
    DefinitionData.QuoteSpec spec = data.quote();
    Instant now = Instant.EPOCH;
    Discovery discovery = Discovery.start(now).withTask("Ж".repeat(500), now);
    String volume = spec.volumes().stream()
        .filter(v -> v.name() != null)
        .max(Comparator.comparingInt(v -> v.name().length()))
        .map(DefinitionData.Volume::key)
        .orElse(null);
    if (volume != null) {
      discovery = discovery.withVolume(volume, now);
    }
    for (DefinitionData.PricedItem item : spec.integrations()) {
      discovery = discovery.withIntegration(item.key(), now);
    }
    return discovery;
  }

  private void unresolved(String node, String text) {
    String left = Placeholders.firstUnresolved(text);
    if (left != null) {
      problems.add(new DefinitionProblem(node, DefinitionRule.UNRESOLVED_PLACEHOLDER, "nothing fills " + left + " here"));
    }
  }

  /** The message list's last message must offer {@code nav:welcome}. */
  private void wayHome(String node, Supplier<List<OutboundMessage>> render) {
    try {
      List<OutboundMessage> messages = render.get();
      OutboundMessage last = messages.get(messages.size() - 1);
      boolean home = last instanceof ReplyButtonsMessage buttons
          && buttons.buttons().stream().anyMatch(b -> b.id().value().equals("nav:welcome"));
      if (!home) {
        problems.add(new DefinitionProblem(node, DefinitionRule.DEAD_END, "an FAQ answer must offer the way home"));
      }
    } catch (RuntimeException e) {
      // reported by check()
    }
  }

  private void check(String node, Supplier<Object> render) {
    try {
      Object result = render.get();
      List<?> rendered = result instanceof List<?> list ? list : List.of(result);
      for (Object message : rendered) {
        for (String text : texts((OutboundMessage) message)) {
          String left = Placeholders.firstUnresolved(text);
          if (left != null) {
            problems.add(new DefinitionProblem(node, DefinitionRule.UNRESOLVED_PLACEHOLDER,
                "nothing fills " + left + " here"));
            return;
          }
        }
      }
    } catch (LimitViolationException e) {
      if (!problems.stream().anyMatch(p -> p.node().equals(node) && p.message().equals(e.getMessage()))) {
        problems.add(new DefinitionProblem(node, DefinitionRule.WHATSAPP_LIMIT, e.getMessage()));
      }
    } catch (RuntimeException e) {
      if (reportRenderErrors) {
        problems.add(new DefinitionProblem(node, DefinitionRule.INVALID_VALUE, "cannot be rendered: " + e));
      }
    }
  }

  /** Every visible text of a message. */
  static List<String> texts(OutboundMessage message) {
    List<String> texts = new ArrayList<>();
    if (message instanceof TextMessage text) {
      texts.add(text.body());
    } else if (message instanceof ReplyButtonsMessage buttons) {
      texts.addAll(Arrays.asList(buttons.header(), buttons.body(), buttons.footer()));
      buttons.buttons().stream().map(ReplyButton::title).forEach(texts::add);
    } else if (message instanceof ListMessage list) {
      texts.addAll(Arrays.asList(list.header(), list.body(), list.footer(), list.buttonText()));
      for (ListSection section : list.sections()) {
        texts.add(section.title());
        for (ListRow row : section.rows()) {
          texts.add(row.title());
          texts.add(row.description());
        }
      }
    }
    texts.removeIf(Objects::isNull);
    return texts;
  }

}
