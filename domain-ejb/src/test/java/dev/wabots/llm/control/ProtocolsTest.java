package dev.wabots.llm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.instances.entity.LlmParams;
import dev.wabots.llm.entity.ChatMessage;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Request and answer shapes of the three wire protocols (the HTTP side is covered by AiAndVoiceIT). */
class ProtocolsTest {

  static final Prompt PROMPT = new Prompt("Be brief.",
      List.of(new ChatMessage("user", "Hi"), new ChatMessage("assistant", "Hello!"), new ChatMessage("user", "Price?")),
      new LlmParams(0.4, 300, 0.9));

  @Test
  void openAiPutsTheSystemPromptFirstAndTheParametersAtTopLevel() {
    JsonObject r = OpenAiCompatible.request("qwen2.5-7b", PROMPT);
    assertEquals("qwen2.5-7b", r.getString("model"));
    assertEquals("system", r.getJsonArray("messages").getJsonObject(0).getString("role"));
    assertEquals("Be brief.", r.getJsonArray("messages").getJsonObject(0).getString("content"));
    assertEquals(4, r.getJsonArray("messages").size());
    assertEquals("assistant", r.getJsonArray("messages").getJsonObject(2).getString("role"));
    assertEquals(0.4, r.getJsonNumber("temperature").doubleValue());
    assertEquals(300, r.getInt("max_tokens"));
    assertEquals(0.9, r.getJsonNumber("top_p").doubleValue());
    assertFalse(r.getBoolean("stream"));
    assertFalse(OpenAiCompatible.request("m", new Prompt("s", PROMPT.messages(), LlmParams.DEFAULTS)).containsKey("temperature"));
  }

  @Test
  void openAiAnswerGivesTextModelAndTokensWithoutThinking() {
    Completion c = OpenAiCompatible.answer("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"qwen3\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"<think>price?</think>\\n5 000 ₽\"},"
        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}", "asked");
    assertEquals("5 000 ₽", c.text());
    assertEquals("qwen3", c.model());
    assertEquals(12, c.promptTokens());
    assertEquals(5, c.completionTokens());
    UpstreamFailure empty = assertThrows(UpstreamFailure.class, () -> OpenAiCompatible.answer(
        "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":\"length\"}]}", "m"));
    assertTrue(empty.getMessage().contains("length"));
    assertEquals("first", OpenAiCompatible.firstModel("{\"object\":\"list\",\"data\":[{\"id\":\"first\"},{\"id\":\"second\"}]}"));
    assertNull(OpenAiCompatible.firstModel("{\"object\":\"list\",\"data\":[]}"));
  }

  @Test
  void geminiUsesSystemInstructionModelRoleAndGenerationConfig() {
    JsonObject r = Gemini.request(PROMPT);
    assertEquals("Be brief.", r.getJsonObject("systemInstruction").getJsonArray("parts").getJsonObject(0).getString("text"));
    assertEquals(3, r.getJsonArray("contents").size());
    assertEquals("model", r.getJsonArray("contents").getJsonObject(1).getString("role"));
    assertEquals("Price?", r.getJsonArray("contents").getJsonObject(2).getJsonArray("parts").getJsonObject(0).getString("text"));
    JsonObject config = r.getJsonObject("generationConfig");
    assertEquals(300, config.getInt("maxOutputTokens"));
    assertEquals(0.9, config.getJsonNumber("topP").doubleValue());
    assertFalse(Gemini.request(new Prompt("s", PROMPT.messages(), LlmParams.DEFAULTS)).containsKey("generationConfig"));
    assertEquals("gemini-2.5-flash", Gemini.modelId("models/gemini-2.5-flash"));
  }

  @Test
  void geminiAnswerSkipsThoughtsAndReportsBlockedPrompts() {
    Completion c = Gemini.answer("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"plan\",\"thought\":true},"
        + "{\"text\":\"Hello \"},{\"text\":\"there\"}]},\"finishReason\":\"STOP\"}],"
        + "\"usageMetadata\":{\"promptTokenCount\":7,\"candidatesTokenCount\":2,\"totalTokenCount\":9},\"modelVersion\":\"gemini-2.5-flash\"}", "m");
    assertEquals("Hello there", c.text());
    assertEquals(7, c.promptTokens());
    assertEquals("gemini-2.5-flash", c.model());
    UpstreamFailure blocked = assertThrows(UpstreamFailure.class,
        () -> Gemini.answer("{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}", "m"));
    assertEquals(ErrorKind.BAD_REQUEST, blocked.kind());
  }

