package dev.wabots.funnel.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wabots.funnel.Discovery;
import dev.wabots.funnel.FunnelState;
import dev.wabots.funnel.Requirements;
import dev.wabots.funnel.Segment;
import dev.wabots.funnel.UserState;
import dev.wabots.whatsapp.PhoneNumber;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps {@code users}, {@code custom_discovery} and {@code requirements} rows to and from {@link UserState}. */
final class Rows {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {};

  static final String SELECT_USER =
      "SELECT u.user_id, u.profile_name, u.segment, u.sub_segment, u.quiz_tech, u.quiz_infra,"
          + " u.funnel_state, u.funnel_completed, u.created_at, u.last_activity,"
          + " d.user_id AS d_user, d.step_1_task, d.step_2_volume, d.step_3_integrations,"
          + " d.step_4_timeline, d.step_5_budget, d.completed, d.created_at AS d_created,"
          + " d.updated_at AS d_updated,"
          + " r.user_id AS r_user, r.answers, r.completed AS r_completed, r.created_at AS r_created,"
          + " r.updated_at AS r_updated"
          + " FROM users u LEFT JOIN custom_discovery d ON d.user_id = u.user_id"
          + " LEFT JOIN requirements r ON r.user_id = u.user_id WHERE u.user_id = ?";

  static final String UPSERT_REQUIREMENTS =
      "INSERT INTO requirements (user_id, answers, completed, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"
          + " ON CONFLICT (user_id) DO UPDATE SET answers = excluded.answers, completed = excluded.completed,"
          + " created_at = excluded.created_at, updated_at = excluded.updated_at";

  static final String DELETE_REQUIREMENTS = "DELETE FROM requirements WHERE user_id = ?";

  static final String UPSERT_USER =
      "INSERT INTO users (user_id, profile_name, segment, sub_segment, quiz_tech, quiz_infra,"
          + " funnel_state, funnel_completed, created_at, last_activity)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (user_id) DO UPDATE SET profile_name = excluded.profile_name,"
          + " segment = excluded.segment, sub_segment = excluded.sub_segment,"
          + " quiz_tech = excluded.quiz_tech, quiz_infra = excluded.quiz_infra,"
          + " funnel_state = excluded.funnel_state, funnel_completed = excluded.funnel_completed,"
          + " last_activity = excluded.last_activity";

  static final String UPSERT_DISCOVERY =
      "INSERT INTO custom_discovery (user_id, step_1_task, step_2_volume, step_3_integrations,"
          + " step_4_timeline, step_5_budget, completed, created_at, updated_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (user_id) DO UPDATE SET step_1_task = excluded.step_1_task,"
          + " step_2_volume = excluded.step_2_volume, step_3_integrations = excluded.step_3_integrations,"
          + " step_4_timeline = excluded.step_4_timeline, step_5_budget = excluded.step_5_budget,"
          + " completed = excluded.completed, created_at = excluded.created_at,"
          + " updated_at = excluded.updated_at";

  static final String DELETE_DISCOVERY = "DELETE FROM custom_discovery WHERE user_id = ?";

  static final String INSERT_EVENT =
      "INSERT INTO events (user_id, event_type, event_data, created_at) VALUES (?, ?, ?, ?)";

  private Rows() {}

  static String time(Instant instant) {
    return Timestamps.format(instant);
  }

  /** Reads a row of {@link #SELECT_USER} (columns by position, in its order). */
  static UserState user(Row row) {
    return new UserState(
        new PhoneNumber(row.text(1)),
        row.optionalText(2),
        row.optionalText(3).map(Rows::segment),
        row.optionalText(4),
        row.optionalText(5),
        row.optionalText(6),
        row.optionalText(7).flatMap(FunnelState::fromCode),
        row.flag(8),
        Timestamps.parse(row.text(9)),
        Timestamps.parse(row.text(10)),
        row.isNull(11) ? Optional.empty() : Optional.of(discovery(row)),
        row.isNull(20) ? Optional.empty() : Optional.of(requirements(row)));
  }

  private static Requirements requirements(Row row) {
    return new Requirements(readMap(row.text(21)), row.flag(22), Timestamps.parse(row.text(23)),
        Timestamps.parse(row.text(24)));
  }

  static Object[] requirementsParams(PhoneNumber phone, Requirements requirements) {
    return new Object[] {
      phone.digits(),
      json(requirements.answers()),
      requirements.completed() ? 1 : 0,
      time(requirements.createdAt()),
      time(requirements.updatedAt())
    };
  }

  private static Map<String, String> readMap(String json) {
    try {
      return json == null ? Map.of() : JSON.readValue(json, STRING_MAP);
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }

  private static Discovery discovery(Row row) {
    return new Discovery(
        row.optionalText(12),
        row.optionalText(13),
        readList(row.text(14)),
        row.optionalText(15),
        row.optionalText(16),
        row.flag(17),
        Timestamps.parse(row.text(18)),
        Timestamps.parse(row.text(19)));
  }

  static Object[] userParams(UserState user) {
    return new Object[] {
      user.phone().digits(),
      user.profileName().orElse(null),
      user.segment().map(Segment::name).orElse(null),
      user.subSegment().orElse(null),
      user.quizTech().orElse(null),
      user.quizInfra().orElse(null),
      user.funnelState().map(FunnelState::code).orElse(null),
      user.funnelCompleted() ? 1 : 0,
      time(user.createdAt()),
      time(user.lastActivity())
    };
  }

  static Object[] discoveryParams(PhoneNumber phone, Discovery discovery) {
    return new Object[] {
      phone.digits(),
      discovery.task().orElse(null),
      discovery.volume().orElse(null),
      json(discovery.integrations()),
      discovery.timeline().orElse(null),
      discovery.budget().orElse(null),
      discovery.completed() ? 1 : 0,
      time(discovery.createdAt()),
      time(discovery.updatedAt())
    };
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serialisable as JSON: " + value, e);
    }
  }

  private static List<String> readList(String json) {
    try {
      return json == null ? List.of() : JSON.readValue(json, STRINGS).stream().distinct().toList();
    } catch (JsonProcessingException e) {
      return List.of();
    }
  }

  /** A stored segment; an unknown value (edited by hand, newer version) reads as UNKNOWN. */
  private static Segment segment(String value) {
    try {
      return Segment.valueOf(value);
    } catch (IllegalArgumentException e) {
      return Segment.UNKNOWN;
    }
  }
}
