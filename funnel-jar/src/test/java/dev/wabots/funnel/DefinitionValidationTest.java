package dev.wabots.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** One broken definition per rule: each is refused with a problem naming the node and the rule. */
class DefinitionValidationTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void defaultLoadsFromAStringAndAStream() {
    String json = defaultJson().toString();
    assertEquals("ru", FunnelDefinition.parse(json).language());
    assertEquals("ru", FunnelDefinition.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))).language());
  }

  @Test
  void refusesButtonTitleOverTheLimit() {
    assertRefused(d -> ((ObjectNode) d.at("/screens/welcome/buttons/0")).put("title", "Подобрать решение сейчас"),
        "screens.welcome", DefinitionRule.WHATSAPP_LIMIT, "at most 20 characters");
  }

  @Test
  void refusesInteractiveBodyOverTheLimitAfterPlaceholdersAreFilled() {
    assertRefused(d -> ((ObjectNode) d.at("/screens/menu")).put("body", "{price_list}\n" + "ж".repeat(900)),
        "screens.menu", DefinitionRule.WHATSAPP_LIMIT, "interactive.body.text");
  }

  @Test
  void refusesAListWithMoreThanTenRows() {
    assertRefused(d -> {
      ArrayNode sections = (ArrayNode) d.at("/screens/custom_step_3/list/sections");
      ((ObjectNode) sections.get(0)).put("title", "Системы");
      ArrayNode rows = sections.addObject().put("title", "Ещё").putArray("rows");
      for (int i = 0; i < 5; i++) {
        rows.addObject().put("id", "sales:extra_" + i).put("title", "Extra " + i);
      }
    }, "screens.custom_step_3", DefinitionRule.WHATSAPP_LIMIT, "at most 10 rows across all sections, got 11");
  }

  @Test
  void refusesAReplyIdWithoutHandler() {
    assertRefused(d -> ((ObjectNode) d.at("/screens/menu/buttons/1")).put("id", "sales:teleport"),
        "screens.menu.buttons[1].id", DefinitionRule.UNHANDLED_REPLY_ID, "sales:teleport");
  }

  @Test
  void refusesAnOptionKeyMissingFromItsTable() {
    assertRefused(d -> ((ArrayNode) d.at("/gpus")).remove(3),
        "screens.diy_gpu_list.list.sections[0].rows[3].id", DefinitionRule.UNHANDLED_REPLY_ID, "sales:gpu_rtx_40xx");
  }

  @Test
  void refusesAReplyIdWithAnUnknownPrefix() {
    assertRefused(d -> ((ObjectNode) d.at("/screens/menu/buttons/1")).put("id", "shop:contact"),
        "screens.menu.buttons[1].id", DefinitionRule.INVALID_VALUE, "prefix");
  }

  @Test
  void refusesARouteToAMissingScreen() {
    assertRefused(d -> ((ArrayNode) d.at("/routes/sales:basic_demo/send")).set(0, "basic_demo_video"),
        "routes.sales:basic_demo.send[0]", DefinitionRule.MISSING_TARGET, "basic_demo_video");
  }

  @Test
  void refusesAMissingScreenTheEngineSends() {
    assertRefused(d -> ((ObjectNode) d.get("screens")).remove("custom_quote"),
        "screens.custom_quote", DefinitionRule.MISSING_TARGET, "custom_quote");
  }

  @Test
  void refusesPricesThatAreNotPositive() {
    assertRefused(d -> ((ObjectNode) d.at("/prices/int_1c")).put("amount", -1),
        "prices.int_1c.amount", DefinitionRule.NEGATIVE_PRICE, "-1");
    assertRefused(d -> ((ObjectNode) d.at("/prices/turnkey_install")).put("amount", 0),
        "prices.turnkey_install.amount", DefinitionRule.NEGATIVE_PRICE, "positive");
  }

  @Test
  void refusesAMultiplierBelowOne() {
    assertRefused(d -> ((ObjectNode) d.at("/quote/volumes/0")).put("multiplier", 0.9),
        "quote.volumes[0].multiplier", DefinitionRule.INVALID_VALUE, "0.9");
  }

  @Test
  void refusesAnIncompleteSegmentMatrix() {
    assertRefused(d -> ((ObjectNode) d.at("/segments/ready")).remove("cpu"),
        "segments.ready.cpu", DefinitionRule.REQUIRED, "ready x cpu");
  }

  @Test
  void refusesAnUnknownSegmentName() {
    assertRefused(d -> ((ObjectNode) d.at("/segments/diy/gpu")).put("segment", "VIP"),
        "segments.diy.gpu.segment", DefinitionRule.INVALID_VALUE, "VIP");
  }

  @Test
  void refusesDuplicateKeys() {
    assertRefused(d -> ((ObjectNode) d.at("/gpus/1")).put("key", "gtx_16xx"),
        "gpus[1].key", DefinitionRule.DUPLICATE, "gtx_16xx");
  }

  @Test
  void refusesARouteThatShadowsABuiltInHandler() {
    assertRefused(d -> ((ObjectNode) d.get("routes")).putObject("sales:basic_pay").putArray("send").add("menu"),
        "routes.sales:basic_pay", DefinitionRule.DUPLICATE, "built-in");
  }

  @Test
  void refusesAPlaceholderNothingFills() {
    assertRefused(d -> ((ObjectNode) d.at("/screens/contact")).put("body", "Пишите: {telegram}"),
        "screens.contact", DefinitionRule.UNRESOLVED_PLACEHOLDER, "{telegram}");
  }

  @Test
  void refusesAPaymentLabelThatCanOutgrowYooMoney() {
    assertRefused(d -> ((ObjectNode) d.at("/settings/payment")).put("labelFormat", "wabots-order-{instance}-{phone}"),
        "settings.payment.labelFormat", DefinitionRule.INVALID_VALUE, "64");
  }

  @Test
  void refusesMissingTexts() {
    assertRefused(d -> ((ObjectNode) d.at("/faq/sections/1/questions/0")).remove("answer"),
        "faq.sections[1].questions[0].answer", DefinitionRule.REQUIRED, "missing");
  }

  @Test
  void refusesMalformedJsonAndUnknownProperties() {
    InvalidDefinitionException notJson =
        assertThrows(InvalidDefinitionException.class, () -> FunnelDefinition.parse("{\"screens\": ["));
    assertEquals(DefinitionRule.MALFORMED, notJson.problems().get(0).rule());
    ObjectNode typo = defaultJson();
    typo.put("sreens", 1);
    InvalidDefinitionException unknown =
        assertThrows(InvalidDefinitionException.class, () -> FunnelDefinition.parse(typo.toString()));
    assertTrue(unknown.problems().get(0).message().contains("sreens"), unknown.getMessage());
  }

  @Test
  void collectsEveryProblemNotJustTheFirst() {
    ObjectNode broken = defaultJson();
    ((ObjectNode) broken.at("/screens/welcome/buttons/0")).put("title", "x".repeat(21));
    ((ObjectNode) broken.at("/prices/base")).put("amount", -1);
    ((ObjectNode) broken.get("screens")).remove("stale_step");
    ((ObjectNode) broken.at("/screens/menu/buttons/1")).put("id", "sales:nowhere");
    List<DefinitionProblem> problems = FunnelDefinition.read(broken.toString()).validate();
    List<DefinitionRule> rules = problems.stream().map(DefinitionProblem::rule).distinct().toList();
    assertTrue(rules.containsAll(List.of(DefinitionRule.WHATSAPP_LIMIT, DefinitionRule.NEGATIVE_PRICE,
        DefinitionRule.MISSING_TARGET, DefinitionRule.UNHANDLED_REPLY_ID)), problems.toString());
    InvalidDefinitionException e =
        assertThrows(InvalidDefinitionException.class, () -> new FunnelEngine(FunnelDefinition.read(broken.toString())));
    assertEquals(problems, e.problems());
  }

  @Test
  void refusesASchemaOneDefinitionSayingWhatMoved() throws Exception {
    assertRefused(d -> d.put("schemaVersion", 1), "schemaVersion", DefinitionRule.INVALID_VALUE, "business profile");
    String version1 = new String(getClass().getResourceAsStream("definition-v1-ru.json").readAllBytes(),
        StandardCharsets.UTF_8);
    InvalidDefinitionException read = assertThrows(InvalidDefinitionException.class, () -> FunnelDefinition.read(version1));
    assertEquals(List.of(new DefinitionProblem("schemaVersion", DefinitionRule.INVALID_VALUE, DefinitionValidator.VERSION_1)),
        read.problems(), "not 'unrecognized field productName'");
    assertThrows(InvalidDefinitionException.class,
        () -> FunnelDefinition.parse(new ByteArrayInputStream(version1.getBytes(StandardCharsets.UTF_8))));
    InvalidDefinitionException array = assertThrows(InvalidDefinitionException.class, () -> FunnelDefinition.read("[]"));
    assertEquals(DefinitionRule.MALFORMED, array.problems().get(0).rule());
  }

  @Test
  void refusesAFaqSectionOfElevenQuestions() {
    assertRefused(d -> {
      ArrayNode questions = (ArrayNode) d.at("/faq/sections/0/questions");
      for (int i = 0; i < 6; i++) {
        questions.addObject().put("key", "extra_" + i).put("title", "Ещё вопрос " + i).put("answer", "Ответ");
      }
    }, "faq.sections[0]", DefinitionRule.WHATSAPP_LIMIT, "between 1 and 10 items, got 11");
  }

  @Test
  void refusesAnFaqWithoutTheHomeButtonTitle() {
    assertRefused(d -> ((ObjectNode) d.get("faq")).remove("homeTitle"), "faq.homeTitle", DefinitionRule.REQUIRED, "missing");
  }

  @Test
  void refusesARouteThatEndsWithNothingToTap() {
    assertRefused(d -> ((ArrayNode) d.at("/routes/sales:ce_mvp/send")).remove(1),
        "routes.sales:ce_mvp.send", DefinitionRule.DEAD_END, "ce_mvp");
  }

  @Test
  void refusesAClosingScreenWithoutButtons() {
    assertRefused(d -> ((ObjectNode) d.at("/screens/contact")).remove("buttons"),
        "screens.contact", DefinitionRule.DEAD_END, "buttons or a list");
  }

  @Test
  void refusesQuoteItemsAndPaymentsWithoutADeclaredPrice() {
    assertRefused(d -> ((ObjectNode) d.get("prices")).remove("int_phone"),
        "quote.integrations[3].key", DefinitionRule.MISSING_TARGET, "int_phone");
    assertRefused(d -> ((ObjectNode) d.at("/settings/payment")).put("price", "install"),
        "settings.payment.price", DefinitionRule.MISSING_TARGET, "install");
  }

  @Test
  void refusesAPriceATextUsesButNobodyDeclares() {
    assertRefused(d -> ((ObjectNode) d.get("prices")).remove("update"),
        "faq.sections[2].questions[0]", DefinitionRule.UNRESOLVED_PLACEHOLDER, "{update_price}");
  }

  @Test
  void refusesSecretsPricesAndMalformedValuesInTheProfileBlock() {
    assertRefused(d -> ((ObjectNode) d.get("profile")).put("yoomoney_secret", "abc"),
        "profile.yoomoney_secret", DefinitionRule.INVALID_VALUE, "secret");
    assertRefused(d -> ((ObjectNode) d.get("profile")).putObject("prices").put("base", 1),
        "profile.prices", DefinitionRule.INVALID_VALUE, "under 'prices'");
    assertRefused(d -> ((ObjectNode) d.get("profile")).put("contact_email", "sales-at-example"),
        "profile.contact_email", DefinitionRule.INVALID_VALUE, "e-mail");
    assertRefused(d -> ((ObjectNode) d.get("profile")).put("yoomoney_receiver", "4100116075156747"),
        "profile.yoomoney_receiver", DefinitionRule.INVALID_VALUE, "check digits");
    assertRefused(d -> d.remove("profile"), "profile", DefinitionRule.REQUIRED, "missing");
  }

  @Test
  void refusesRouteDataWithoutAnEventAndScreenEventsOfTheWrongForm() {
    assertRefused(d -> ((ObjectNode) d.at("/routes/sales:what_is")).putObject("data").put("action", "x"),
        "routes.sales:what_is.data", DefinitionRule.INVALID_VALUE, "set an event");
    assertRefused(d -> ((ObjectNode) d.at("/screens/basic_checkout")).put("event", "Checkout Started"),
        "screens.basic_checkout.event", DefinitionRule.INVALID_VALUE, "Checkout Started");
  }

  @Test
  void listsScreensNothingSendsWithoutRefusingThem() {
    ObjectNode definition = defaultJson();
    ((ObjectNode) definition.get("screens")).putObject("draft").put("body", "Черновик");
    FunnelDefinition parsed = FunnelDefinition.parse(definition.toString());
    assertEquals(java.util.Set.of("draft"), parsed.unreachableScreens());
  }

  private static void assertRefused(Consumer<ObjectNode> breakIt, String node, DefinitionRule rule, String detail) {
    ObjectNode definition = defaultJson();
    breakIt.accept(definition);
    InvalidDefinitionException e =
        assertThrows(InvalidDefinitionException.class, () -> FunnelDefinition.parse(definition.toString()));
    assertTrue(
        e.problems().stream().anyMatch(p -> p.node().equals(node) && p.rule() == rule && p.message().contains(detail)),
        "expected " + node + " " + rule + " mentioning '" + detail + "', got:\n" + e.getMessage());
  }

  private static ObjectNode defaultJson() {
    try (InputStream in = FunnelDefinition.class.getResourceAsStream("definition-ru.json")) {
      JsonNode tree = MAPPER.readTree(in);
      return (ObjectNode) tree;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
