package dev.wabots.bot.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
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
