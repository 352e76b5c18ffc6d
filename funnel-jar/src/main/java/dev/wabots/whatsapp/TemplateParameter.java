package dev.wabots.whatsapp;

import java.time.LocalDateTime;

/** One parameter value of a {@link TemplateComponent}. */
public sealed interface TemplateParameter {

  /** A text value (at most 32768 characters). */
  record Text(String text) implements TemplateParameter {
    /** @throws LimitViolationException if blank or too long */
    public Text {
      Checks.required("parameters[].text", text, CloudApiLimits.TEMPLATE_TEXT_PARAMETER);
    }
  }

  /**
   * A currency value, localised by WhatsApp.
   *
   * @param fallbackValue the text shown when localisation fails
   * @param code ISO 4217 code, e.g. {@code RUB}
   * @param amount1000 the amount multiplied by 1000
   */
  record Currency(String fallbackValue, String code, long amount1000) implements TemplateParameter {
    /** @throws LimitViolationException if the fallback or code is blank */
    public Currency {
      Checks.required("parameters[].currency.fallback_value", fallbackValue, 1024);
      Checks.required("parameters[].currency.code", code, 3);
    }
  }

  /**
   * A date-time value.
   *
   * @param fallbackValue the text shown when localisation fails
   * @param at the calendar value sent with it (Gregorian), or null to send the fallback only
   */
  record DateTime(String fallbackValue, LocalDateTime at) implements TemplateParameter {
    /** @throws LimitViolationException if the fallback is blank */
    public DateTime {
      Checks.required("parameters[].date_time.fallback_value", fallbackValue, 1024);
    }
  }

  /**
   * An image for a media header, by public link or uploaded media id (exactly one).
   *
   * @param link public http(s) URL, or null
   * @param mediaId uploaded media id, or null
   */
  record Image(String link, String mediaId) implements TemplateParameter {
    /** @throws LimitViolationException unless exactly one of link and media id is given */
    public Image {
      if ((link == null) == (mediaId == null)) {
        throw new LimitViolationException(
            "parameters[].image", "exactly one of image.link and image.id", link + " / " + mediaId);
      }
      if (link != null) {
        Checks.httpUrl("parameters[].image.link", link);
      } else {
        Checks.required("parameters[].image.id", mediaId, Integer.MAX_VALUE);
      }
    }
  }

  /** The payload returned in the webhook when a template quick-reply button is tapped. */
  record Payload(String payload) implements TemplateParameter {
    /** @throws LimitViolationException if blank */
    public Payload {
      Checks.required("parameters[].payload", payload, CloudApiLimits.BUTTON_ID);
    }
  }
}
