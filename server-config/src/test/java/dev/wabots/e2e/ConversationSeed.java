package dev.wabots.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Conversations and their messages written straight into a running orchestrator's database, the
 * way it stores the bots' events ({@code ConversationEvents}): fixed-width UTC times, the customer's
 * messages with the webhook's message object as payload, the bot's with the Cloud API request
 * (texts, reply buttons, lists), an operator's under their name; the conversation row's summary
 * (last text and direction, last inbound, count, unread) matching its messages. For benchmarks of
 * the pages that only read them: a real bot would take hours to produce 200 000 messages.
 *
 * <p>{@link #conversation} only plans; {@link #close} writes everything in time order — the
 * conversations by their first message, then every message of every conversation interleaved by
 * time, each bot's event numbers rising — so that a long thread's rows lie spread over the table as
 * they would after months of traffic, not side by side.
 */
public final class ConversationSeed implements AutoCloseable {

  private static final String[] NAMES = {"Анна", "Иван Петров", "Ольга", "Сергей", "Мария Иванова", "Дмитрий",
      "Елена", "Алексей", "Наталья", "Михаил", "Татьяна", "Андрей", "ИП Смирнов", "Юлия", "Павел", null};
  private static final String[] GREETINGS = {"Здравствуйте! Хочу бота для WhatsApp", "Добрый день, сколько стоит бот?",
      "Привет", "Здравствуйте, увидел вашу рекламу. Расскажите подробнее", "Добрый вечер! Нужна консультация"};
  private static final String[] TASKS = {
      "Нужно принимать заявки и записывать клиентов на приём, интеграция с Битрикс24.",
      "Интернет-магазин одежды: отвечать на вопросы о размерах и статусе заказа, 200 заказов в день.",
      "Стоматология, две клиники. Запись, напоминания, отмена записи — всё через WhatsApp.",
      "Хотим, чтобы бот принимал оплату и отправлял чек. Сейчас всё вручную, менеджер не успевает.",
      "Служба доставки воды: повторные заказы, адреса, время доставки. Есть 1С."};
  private static final String[] QUESTIONS = {"Есть вопросы", "А сроки какие?", "Можно ли потом доработать?",
      "Спасибо, подумаю", "Какие способы оплаты?"};
  private static final String[] OPERATOR = {
      "Здравствуйте! Это Анна, менеджер. Подскажите удобное время для звонка?",
      "Отправила вам договор на почту, посмотрите, пожалуйста.",
      "Да, доработки возможны в любой момент, *первый месяц — бесплатно*."};

  /** A planned conversation and its messages, oldest first. */
  private record Planned(String bot, String phone, String name, String state, String stage, String segment, int unread,
      List<Msg> messages) {}

  private record Msg(Planned of, boolean in, String author, Instant at, String type, String wamid, String text,
      String payload) {}

  private final Connection db;
  private final Random random;
  private final List<Planned> planned = new ArrayList<>();
  private long wamids;
  private long messages;

  public ConversationSeed(Path data, long randomSeed) throws SQLException {
    db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("secretary.db"));
    try (Statement s = db.createStatement()) {
      s.execute("PRAGMA busy_timeout = 10000");
    }
    db.setAutoCommit(false);
    random = new Random(randomSeed);
  }

  /**
   * Plans a conversation of {@code count} messages whose last one is at {@code lastAt}, a few
   * seconds to ten minutes apart, walking the funnel's questions over and over; {@code state} is
   * {@code bot}, {@code needs_person} or {@code with_person} (then an operator, {@code admin},
   * wrote the last of the bot's side).
   */
  public void conversation(String bot, String phone, String state, Instant lastAt, int count) {
    String name = NAMES[random.nextInt(NAMES.length)];
    String[] stages = {"welcome", "quiz_2", "custom_step_3", "custom_step_5", "quote", "checkout"};
    String[] segments = {"CUSTOM", "DIY", "BASIC", null};
    List<Msg> list = new ArrayList<>(count);
    int unread = "bot".equals(state) ? 0 : 1 + random.nextInt(3);
    Planned p = new Planned(bot, phone, name, state, stages[random.nextInt(stages.length)],
        segments[random.nextInt(segments.length)], unread, list);
    Instant[] times = new Instant[count];
    Instant t = lastAt;
    for (int i = count - 1; i >= 0; i--) {
      times[i] = t;
      t = t.minusSeconds(5 + random.nextInt(600));
    }
    for (int i = 0; i < count; i++) {
      boolean operator = "with_person".equals(state) && i >= count - 3 && i % 2 == 1;
      list.add(operator ? operatorMessage(p, times[i]) : step(p, i % 10, times[i]));
    }
    planned.add(p);
    messages += count;
  }

  /** The funnel's walk, step {@code k} of ten. */
  private Msg step(Planned p, int k, Instant at) {
    String who = p.name() == null ? "" : ", " + p.name();
    return switch (k) {
      case 0 -> inText(p, at, GREETINGS[random.nextInt(GREETINGS.length)]);
      case 1 -> out(p, at, "Меню\nДобрый день" + who + "! Я помогу подобрать решение. Что вас интересует?\n"
              + "Ответьте в любое время\n• Бот под ключ\n• Сделаю сам\n• Готовый бот",
          "{\"type\":\"list\",\"header\":{\"type\":\"text\",\"text\":\"Меню\"},\"body\":{\"text\":"
              + quoted("Добрый день" + who + "! Я помогу подобрать решение. Что вас интересует?")
              + "},\"footer\":{\"text\":\"Ответьте в любое время\"},\"action\":{\"button\":\"Выбрать\",\"sections\":[{"
              + "\"title\":\"Услуги\",\"rows\":[{\"id\":\"seg_custom\",\"title\":\"Бот под ключ\",\"description\":"
              + "\"Разработка под вашу задачу\"},{\"id\":\"seg_diy\",\"title\":\"Сделаю сам\",\"description\":"
              + "\"Конструктор и инструкции\"},{\"id\":\"seg_basic\",\"title\":\"Готовый бот\",\"description\":"
              + "\"Базовый тариф\"}]}]}}", "interactive");
      case 2 -> inReply(p, at, "list_reply", "seg_custom", "Бот под ключ", "Разработка под вашу задачу");
      case 3 -> out(p, at, "Сколько сообщений в день вы ожидаете?\n[До 100] [100–1000] [Больше 1000]",
          "{\"type\":\"button\",\"body\":{\"text\":\"Сколько сообщений в день вы ожидаете?\"},\"action\":{\"buttons\":["
              + "{\"type\":\"reply\",\"reply\":{\"id\":\"vol_low\",\"title\":\"До 100\"}},"
              + "{\"type\":\"reply\",\"reply\":{\"id\":\"vol_mid\",\"title\":\"100–1000\"}},"
              + "{\"type\":\"reply\",\"reply\":{\"id\":\"vol_high\",\"title\":\"Больше 1000\"}}]}}", "interactive");
      case 4 -> inReply(p, at, "button_reply", "vol_mid", "100–1000", null);
      case 5 -> outText(p, at, "Понял. Расскажите, пожалуйста, какую задачу должен решать бот?");
      case 6 -> inText(p, at, TASKS[random.nextInt(TASKS.length)]);
      case 7 -> out(p, at, "Предварительная оценка: от 50 000 до 80 000 ₽. Оформить заявку?\n[Да, оформить] [Есть вопросы]",
          "{\"type\":\"button\",\"body\":{\"text\":\"Предварительная оценка: от 50 000 до 80 000 ₽. Оформить заявку?\"},"
              + "\"action\":{\"buttons\":[{\"type\":\"reply\",\"reply\":{\"id\":\"checkout\",\"title\":\"Да, оформить\"}},"
              + "{\"type\":\"reply\",\"reply\":{\"id\":\"questions\",\"title\":\"Есть вопросы\"}}]}}", "interactive");
      case 8 -> inText(p, at, QUESTIONS[random.nextInt(QUESTIONS.length)]);
      default -> outText(p, at, "Конечно! Менеджер свяжется с вами в течение рабочего дня. *Спасибо* за обращение.");
    };
  }

  private Msg inText(Planned p, Instant at, String text) {
    String wamid = wamid();
    return new Msg(p, true, "customer", at, "text", wamid, text, inbound(p, at, wamid, "\"type\":\"text\",\"text\":{\"body\":"
        + quoted(text) + "}"));
  }

  private Msg inReply(Planned p, Instant at, String kind, String id, String title, String description) {
    String wamid = wamid();
    return new Msg(p, true, "customer", at, "interactive", wamid, "→ " + title, inbound(p, at, wamid,
        "\"type\":\"interactive\",\"interactive\":{\"type\":\"" + kind + "\",\"" + kind + "\":{\"id\":\"" + id
            + "\",\"title\":" + quoted(title) + (description == null ? "" : ",\"description\":" + quoted(description))
            + "}}"));
  }

  /** The message object as Meta delivers it (what the bot records as the payload). */
  private static String inbound(Planned p, Instant at, String wamid, String content) {
    return "{\"from\":\"" + p.phone() + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + at.getEpochSecond() + "\","
        + content + "}";
  }

  private Msg outText(Planned p, Instant at, String text) {
    return new Msg(p, false, "bot", at, "text", wamid(), text, request(p, "text", "\"text\":{\"body\":" + quoted(text)
        + "}"));
  }

  private Msg out(Planned p, Instant at, String text, String interactive, String type) {
    return new Msg(p, false, "bot", at, type, wamid(), text, request(p, type, "\"interactive\":" + interactive));
  }

  private Msg operatorMessage(Planned p, Instant at) {
    String text = OPERATOR[random.nextInt(OPERATOR.length)];
    return new Msg(p, false, "admin", at, "text", wamid(), text, request(p, "text", "\"text\":{\"body\":"
        + quoted(text) + "}"));
  }

  /** The Cloud API request the bot sent. */
  private static String request(Planned p, String type, String content) {
    return "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"" + p.phone()
        + "\",\"type\":\"" + type + "\"," + content + "}";
  }

  private String wamid() {
    return "wamid.HBgLNzkwMDAwMDAwMDAVAgASGBQz" + Long.toString(++wamids, 36).toUpperCase(java.util.Locale.ROOT);
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  /** Messages planned so far. */
  public long messages() {
    return messages;
  }

  /** Writes what was planned: conversations by their first message, then all messages by time. */
  @Override
  public void close() throws SQLException {
    try {
      write();
      db.commit();
    } finally {
      db.close();
    }
  }

  private void write() throws SQLException {
    planned.sort(Comparator.comparing(p -> p.messages().get(0).at()));
    // By identity: a plan's record equality would compare its messages, which point back at it.
    Map<Planned, Long> ids = new java.util.IdentityHashMap<>();
    try (PreparedStatement c = db.prepareStatement("INSERT INTO conversations (bot_id, phone, name, state, operator,"
        + " reason, needs_person_since, stage, segment, sandbox, last_message_at, last_text, last_direction,"
        + " last_inbound_at, unread, message_count, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      for (Planned p : planned) {
        List<Msg> m = p.messages();
        Msg last = m.get(m.size() - 1);
        Instant lastIn = null;
        for (int i = m.size() - 1; i >= 0 && lastIn == null; i--) {
          lastIn = m.get(i).in() ? m.get(i).at() : null;
        }
        c.setString(1, p.bot());
        c.setString(2, p.phone());
        c.setString(3, p.name());
        c.setString(4, p.state());
        c.setString(5, "with_person".equals(p.state()) ? "admin" : null);
        c.setString(6, "bot".equals(p.state()) ? null : "with_person".equals(p.state()) ? "operator" : "customer_asked");
        c.setString(7, "needs_person".equals(p.state()) ? LeadSeed.FIXED.format(last.at().minusSeconds(120)) : null);
        c.setString(8, p.stage());
        c.setString(9, p.segment());
        c.setString(10, LeadSeed.FIXED.format(last.at()));
        c.setString(11, last.text().length() > 300 ? last.text().substring(0, 300) + "…" : last.text());
        c.setString(12, last.in() ? "in" : "out");
        c.setString(13, lastIn == null ? null : LeadSeed.FIXED.format(lastIn));
        c.setInt(14, p.unread());
        c.setLong(15, m.size());
        c.setString(16, LeadSeed.FIXED.format(m.get(0).at()));
        c.executeUpdate();
        try (var keys = c.getGeneratedKeys()) {
          keys.next();
          ids.put(p, keys.getLong(1));
        }
      }
    }
    db.commit();
    List<Msg> all = new ArrayList<>((int) messages);
    planned.forEach(p -> all.addAll(p.messages()));
    all.sort(Comparator.comparing(Msg::at));
    Map<String, Long> seqs = new HashMap<>();
    try (PreparedStatement m = db.prepareStatement("INSERT INTO conversation_messages (conversation_id, event_seq,"
        + " direction, author, at, type, wamid, text, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      long pending = 0;
      for (Msg msg : all) {
        m.setLong(1, ids.get(msg.of()));
        // Each message is one event of its bot's stream, between the funnel steps it also publishes.
        m.setLong(2, seqs.merge(msg.of().bot(), 2L, Long::sum));
        m.setString(3, msg.in() ? "in" : "out");
        m.setString(4, msg.author());
        m.setString(5, LeadSeed.FIXED.format(msg.at()));
        m.setString(6, msg.type());
        m.setString(7, msg.wamid());
        m.setString(8, msg.text());
        m.setString(9, msg.payload());
        m.addBatch();
        if (++pending % 1000 == 0) {
          m.executeBatch();
        }
        if (pending % 20_000 == 0) {
          db.commit();
        }
      }
      m.executeBatch();
    }
    db.commit();
  }
}
