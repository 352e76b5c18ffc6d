package dev.wabots.funnel.bench;

import dev.wabots.funnel.BotInstanceId;
import dev.wabots.funnel.Funnel;
import dev.wabots.funnel.FunnelDefinition;
import dev.wabots.funnel.FunnelEngine;
import dev.wabots.funnel.FunnelInput;
import dev.wabots.funnel.FunnelReply;
import dev.wabots.funnel.UserState;
import dev.wabots.funnel.store.SqliteFunnelStore;
import dev.wabots.whatsapp.PhoneNumber;
import dev.wabots.whatsapp.ReplyId;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Throughput of one funnel step including the SQLite write: {@link Funnel#handle} = load the
 * user's row (+ discovery) → run the engine → upsert user and discovery, insert the events, commit
 * (WAL, synchronous=NORMAL). Single thread, 1 000 users cycling through a realistic 24-step
 * conversation (quiz, GPU audit, payment link, custom discovery with quote, FAQ, AI fallback).
 *
 * <p>Not a test: run {@code funnel-jar/bench.sh [repetitions] [events per repetition]}.
 */
public final class FunnelStepBenchmark {
  private static final List<FunnelInput> SCRIPT =
      List.of(
          text("Привет"), tap("sales:start_quiz"), tap("sales:qt_diy"), tap("sales:qi_gpu"),
          tap("sales:gpu_rtx_30xx_low"), tap("sales:diy_install_5k"), tap("sales:basic_pay"),
          tap("sales:start_quiz"), tap("sales:qt_business"), tap("sales:qi_cpu"), tap("sales:custom_start"),
          text("Интернет-магазин, ответы о доставке и заказы в Битрикс24"), tap("sales:cv_vol_high"),
          tap("sales:ci_int_bitrix"), tap("sales:ci_more"), tap("sales:ci_int_phone"), tap("sales:ci_done"),
          tap("sales:ct_time_month"), tap("sales:cb_budget_200"), tap("sales:faq"), tap("faq:cat_install"),
          tap("faq:hardware"), text("А на ноутбуке пойдёт?"), tap("sales:contact"));
  private static final int USERS = 1_000;

  private FunnelStepBenchmark() {}

  public static void main(String[] args) throws IOException {
    int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    Path dir = Files.createTempDirectory("funnel-bench");
    try (SqliteFunnelStore store = SqliteFunnelStore.open(dir.resolve("wa_sales_bench.db"))) {
      Funnel funnel = new Funnel(new FunnelEngine(FunnelDefinition.load("ru")), store, new BotInstanceId("bench"),
          Clock.systemUTC());
      PhoneNumber[] phones = new PhoneNumber[USERS];
      for (int i = 0; i < USERS; i++) {
        phones[i] = new PhoneNumber("7900" + (1_000_000 + i));
      }
      long[] counter = {0};
      run(funnel, phones, counter, events, new long[events]); // warm-up: JIT, statement cache, file growth
      double[] throughput = new double[repetitions];
      double[] perCpuSecond = new double[repetitions];
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      System.out.printf("funnel step incl. SQLite write, 1 thread, %d users, %d events per repetition%n", USERS, events);
      for (int r = 0; r < repetitions; r++) {
        long[] latencies = new long[events];
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long elapsed = run(funnel, phones, counter, events, latencies);
        long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
        throughput[r] = events / (elapsed / 1e9);
        perCpuSecond[r] = events / (cpu / 1e9);
        Arrays.sort(latencies);
        System.out.printf("  repetition %d: %,.0f events/s wall, %,.0f events per CPU-second"
                + "  (p50 %.1f µs, p99 %.1f µs, max %.1f µs)%n",
            r + 1, throughput[r], perCpuSecond[r], latencies[events / 2] / 1e3,
            latencies[events * 99 / 100] / 1e3, latencies[events - 1] / 1e3);
      }
      System.out.printf("median %s events/s wall; median %s events per CPU-second (user+sys of the thread)%n",
          summary(throughput), summary(perCpuSecond));
      engineOnly(phones, events, repetitions);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** "median (min–max)" of the values. */
  private static String summary(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return String.format("%,.0f (min %,.0f, max %,.0f)", sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
  }

  /** For comparison: the pure engine step on in-memory state, no store. */
  private static void engineOnly(PhoneNumber[] phones, int events, int repetitions) {
    FunnelEngine engine = new FunnelEngine(FunnelDefinition.load("ru"));
    BotInstanceId bot = new BotInstanceId("bench");
    java.util.Map<PhoneNumber, UserState> states = new java.util.HashMap<>();
    long n = 0;
    double[] throughput = new double[repetitions + 1];
    for (int r = 0; r <= repetitions; r++) { // repetition 0 is the warm-up
      long start = System.nanoTime();
      for (int i = 0; i < events; i++, n++) {
        PhoneNumber phone = phones[(int) (n % USERS)];
        FunnelInput input = SCRIPT.get((int) ((n / USERS) % SCRIPT.size()));
        java.time.Instant now = java.time.Instant.now();
        UserState state = states.computeIfAbsent(phone, p -> UserState.newUser(p, now));
        states.put(phone, engine.step(state, input, bot, now).state());
      }
      throughput[r] = events / ((System.nanoTime() - start) / 1e9);
    }
    double[] measured = Arrays.copyOfRange(throughput, 1, throughput.length);
    Arrays.sort(measured);
    System.out.printf("engine step alone (no store): median %,.0f events/s, min %,.0f, max %,.0f%n",
        measured[repetitions / 2], measured[0], measured[repetitions - 1]);
  }

  /** Runs {@code events} steps; returns the elapsed nanoseconds. */
  private static long run(Funnel funnel, PhoneNumber[] phones, long[] counter, int events, long[] latencies) {
    List<FunnelReply> sink = new ArrayList<>(1);
    long start = System.nanoTime();
    for (int i = 0; i < events; i++) {
      long n = counter[0]++;
      PhoneNumber phone = phones[(int) (n % USERS)];
      FunnelInput input = SCRIPT.get((int) ((n / USERS) % SCRIPT.size()));
      long before = System.nanoTime();
      FunnelReply reply = funnel.handle(phone, "Пользователь", input);
      latencies[i] = System.nanoTime() - before;
      if (reply.messages().isEmpty() && !reply.needsAi()) {
        throw new IllegalStateException("no answer to " + input + " from " + phone);
      }
      sink.clear();
      sink.add(reply);
    }
    return System.nanoTime() - start;
  }

  private static FunnelInput text(String text) {
    return new FunnelInput.Text(text);
  }

  private static FunnelInput tap(String id) {
    return new FunnelInput.Reply(ReplyId.of(id));
  }
}
