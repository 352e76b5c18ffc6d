package dev.wabots.contract;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * {@code POST /internal/commands} on a bot (the orchestrator's command secret): something a person
 * asked the bot to do for one customer. The bot answers with a {@link CommandResult}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(BotCommand.TakeOver.class),
  @JsonSubTypes.Type(BotCommand.HandBack.class),
  @JsonSubTypes.Type(BotCommand.Reply.class),
  @JsonSubTypes.Type(BotCommand.SendTemplate.class),
  @JsonSubTypes.Type(BotCommand.Erase.class),
  @JsonSubTypes.Type(BotCommand.PaymentReceived.class),
  @JsonSubTypes.Type(BotCommand.ShowScreen.class)
})
public sealed interface BotCommand {

  /** The customer. */
  String phone();

  /** The person who asked. */
  String operator();

  /** The bot stops answering the customer until handed back. */
  @JsonTypeName("take_over")
  record TakeOver(String phone, String operator) implements BotCommand {}

  /** The bot answers the customer again (greeting them back with the menu). */
  @JsonTypeName("hand_back")
  record HandBack(String phone, String operator, String reason) implements BotCommand {}

  /** Free text from the operator, inside the 24-hour window. */
  @JsonTypeName("reply")
  record Reply(String phone, String operator, String text) implements BotCommand {}

  /** An approved template (any time). */
  @JsonTypeName("send_template")
  record SendTemplate(String phone, String operator, String name, String language, List<String> parameters)
      implements BotCommand {
    public SendTemplate {
      parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }
  }

  /** Forget everything about the customer (messages, funnel data, AI history). */
  @JsonTypeName("erase")
  record Erase(String phone, String operator) implements BotCommand {}

  /**
   * The customer's payment arrived: the bot sends the definition's {@code payment_received}
   * screen, once per {@code operationId} however often the command comes.
   *
   * @param amount what the customer paid, in rubles ("5000.00")
   * @param operationId the payment system's id of the payment
   */
  @JsonTypeName("payment_received")
  record PaymentReceived(String phone, String operator, String amount, String operationId) implements BotCommand {}

  /**
   * The bot sends one screen of its funnel definition to the customer, as the funnel would (the
   * panel's "Try it": the test chat opens on that screen). Refused outside the 24-hour window and
   * for screens that need values only a conversation has (such as the payment link).
   *
   * @param screen the screen's key in the definition
   */
  @JsonTypeName("show_screen")
  record ShowScreen(String phone, String operator, String screen) implements BotCommand {}
}
