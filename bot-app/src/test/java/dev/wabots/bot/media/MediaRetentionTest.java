package dev.wabots.bot.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.store.BotDatabase;
import dev.wabots.contract.BotConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaRetentionTest {

  @TempDir Path dir;

  @Test
  void filesOlderThanTheRetentionPeriodAreRemovedAndTheirRowsStay() {
    Configuration configuration = new Configuration();
    configuration.use(new BotConfiguration("keep-bot", "Keep", true, "sandbox", "1", "2", "t", "v", "s", 8003, "v23.0",
        "http://127.0.0.1:1", "http://127.0.0.1:1", "vllm", null, null, null, "ru", false, null, null, null, List.of(),
        List.of(), 5, 5, false, false, false, false, null, null));
    BotDatabase database = new BotDatabase(configuration, null);
    database.openAt(dir.resolve("wa_sales_keep-bot.db"));
    try {
      Instant start = Instant.parse("2026-01-01T10:00:00Z");
      MediaFiles files = database.media();
      files.store("wamid.old", "79000000001", "document", "application/pdf", "old.pdf",
          "%PDF old".getBytes(StandardCharsets.US_ASCII), start);
      files.store("wamid.new", "79000000001", "document", "application/pdf", "new.pdf",
          "%PDF new".getBytes(StandardCharsets.US_ASCII), start.plus(Duration.ofDays(60)));
      Path old = files.folder().resolve(files.of("wamid.old").orElseThrow().path());
      Path young = files.folder().resolve(files.of("wamid.new").orElseThrow().path());
      assertTrue(old.startsWith(dir.resolve("media").resolve("keep-bot")), old.toString());

      MediaRetention retention = new MediaRetention();
      retention.database = database;
      retention.days = 90;
      retention.clock = Clock.fixed(start.plus(Duration.ofDays(89)), ZoneOffset.UTC);
      assertEquals(0, retention.run(), "nothing is 90 days old yet");
      retention.clock = Clock.fixed(start.plus(Duration.ofDays(91)), ZoneOffset.UTC);
      assertEquals(1, retention.run());
      assertFalse(Files.exists(old));
      assertTrue(Files.exists(young));
      Received removed = files.of("wamid.old").orElseThrow();
      assertEquals("removed", removed.state());
      assertEquals("old.pdf", removed.filename(), "what was received is still known");
      assertTrue(files.bytes("wamid.old").isEmpty());
      assertEquals(0, retention.run(), "removed once");
    } finally {
      database.close();
    }
  }
}
