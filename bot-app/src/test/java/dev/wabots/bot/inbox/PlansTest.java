package dev.wabots.bot.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wabots.funnel.DraftRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlansTest {

  @Test
  void aPlanReadsBackAsTheSameTypedSteps() {
    List<Reply> plan = List.of(new Reply.Send("text", "{\"messaging_product\":\"whatsapp\",\"type\":\"text\"}"),
        new Reply.AskAi("сколько стоит?"), new Reply.VoiceNote("ответ"));
    assertEquals(plan, Plans.decode(Plans.encode(plan)));
    assertEquals(List.of(), Plans.decode(null));
  }

  @Test
  void aDraftRequestReadsBackWithItsAnswersInOrder() {
    Map<String, String> answers = new LinkedHashMap<>();
    answers.put("type", "telegram");
    answers.put("description", "Бот записи");
    answers.put("budget", "100");
    DraftRequest request = new DraftRequest(answers, Map.of("type", "Telegram-бот"), "+79001234567", "Правила",
        "Требования", "ПРОЕКТ СЛИШКОМ МАЛ", "tz_result", "tz_result_small", "tz_failed");
    List<Reply> decoded = Plans.decode(Plans.encode(List.of(new Reply.Draft(request))));
    assertEquals(List.of(new Reply.Draft(request)), decoded);
    assertEquals(List.of("type", "description", "budget"),
        List.copyOf(((Reply.Draft) decoded.get(0)).request().answers().keySet()));
  }

  @Test
  void plansOfEarlierBuildsAreStillRead() {
    String legacy = "[\"{\\\"type\\\":\\\"interactive\\\",\\\"to\\\":\\\"7900\\\"}\",\"@ai:цена?\",\"@voice:ответ\"]";
    assertEquals(List.of(new Reply.Send("interactive", "{\"type\":\"interactive\",\"to\":\"7900\"}"),
        new Reply.AskAi("цена?"), new Reply.VoiceNote("ответ")), Plans.decode(legacy));
  }

  @Test
  void aDamagedPlanIsRefusedWithTheReason() {
    assertThrows(IllegalArgumentException.class, () -> Plans.decode("{"));
    assertThrows(IllegalArgumentException.class, () -> Plans.decode("{}"));
    assertThrows(IllegalArgumentException.class, () -> Plans.decode("[{\"what\":1}]"));
  }
}
