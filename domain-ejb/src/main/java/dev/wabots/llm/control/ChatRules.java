package dev.wabots.llm.control;

import dev.wabots.instances.control.InstanceRules;
import dev.wabots.llm.entity.ChatMessage;
import dev.wabots.platform.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * What a bot may send to {@code POST /internal/chat}: the user's phone number and the
 * conversation — user and assistant turns only (the system prompt is the orchestrator's), none
 * empty, ending with the user's, within the size limits. Every broken rule is reported at once.
 */
public final class ChatRules {

  private ChatRules() {}

  /** @param messages as sent; a {@code null} role or content was already reported as a type error */
  public static List<FieldError> check(String phone, List<ChatMessage> messages, ChatLimits limits) {
    List<FieldError> errors = new ArrayList<>();
    if (phone == null || phone.isBlank()) {
      errors.add(new FieldError("phone", "is required"));
    } else if (InstanceRules.phoneDigits(phone) == null) {
      errors.add(new FieldError("phone", "must be a phone number in E.164 form (7-15 digits, country code first)"));
    }
    if (messages == null || messages.isEmpty()) {
      errors.add(new FieldError("messages", "must hold at least one message"));
      return errors;
    }
    if (messages.size() > limits.maxMessages()) {
      errors.add(new FieldError("messages", "must hold at most " + limits.maxMessages() + " messages"));
      return errors;
    }
    long chars = 0;
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage m = messages.get(i);
      String at = "messages[" + i + "]";
      if (m.role() != null && !m.fromUser() && !m.fromAssistant()) {
        errors.add(new FieldError(at + ".role",
            "must be 'user' or 'assistant', not '" + abbreviate(m.role()) + "' (the system prompt is the orchestrator's)"));
      }
      if (m.content() != null && m.content().isBlank()) {
        errors.add(new FieldError(at + ".content", "must not be empty"));
      }
      chars += m.content() == null ? 0 : m.content().length();
    }
    if (chars > limits.maxChars()) {
      errors.add(new FieldError("messages", "must hold at most " + limits.maxChars() + " characters in total, not " + chars));
    }
    ChatMessage last = messages.get(messages.size() - 1);
    if (last.role() != null && last.fromAssistant()) {
      errors.add(new FieldError("messages", "the last message must be the user's"));
    }
    return errors;
  }

  private static String abbreviate(String s) {
    return s.length() > 20 ? s.substring(0, 20) + "…" : s;
  }
}
