package dev.wabots.funnel;

/** FAQ navigation: menu, sections, answers and the way back. */
final class FaqFlow {
  private final DefinitionData data;

  FaqFlow(DefinitionData data) {
    this.data = data;
  }

  void menu(Turn turn) {
    turn.event("faq_opened");
    turn.screen("faq_menu");
  }

  void section(Turn turn, String key) {
    DefinitionData.FaqSection section =
        data.faq().sections().stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
    turn.send(turn.messages().faqSection(section));
  }

  void answer(Turn turn, String key) {
    DefinitionData.FaqSection section = turn.messages().faqSectionOf(key).orElseThrow();
    DefinitionData.FaqQuestion question =
        section.questions().stream().filter(q -> q.key().equals(key)).findFirst().orElseThrow();
    turn.event("faq_viewed", "question", key);
    turn.send(turn.messages().faqAnswer(section, question));
  }
}
