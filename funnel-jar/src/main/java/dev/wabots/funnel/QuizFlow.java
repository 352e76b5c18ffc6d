package dev.wabots.funnel;

import java.util.Map;
import java.util.Optional;

/** The two quiz questions and the segment matrix. */
final class QuizFlow {
  private final DefinitionData data;

  QuizFlow(DefinitionData data) {
    this.data = data;
  }

  void start(Turn turn) {
    turn.state(turn.state().withQuiz(Optional.empty(), Optional.empty()));
    turn.event(FunnelEvent.QUIZ_STARTED);
    turn.screen("quiz_tech");
  }

  void tech(Turn turn, String tech) {
    turn.state(turn.state().withQuiz(Optional.of(tech), Optional.empty()));
    turn.event("quiz_answered", "question", "tech", "answer", tech);
    turn.screen("quiz_infra");
  }

  /** Q2: looks up the cell for (Q1, Q2); without a Q1 answer the user is UNKNOWN. */
  void infra(Turn turn, String infra) {
    Optional<String> tech = turn.state().quizTech();
    DefinitionData.SegmentCell cell =
        tech.map(data.segments()::get)
            .map((Map<String, DefinitionData.SegmentCell> row) -> row.get(infra))
            .orElse(data.unknownSegment());
    Segment segment = Segment.valueOf(cell.segment());
    turn.state(turn.state().withQuiz(tech, Optional.of(infra)).withSegment(segment, cell.subSegment()));
    turn.event(
        FunnelEvent.QUIZ_COMPLETED,
        "tech", tech.orElse(""),
        "infra", infra,
        "segment", segment.name(),
        "sub_segment", cell.subSegment());
    turn.send(turn.messages().intro(cell));
    turn.screen(entryScreen(segment));
  }

  static String entryScreen(Segment segment) {
    switch (segment) {
      case DIY:
        return "diy_gpu_list";
      case CUSTOM:
        return "custom_intro";
      default:
        return "basic_value";
    }
  }
}
