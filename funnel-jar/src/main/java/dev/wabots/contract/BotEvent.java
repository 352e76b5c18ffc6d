package dev.wabots.contract;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One conversation event of a bot, numbered in the bot's own order ({@code seq} grows by one per
 * event of a {@link EventBatch#stream()}). Written in the bot's database in the same transaction as
 * the work that caused it, and delivered to the orchestrator in order until acknowledged.
 *
 * @param phone the customer (E.164 digits)
 */
public record BotEvent(long seq, Instant at, String phone, Body body) {

  /** What happened; serialised with {@code "kind"} naming the type. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({
    @JsonSubTypes.Type(MessageIn.class),
    @JsonSubTypes.Type(MessageOut.class),
    @JsonSubTypes.Type(FunnelStep.class),
    @JsonSubTypes.Type(AiFailed.class),
    @JsonSubTypes.Type(HandOff.class),
    @JsonSubTypes.Type(RequirementsDraft.class),
    @JsonSubTypes.Type(Erased.class),
    @JsonSubTypes.Type(Alert.class),
    @JsonSubTypes.Type(MediaReceived.class)
  })
  public sealed interface Body permits MessageIn, MessageOut, FunnelStep, AiFailed, HandOff, RequirementsDraft, Erased,
      Alert, MediaReceived {}

  /**
   * What the bot made of the file of the customer's message {@code wamid} (after its {@link
   * MessageIn}).
   *
   * @param type the media kind ({@code image}, {@code audio}, {@code document} …)
   * @param size bytes, -1 when not known
   * @param state {@code stored} or {@code refused}
   * @param refusal why it was refused ({@code too_large}, {@code wrong_type}, {@code not_what_it_claims},
   *     {@code download_failed}), or null
   * @param transcript a voice note's text, or null
   */
  @JsonTypeName("media_received")
  public record MediaReceived(String wamid, String type, String mimeType, String filename, long size, String state,
      String refusal, String transcript) implements Body {}

  /**
   * The customer wrote.
   *
   * @param name their WhatsApp profile name, if the webhook carried it
   * @param type the WhatsApp message type ({@code text}, {@code interactive}, {@code audio}, …)
   * @param text a text rendering (the body, the tapped button's title, "[voice note]" …)
   * @param payload the message object as Meta delivered it (JSON)
   */
  @JsonTypeName("message_in")
  public record MessageIn(String wamid, String name, String type, String text, String payload) implements Body {}

  /**
   * The bot (or an operator through it) sent a message, accepted by the Graph API.
   *
   * @param text a text rendering, buttons and list rows included, as the customer saw it
   * @param payload the Cloud API request (JSON)
   * @param author {@code bot}, or the operator's username
   */
  @JsonTypeName("message_out")
  public record MessageOut(String wamid, String type, String text, String payload, String author) implements Body {}

  /**
   * A funnel event (the analytics of docs/FUNNEL.md) and where the customer is after it.
   *
   * @param stage the funnel state's code, or null outside a multi-step flow
   * @param customer the customer's answers after the step (what their lead holds)
   */
  @JsonTypeName("funnel_step")
  public record FunnelStep(String event, Map<String, Object> data, String stage, String segment,
      CustomerState customer) implements Body {}

  /** The bot's AI could not answer this customer; they got the polite answer. */
  @JsonTypeName("ai_failed")
  public record AiFailed(String reason) implements Body {}

  /**
   * Who answers the customer changed.
   *
   * @param state {@code bot}, {@code needs_person} or {@code with_person}
   * @param operator the person who took over or handed back, if any
   * @param reason why a person is needed ({@code contact_requested}, {@code asked_for_person},
   *     {@code ai_failed}, {@code too_expensive}, {@code operator}, {@code operator_silent} …)
   */
  @JsonTypeName("hand_off")
  public record HandOff(String state, String operator, String reason) implements Body {}

  /**
   * The requirements document ("ТЗ") the bot's AI drafted from the customer's questionnaire, or
   * why there is none; the customer's lead holds it.
   *
   * @param outcome {@code drafted} (the document went to the customer as a PDF), {@code too_small}
   *     (the AI declined the project as smaller than one sprint; its answer went as text) or {@code
   *     failed} (the AI was unavailable: the answers are kept and a person was asked to send it)
   * @param answers the questionnaire's answers by step key, as the customer gave them (titles, texts)
   * @param document the AI's text, or null when it failed
   * @param summary the short text the customer got with the document (the estimate), or null
   * @param reason why the AI failed, or null
   */
  @JsonTypeName("requirements_draft")
  public record RequirementsDraft(String outcome, Map<String, String> answers, String document, String summary,
      String reason) implements Body {
    public static final String DRAFTED = "drafted";
    public static final String TOO_SMALL = "too_small";
    public static final String FAILED = "failed";

    public RequirementsDraft {
      answers = answers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    }
  }

  /**
   * Trouble of the bot itself, for its owner (not about one customer: {@code phone} is empty).
   *
   * @param kind {@code token_refused} (Meta refused the access token; sending stopped)
   */
  @JsonTypeName("alert")
  public record Alert(String kind, String detail) implements Body {}

  /** Everything about the customer was erased on request; the orchestrator forgets them too. */
  @JsonTypeName("erased")
  public record Erased(String by) implements Body {}
}