  @Test
  void aPhotoGoesWithItsTurnInEachProtocolsOwnShape() {
    ChatMessage.Image photo = new ChatMessage.Image("image/jpeg", "/9j/4AAQ");
    Prompt prompt = new Prompt("s", List.of(new ChatMessage("user", "Такой сервер подойдёт?", photo)), LlmParams.DEFAULTS);
    var openAi = OpenAiCompatible.request("m", prompt).getJsonArray("messages").getJsonObject(1).getJsonArray("content");
    assertEquals("Такой сервер подойдёт?", openAi.getJsonObject(0).getString("text"));
    assertEquals("data:image/jpeg;base64,/9j/4AAQ",
        openAi.getJsonObject(1).getJsonObject("image_url").getString("url"));
    var gemini = Gemini.request(prompt).getJsonArray("contents").getJsonObject(0).getJsonArray("parts");
    assertEquals("Такой сервер подойдёт?", gemini.getJsonObject(0).getString("text"));
    assertEquals("/9j/4AAQ", gemini.getJsonObject(1).getJsonObject("inline_data").getString("data"));
    assertEquals("image/jpeg", gemini.getJsonObject(1).getJsonObject("inline_data").getString("mime_type"));
    var anthropic = Anthropic.request("m", prompt, 1024).getJsonArray("messages").getJsonObject(0).getJsonArray("content");
    assertEquals("base64", anthropic.getJsonObject(0).getJsonObject("source").getString("type"));
    assertEquals("image/jpeg", anthropic.getJsonObject(0).getJsonObject("source").getString("media_type"));
    assertEquals("Такой сервер подойдёт?", anthropic.getJsonObject(1).getString("text"));
    assertEquals("Price?", OpenAiCompatible.request("m", PROMPT).getJsonArray("messages").getJsonObject(3).getString("content"),
        "text turns stay plain strings");
  }

  @Test
  void anthropicPutsTheSystemPromptOnTopAndAlwaysSendsMaxTokens() {
    JsonObject r = Anthropic.request("claude-sonnet-4-5", new Prompt("Be brief.", PROMPT.messages(), new LlmParams(1.7, null, 0.9)), 1024);
    assertEquals("Be brief.", r.getString("system"));
    assertEquals(1024, r.getInt("max_tokens"));
    assertEquals(3, r.getJsonArray("messages").size());
    assertEquals("user", r.getJsonArray("messages").getJsonObject(0).getString("role"));
    assertEquals(1.0, r.getJsonNumber("temperature").doubleValue(), "Anthropic's range ends at 1");
    assertFalse(r.containsKey("top_p"), "not together with temperature");
    JsonObject topOnly = Anthropic.request("m", new Prompt("s", PROMPT.messages(), new LlmParams(null, 50, 0.8)), 1024);
    assertEquals(0.8, topOnly.getJsonNumber("top_p").doubleValue());
    assertEquals(50, topOnly.getInt("max_tokens"));
  }

  @Test
  void anthropicAnswerJoinsTextBlocks() {
    Completion c = Anthropic.answer("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
        + "\"content\":[{\"type\":\"text\",\"text\":\"Hi\"},{\"type\":\"text\",\"text\":\"!\"}],\"stop_reason\":\"end_turn\","
        + "\"usage\":{\"input_tokens\":20,\"output_tokens\":3}}", "m");
    assertEquals("Hi!", c.text());
    assertEquals(20, c.promptTokens());
    assertEquals(3, c.completionTokens());
  }

  @Test
  void normalisesBaseUrlsPastedWithTheirVersion() {
    assertEquals("https://api.deepseek.com", BaseUrls.normalise(dev.wabots.llm.entity.ProviderType.OPENAI_COMPATIBLE, "https://api.deepseek.com/v1/"));
    assertEquals("https://openrouter.ai/api", BaseUrls.normalise(dev.wabots.llm.entity.ProviderType.OPENAI_COMPATIBLE, " https://openrouter.ai/api/v1 "));
    assertEquals("http://127.0.0.1:8000", BaseUrls.normalise(dev.wabots.llm.entity.ProviderType.OPENAI_COMPATIBLE, "http://127.0.0.1:8000"));
    assertEquals("https://generativelanguage.googleapis.com",
        BaseUrls.normalise(dev.wabots.llm.entity.ProviderType.GEMINI, "https://generativelanguage.googleapis.com/v1beta"));
    assertEquals("https://api.anthropic.com", BaseUrls.normalise(dev.wabots.llm.entity.ProviderType.ANTHROPIC, "https://api.anthropic.com/v1"));
    assertTrue(BaseUrls.problem("ftp://x").isPresent());
    assertTrue(BaseUrls.problem("https://user:pw@host").isPresent());
    assertTrue(BaseUrls.problem("https://host/v1?key=1").isPresent());
    assertTrue(BaseUrls.problem("https://api.moonshot.ai/v1").isEmpty());
  }

  @Test
  void cleansThinkingOutOfReplies() {
    assertEquals("Answer", Replies.clean("<think>a\nb</think>\n\nAnswer"));
    assertEquals("Answer", Replies.clean("reasoning without opening tag</think>Answer"));
    assertEquals("Start", Replies.clean("Start <think>cut off by max_tokens"));
    assertEquals("", Replies.clean("<think>only thinking"));
    assertEquals("plain", Replies.clean(" plain "));
  }
}
