package dev.wabots.sandbox.control;

import static dev.wabots.sandbox.control.SpecPatch.add;
import static dev.wabots.sandbox.control.SpecPatch.remove;
import static dev.wabots.sandbox.control.SpecPatch.replace;
import static dev.wabots.sandbox.control.SpecPatch.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Our corrections to Meta's OpenAPI file {@code whatsapp-business-api_v23.0.yaml}, applied in
 * memory before the schemas are compiled; the vendored file is never edited. Unpatched, the file
 * rejects every one of its own send and webhook examples.
 *
 * <p>Each edit carries a one-line reason. Kinds, as prefixes of the reasons: <b>guard</b> (fail
 * fast on another file version), <b>fix</b> (the schema contradicts Meta's docs or examples),
 * <b>collision</b> (Meta's merge of several files left {@code $ref}s pointing at a same-named
 * schema of another API), <b>extend</b> (a documented shape is missing), <b>tighten</b> (a
 * documented rule is missing), <b>dispatch</b> (subtypes hang off a {@code discriminator}, which
 * JSON Schema ignores, so their checks are wired in with {@code if/then}). Values are JSON
 * written with single quotes, which {@link SpecPatch} accepts to keep them readable here.
 */
final class CloudApiSpecPatches {

  private static final String S = "/components/schemas/";

  /** The send schemas of {@code Message.oneOf}, by the {@code type} they carry. */
  private static final Map<String, String> SEND = Map.ofEntries(
      Map.entry("text", "TextMessage"),
      Map.entry("audio", "AudioMessage"),
      Map.entry("document", "DocumentMessage"),
      Map.entry("image", "ImageMessage"),
      Map.entry("location", "LocationMessage"),
      Map.entry("video", "VideoMessage"),
      Map.entry("sticker", "StickerMessage"),
      Map.entry("reaction", "ReactionMessage"),
      Map.entry("interactive", "InteractiveMessage"),
      Map.entry("template", "TemplateMessage"),
      Map.entry("contacts", "ContactsMessage"));

  /**
   * The envelope fields of {@code BaseMessageProperties} (after our {@code
   * biz_opaque_callback_data}), except {@code type}, which each message branch declares itself.
   */
  private static final List<String> ENVELOPE = List.of(
      "messaging_product", "recipient_type", "to", "context", "biz_opaque_callback_data");

  /** Inbound message types whose {@code IncomingMessage} entry points at a send schema. */
  private static final Map<String, String> INBOUND_RETARGET = Map.of(
      "TextMessage", "TextMessage_2",
      "ReactionMessage", "ReactionMessage_1",
      "AudioMessage", "AudioMessage_1",
      "DocumentMessage", "DocumentMessage_1",
      "ImageMessage", "ImageMessage_1",
      "StickerMessage", "StickerMessage_1",
      "VideoMessage", "VideoMessage_1",
      "LocationMessage", "LocationMessage_1");

  /** Every inbound message schema; each must extend the inbound base {from,id,timestamp}. */
  private static final List<String> INBOUND = List.of(
      "TextMessage_2", "ReactionMessage_1", "AudioMessage_1", "DocumentMessage_1",
      "ImageMessage_1", "StickerMessage_1", "VideoMessage_1", "LocationMessage_1",
      "ContactSharingMessage", "UnsupportedMessage", "ButtonMessage", "InteractiveMessageReply",
      "OrderMessage", "SystemMessage");

  private CloudApiSpecPatches() {}

  /** The edits for v23.0, in the order they must be applied. */
  static List<SpecPatch> v23() {
    List<SpecPatch> patches = new ArrayList<>();
    guards(patches);
    sendEnvelope(patches);
    sendContent(patches);
    interactive(patches);
    templates(patches);
    markAsRead(patches);
    webhookCollisions(patches);
    webhookContent(patches);
    return List.copyOf(patches);
  }

  private static void guards(List<SpecPatch> p) {
    p.add(test("/openapi", "'3.1.0'", "guard: the patches are written against OpenAPI 3.1.0"));
    p.add(test("/info/version", "'v23.0'", "guard: the patches are written against Graph v23.0"));
    p.add(test(S + "Message/discriminator/mapping", mappingJson(),
        "guard: the send router follows this type-to-schema mapping"));
  }

  private static String mappingJson() {
    return SEND.entrySet().stream()
        .map(e -> "'" + e.getKey() + "': '#/components/schemas/" + e.getValue() + "'")
        .collect(Collectors.joining(", ", "{", "}"));
  }

  private static void sendEnvelope(List<SpecPatch> p) {
    p.add(add(S + "BaseMessageProperties/properties/biz_opaque_callback_data",
        "{'type':'string','maxLength':512}",
        "extend: documented optional tracking string, echoed in status webhooks"));
    for (String schema : SEND.values()) {
      String branch = S + schema + "/allOf/1";
      if (schema.equals("TemplateMessage")) {
        p.add(add(branch + "/additionalProperties", "false",
            "tighten: no unknown top-level field, as for every other message type"));
      }
      for (String envelope : ENVELOPE) {
        p.add(add(branch + "/properties/" + envelope, "true",
            "fix: this branch's additionalProperties:false rejected the envelope fields declared"
                + " in the sibling allOf branch, so no message could pass"));
      }
      if (!schema.equals("TextMessage")) {
        p.add(add(branch + "/required/-", "'type'",
            "fix: only a text message may omit type (Graph defaults it to text)"));
      }
    }
    p.add(replace(S + "BaseMessageProperties/required", "['messaging_product','to']",
        "fix: recipient_type defaults to individual and type to text; Meta's examples omit both"));
    p.add(add(S + "BaseMessageProperties/properties/messaging_product/const", "'whatsapp'",
        "tighten: the only accepted value"));
    p.add(add(S + "MessageContext/required", "['message_id']",
        "tighten: a reply must name the message it replies to"));
  }

  private static void sendContent(List<SpecPatch> p) {
    String text = S + "TextMessage/allOf/1/properties/text";
    p.add(add(text + "/required", "['body']",
        "tighten: body is required (as in the orphaned TextMessage_1)"));
    p.add(add(text + "/properties/body/maxLength", "4096",
        "tighten: 4096 characters (as in the orphaned TextMessage_1)"));

    String location = S + "LocationMessage/allOf/1/properties/location";
    for (String axis : List.of("latitude", "longitude")) {
      p.add(replace(location + "/properties/" + axis + "/type", "'number'",
          "fix: Meta's docs, its examples and the webhook schema use numbers"));
    }
    p.add(add(location + "/required", "['latitude','longitude']",
        "tighten: documented as required; name and address are optional"));

    p.add(add(S + "ReactionMessage/allOf/1/properties/reaction/required",
        "['message_id','emoji']",
        "tighten: both documented as required (an empty emoji removes the reaction)"));
    p.add(replace(S + "LanguageObject/required", "['code']",
        "fix: policy is optional (deterministic is its only value and the default);"
            + " 8 of Meta's examples omit it"));
    p.add(remove(S + "PhoneObject/properties/type/enum",
        "fix: HOME/WORK is not exhaustive: the docs list CELL, MAIN, IPHONE too and Meta's"
            + " own webhook example sends MOBILE"));
  }

  private static void interactive(List<SpecPatch> p) {
    String action = S + "ActionObject/oneOf/";
    p.add(test(action + "0/required", "['button','sections']", "guard: list action at 0"));
    p.add(test(action + "1/required", "['buttons']", "guard: reply-button action at 1"));
    p.add(test(action + "2/required", "['catalog_id']", "guard: product action at 2"));
    p.add(test(action + "3/properties/name/enum", "['catalog_message']",
        "guard: catalog action at 3"));
    p.add(test(action + "4/properties/name/enum", "['flow']", "guard: flow action at 4"));
    p.add(test(action + "5/properties/name/enum", "['call_permission_request']",
        "guard: call-permission action at 5"));

    String object = S + "InteractiveObject";
    p.add(add(object + "/properties/type/enum/-", "'order_details'",
        "extend: payments message used by Meta's Send Order Details example"));
    p.add(add(object + "/properties/type/enum/-", "'order_status'",
        "extend: payments message used by Meta's Send Order Status example"));
    p.add(replace(object + "/properties/action", "{'type':'object'}",
        "dispatch: the action shape depends on interactive.type (see allOf); a oneOf of all"
            + " shapes accepted a list action on a button message"));
    p.add(add(object + "/allOf", allOf(
        when("button", "{'required': ['body'], 'properties': {'action': "
            + ref("ActionObject/oneOf/1") + "}}"),
        when("list", "{'required': ['body'], 'properties': {"
            + "'header': {'properties': {'type': {'const': 'text'}}},"
            + "'action': {'$ref': '#/components/schemas/ActionObject/oneOf/0',"
            + " 'properties': {'sections': {'items': {'required': ['rows']}}}}}}"),
        when("product", action("{'$ref': '#/components/schemas/ActionObject/oneOf/2',"
            + " 'required': ['product_retailer_id']}")),
        when("product_list", action("{'$ref': '#/components/schemas/ActionObject/oneOf/2',"
            + " 'required': ['sections']}")),
        when("catalog_message", action(ref("ActionObject/oneOf/3"))),
        when("flow", action(ref("ActionObject/oneOf/4"))),
        when("call_permission_request", action(ref("ActionObject/oneOf/5"))),
        when("order_details", action(namedAction("review_and_pay"))),
        when("order_status", action(namedAction("review_order")))),
        "dispatch: each interactive.type gets its own action shape; button and list need a body;"
            + " a list header can only be text and each list section needs rows"));
    p.add(add(S + "HeaderObject/allOf", allOf(
        when("text", "{'required': ['text']}"),
        when("image", "{'required': ['image']}"),
        when("video", "{'required': ['video']}"),
        when("document", "{'required': ['document']}")),
        "tighten: a header carries the field its type names (documented as required)"));
  }

  /** The payments actions: a name and free-form parameters, deliberately unchecked. */
  private static String namedAction(String name) {
    return "{'required': ['name', 'parameters'], 'properties': {'name': {'const': '"
        + name + "'}, 'parameters': {'type': 'object'}}}";
  }

  private static String action(String schema) {
    return "{'properties': {'action': " + schema + "}}";
  }

  private static void templates(List<SpecPatch> p) {
    String index = """
        {"type": ["string", "integer"], "pattern": "^[0-9]$", "minimum": 0, "maximum": 9}""";
    for (String component : List.of("TemplateComponent", "ButtonComponent/allOf/1")) {
      p.add(replace(S + component + "/properties/index", index,
          "fix: the pattern ^[2-6, 11-14]$ is a broken character class that rejects '0';"
              + " buttons are indexed 0-9 and Meta's examples send both '0' and 0"));
      p.add(add(S + component + "/properties/sub_type/enum/-", "'flow'",
          "extend: flow buttons, used by Meta's Send Flow Template example"));
    }
    for (String schema : List.of("TemplateComponent", "ParameterObject", "ButtonParameterObject")) {
      p.add(remove(S + schema + "/discriminator",
          "dispatch: replaced by if/then below; networknt also throws SchemaException from"
              + " validate() when nested discriminators meet the same instance"));
    }
    p.add(replace(S + "TemplateObject/properties/components/items",
        dispatched("TemplateComponent",
            when("header", ref("HeaderComponent")),
            when("body", ref("BodyComponent")),
            when("button", ref("ButtonComponent"))),
        "dispatch: the header/body/button component schemas were only reachable through a"
            + " discriminator, so their rules never ran"));
    String parameters = dispatched("ParameterObject",
        when("currency", ref("CurrencyParameter")),
        when("date_time", ref("DateTimeParameter")),
        when("document", ref("DocumentParameter")),
        when("image", ref("ImageParameter")),
        when("text", ref("TextParameter")),
        when("video", ref("VideoParameter")));
    for (String component : List.of("HeaderComponent", "BodyComponent")) {
      p.add(replace(S + component + "/allOf/1/properties/parameters/items", parameters,
          "dispatch: activates the per-type parameter rules (text <= 32768, currency,"
              + " date_time, media)"));
    }
    p.add(add(S + "ButtonParameterObject/properties/type/enum/-", "'action'",
        "extend: catalog and flow buttons take {type: action, action: {...}}"));
    p.add(replace(S + "ButtonComponent/allOf/1/properties/parameters/items",
        dispatched("ButtonParameterObject",
            when("payload", ref("ButtonPayloadParameter")),
            when("text", ref("ButtonTextParameter")),
            when("action", "{'required': ['action'],"
                + " 'properties': {'action': {'type': 'object'}}}")),
        "dispatch: activates the payload/text button parameter rules; adds the action shape"));
  }

  /** {@code {"$ref": base, "allOf": [cases]}}: the base rules plus those of the matching case. */
  private static String dispatched(String base, String... cases) {
    return "{'$ref': '#/components/schemas/" + base + "', 'allOf': " + allOf(cases) + "}";
  }

  private static String allOf(String... cases) {
    return "[" + String.join(", ", cases) + "]";
  }

  /** {@code if type == value then schema}; an instance without type is left to the base. */
  private static String when(String value, String then) {
    return "{'if': {'required': ['type'], 'properties': {'type': {'const': '"
        + value + "'}}}, 'then': " + then + "}";
  }

  private static String ref(String schema) {
    return "{'$ref': '#/components/schemas/" + schema + "'}";
  }

  private static void markAsRead(List<SpecPatch> p) {
    String payload = S + "MarkMessageRequestPayload";
    p.add(add(payload + "/properties/status/const", "'read'",
        "tighten: the only status this endpoint takes"));
    p.add(add(payload + "/properties/messaging_product/const", "'whatsapp'",
        "tighten: the only accepted value"));
    p.add(add(payload + "/properties/typing_indicator", """
        {"type": "object", "required": ["type"], "additionalProperties": false,
         "properties": {"type": {"const": "text"}}}""",
        "extend: the documented typing indicator, sent with the read receipt"));
    p.add(add(payload + "/additionalProperties", "false",
        "tighten: a read receipt carries nothing else"));
  }

  private static void webhookCollisions(List<SpecPatch> p) {
    String incoming = S + "IncomingMessage";
    List<String> sendNamesInOrder = List.of("TextMessage", "ReactionMessage", "AudioMessage",
        "DocumentMessage", "ImageMessage", "StickerMessage", "VideoMessage", "LocationMessage");
    for (int i = 0; i < sendNamesInOrder.size(); i++) {
      String sendSchema = sendNamesInOrder.get(i);
      retarget(p, incoming + "/oneOf/" + i + "/$ref", sendSchema,
          INBOUND_RETARGET.get(sendSchema),
          "collision: the inbound union pointed at the send schema of the same name");
    }
    SEND.entrySet().stream()
        .filter(e -> INBOUND_RETARGET.containsKey(e.getValue()))
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> retarget(p, incoming + "/discriminator/mapping/" + e.getKey(),
            e.getValue(), INBOUND_RETARGET.get(e.getValue()),
            "collision: the inbound discriminator pointed at the send schema of the same name"));
    for (String schema : INBOUND) {
      retarget(p, S + schema + "/allOf/0/$ref", "BaseMessageProperties",
          "BaseMessageProperties_1",
          "collision: inbound messages extend {from,id,timestamp}, not the send base with its"
              + " required to");
    }
    retarget(p, S + "ContactSharingMessage/allOf/1/properties/contacts/items/$ref",
        "ContactObject", "ContactObject_1",
        "collision: shared contacts use the webhook contact card (free-form phone types)");
    retarget(p, S + "UnsupportedMessage/allOf/1/properties/errors/items/$ref", "ErrorObject",
        "ErrorObject_2",
        "collision: webhook errors are {code,title,message,error_data}, not the Graph error");
  }

  private static void retarget(List<SpecPatch> p, String pointer, String from, String to,
      String reason) {
    p.add(test(pointer, "'#/components/schemas/" + from + "'", "guard: " + reason));
    p.add(replace(pointer, "'#/components/schemas/" + to + "'", reason));
  }

  private static void webhookContent(List<SpecPatch> p) {
    p.add(remove(S + "ContextObject/required",
        "fix: replies carry {from,id}, forwarded messages only forwarded flags;"
            + " referred_product appears only in product enquiries"));
    p.add(replace(S + "LocationMessage_1/allOf/1/properties/location/required",
        "['latitude','longitude']",
        "fix: a shared current location has neither name nor address"));
    p.add(replace(S + "InteractiveListReplyContent/properties/list_reply/required",
        "['id','title']",
        "fix: description is present only when the row had one"));

    String interactive = S + "InteractiveMessageReply/allOf/1/properties/interactive";
    p.add(remove(interactive + "/discriminator",
        "dispatch: replaced by if/then (a discriminator outside oneOf is only an annotation)"));
    p.add(add(interactive + "/properties/type/enum/-", "'nfm_reply'",
        "extend: a WhatsApp Flow response arrives as interactive.nfm_reply"));
    p.add(add(interactive + "/allOf", allOf(
        when("list_reply", ref("InteractiveListReplyContent")),
        when("button_reply", ref("InteractiveButtonReplyContent")),
        when("nfm_reply", "{'required': ['nfm_reply'], 'properties': {'nfm_reply': {"
            + "'type': 'object', 'required': ['response_json'], 'properties': {"
            + "'response_json': {'type': 'string'}, 'body': {'type': 'string'},"
            + " 'name': {'type': 'string'}}}}}")),
        "dispatch: the reply content schemas were only named by the discriminator"));

    p.add(add(S + "Statuses/properties/status/enum/-", "'played'",
        "fix: the documented status of a played voice message"));
    p.add(replace(S + "Groups/properties/timestamp",
        "{'type': ['string', 'integer'], 'pattern': '^[0-9]+$'}",
        "fix: webhook timestamps are digit strings, as in all three of Meta's group examples"));

    String change = S + "Change";
    p.add(test(change + "/properties/value/oneOf", """
        [{"$ref": "#/components/schemas/IncomingMessageValueGeneral"},
         {"$ref": "#/components/schemas/IncomingMessageValueSystem"},
         {"$ref": "#/components/schemas/StatusMessageValue"},
         {"$ref": "#/components/schemas/GroupValue"}]""",
        "guard: the value union moved under then below"));
    p.add(replace(change + "/properties/value", "{'type': 'object'}",
        "fix: Meta sends many more fields (account_update, message_template_status_update, ...)"
            + " than this file describes: check the value only for the fields it knows (if/then)"));
    p.add(remove(change + "/properties/field/enum",
        "fix: other fields are accepted; the known ones are listed in the if below"));
    p.add(add(change + "/if", """
        {"required": ["field"],
         "properties": {"field": {"enum": ["messages", "group_lifecycle_update",
           "group_settings_update", "group_participant_update", "group_participants_update"]}}}""",
        "fix: Meta's example spells group_participants_update in the plural, the file's enum in"
            + " the singular: accept both"));
    p.add(add(change + "/then", """
        {"properties": {"value": {"required": ["messaging_product", "metadata"], "allOf": [
          {"if": {"required": ["statuses"]},
           "then": {"$ref": "#/components/schemas/StatusMessageValue"}},
          {"if": {"required": ["messages", "contacts"]},
           "then": {"$ref": "#/components/schemas/IncomingMessageValueGeneral"}},
          {"if": {"required": ["messages"], "not": {"required": ["contacts"]}},
           "then": {"$ref": "#/components/schemas/IncomingMessageValueSystem"}},
          {"if": {"required": ["groups"]},
           "then": {"$ref": "#/components/schemas/GroupValue"}}]}}}""",
        "dispatch: the value union, for the fields the file describes, chosen by the arrays the"
            + " value carries (a oneOf reported every other branch's missing arrays)"));
  }
}
