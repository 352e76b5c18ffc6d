package dev.wabots.processes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.platform.Conflict;
import dev.wabots.platform.Invalid;
import dev.wabots.processes.entity.ProcessState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The supervisor's rules with a fake launcher: no processes, no ports, fast clocks. */
class SupervisorTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final FakeLauncher launcher = new FakeLauncher();
  private final FakeEnvironment environment = new FakeEnvironment();
  private final Set<String> readyAt = ConcurrentHashMap.newKeySet();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private Supervisor supervisor(Duration readyTimeout, Duration deployGrace) {
    return new Supervisor(launcher, scheduler, readyAt::contains, environment,
        new Supervisor.Settings(readyTimeout, deployGrace, Duration.ofMillis(100), 2, Duration.ofMillis(20),
            Duration.ofMillis(10)),
        "http://orchestrator.test", Clock.systemUTC());
  }

  private Supervisor supervisor() {
    return supervisor(Duration.ofSeconds(30), Duration.ofSeconds(30));
  }

  @Test
  void aStartBecomesRunningWhenTheBotSaysItIsReadyAndTwoStartsMakeOneProcess() throws Exception {
    Supervisor s = supervisor();
    Supervisor.Started first = s.start("a", 8101, true, true);
    assertEquals("started", first.status());
    assertEquals(ProcessState.STARTING, s.state("a"));
    assertEquals("already_running", s.start("a", 8101, true, true).status());
    assertEquals(1, launcher.started.size());
    FakeProcess p = launcher.started.get(0);
    assertEquals("http://orchestrator.test", p.spec.orchestratorUrl());
    assertEquals(p.spec.tokenId(), environment.tokens.get("a"), "the process holds the token just issued");
    assertTrue(p.spec.commandSecret().length() >= 40, "a 256-bit command secret");
    readyAt.add(p.address());
    await(() -> s.state("a") == ProcessState.RUNNING, "running");
    await(() -> launcher.readied.equals(List.of(p)), "the launcher hears of it (a spare may boot now)");
  }

  @Test
  void aStopEndsTheProcessRevokesItsTokenAndIsNotACrash() throws Exception {
    Supervisor s = supervisor();
    s.start("a", 8101, true, true);
    FakeProcess p = launcher.started.get(0);
    assertTrue(s.stop("a"));
    assertEquals(ProcessState.STOPPED, s.state("a"));
    assertNull(environment.tokens.get("a"));
    assertTrue(p.forgotten);
    Thread.sleep(100);
    assertEquals(ProcessState.STOPPED, s.state("a"), "the exit after a stop is no crash");
    assertEquals(1, launcher.started.size());
    assertFalse(s.stop("a"), "already stopped");
  }

  @Test
  void aCrashIsRestartedAndFiveCrashesInTenMinutesAreACrashLoopUntilAPersonStartsIt() throws Exception {
    Supervisor s = supervisor();
    s.start("a", 8101, true, true);
    for (int crash = 1; crash <= 4; crash++) {
      FakeProcess p = launcher.started.get(crash - 1);
      p.exit(137);
      int next = crash + 1;
      await(() -> launcher.started.size() == next, "restart " + crash);
    }
    Supervisor.View restarted = s.view("a");
    assertEquals(4, restarted.restarts());
    assertEquals("killed by SIGKILL (exit code 137)", restarted.lastExitReason());
    launcher.started.get(4).exit(1);
    await(() -> s.state("a") == ProcessState.CRASH_LOOP, "crash loop");
    Thread.sleep(200);
    assertEquals(5, launcher.started.size(), "no restart in a crash loop");
    assertEquals(List.of("last line of a"), s.view("a").lastLogLines());
    s.start("a", 8101, true, true);
    assertEquals(6, launcher.started.size(), "a person's start forgives the loop");
    launcher.started.get(5).exit(1);
    await(() -> launcher.started.size() == 7, "restarted again after a forgiven loop");
  }

  @Test
  void aBotThatNeverBecomesReadyAfterBootingIsStoppedAndRestartedWithTheReason() throws Exception {
    Supervisor s = supervisor(Duration.ofSeconds(30), Duration.ofMillis(200));
    launcher.booted = true;
    s.start("a", 8101, true, true);
    await(() -> launcher.started.size() >= 2, "restarted after the deploy grace");
    FakeProcess first = launcher.started.get(0);
    assertTrue(first.stopped, "the supervisor stopped it");
    String reason = s.view("a").lastExitReason();
    assertTrue(reason.startsWith("not ready 0 s after Payara finished booting"), reason);
    assertTrue(reason.endsWith("stopped by the supervisor"), reason);
  }

  @Test
  void aBotWhoseApplicationFailedToDeployIsRestartedAtOnceWithoutAThreadDump() throws Exception {
    Supervisor s = supervisor(Duration.ofSeconds(30), Duration.ofSeconds(30));
    s.start("a", 8101, true, true);
    FakeProcess first = launcher.started.get(0);
    Thread.sleep(300);
    assertFalse(first.stopped, "booting, nothing reported yet: it is waited for");
    first.booted = true;
    first.deployFailed = true;
    await(() -> launcher.started.size() >= 2, "restarted long before the 30 s deploy grace");
    assertTrue(first.stopped, "the supervisor stopped it");
    assertEquals(List.of(), first.dumps, "no thread dump: the deployment's stack is in its log already");
    String reason = s.view("a").lastExitReason();
    assertTrue(reason.startsWith("its application failed to deploy (see its log)"), reason);
    assertTrue(reason.endsWith("stopped by the supervisor"), reason);
    readyAt.add(launcher.started.get(1).address());
    await(() -> s.state("a") == ProcessState.RUNNING, "the new process is ready");
  }

  @Test
  void aSpareHandOverThatNeverServesIsStoppedAfterTheDeployGraceNotTheReadyTimeout() throws Exception {
    Supervisor s = supervisor(Duration.ofSeconds(30), Duration.ofMillis(200));
    launcher.fromSpare = true;
    launcher.booted = true; // what LocalLauncher answers for a spare that took the hand-over
    s.start("a", 8101, true, true);
    await(() -> launcher.started.size() >= 2, "restarted after the deploy grace");
    String reason = s.view("a").lastExitReason();
    assertTrue(reason.startsWith("not ready 0 s after the pre-started spare took it over"), reason);
    assertTrue(launcher.started.get(0).stopped, "the supervisor stopped it");
    assertEquals(List.of(reason.substring(0, reason.indexOf("; stopped by the supervisor"))),
        launcher.started.get(0).dumps, "its threads were dumped, once, before the stop, under the reason");
  }

  @Test
  void aBotThatIsNeverReadyIsDumpedOnceAndWhatItsReadinessAnsweredIsLogged() throws Exception {
    List<String> asked = new CopyOnWriteArrayList<>();
    Supervisor s = new Supervisor(launcher, scheduler, new Supervisor.ReadyProbe() {
      @Override
      public boolean ready(String address) {
        return false;
      }

      @Override
      public String seen(String address) {
        asked.add(address);
        return "HTTP 503 {\"status\":\"DOWN\"}";
      }
    }, environment, new Supervisor.Settings(Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofMillis(100), 2,
        Duration.ofMillis(20), Duration.ofSeconds(30)), "http://orchestrator.test", Clock.systemUTC());
    launcher.booted = true;
    s.start("a", 8101, true, true);
    FakeProcess first = launcher.started.get(0);
    await(() -> first.stopped, "stopped after the deploy grace");
    assertEquals(List.of(first.address()), asked, "its readiness was read once more for the log line");
    assertEquals(1, first.dumps.size(), "one thread dump before the stop");
    assertTrue(first.dumpedBeforeStop, "the dump came before the stop");
    await(() -> s.view("a").lastExitReason() != null, "the exit handled");
    String reason = s.view("a").lastExitReason();
    assertTrue(reason.startsWith(first.dumps.get(0) + "; its readiness answered HTTP 503 {\"status\":\"DOWN\"}"), reason);
  }

  @Test
  void aBotNotReadyWithinTheReadyTimeoutIsStoppedToo() throws Exception {
    Supervisor s = supervisor(Duration.ofMillis(300), Duration.ofSeconds(30));
    s.start("a", 8101, true, true);
    await(() -> launcher.started.size() >= 2, "restarted after the ready time-out");
    assertTrue(s.view("a").lastExitReason().startsWith("not ready within 0 s of its start"));
  }

  @Test
  void survivorsOfAnEarlierOrchestratorAreAdoptedNotStartedTwice() throws Exception {
    FakeProcess survivor = new FakeProcess(new Launcher.Spec("a", 8101, "tok", "jti-old", "secret", null), false);
    launcher.survivors.add(survivor);
    readyAt.add(survivor.address());
    Supervisor s = supervisor();
    s.adoptSurvivors(id -> id.equals("a"));
    assertEquals(ProcessState.RUNNING, s.state("a"));
    assertEquals("jti-old", environment.tokens.get("a"), "it keeps its token");
    assertEquals("already_running", s.start("a", 8101, true, true).status());
    assertEquals(0, launcher.started.size());
    assertTrue(launcher.askedAbout.test("a") && !launcher.askedAbout.test("deleted-bot"));
    survivor.exit(null);
    await(() -> launcher.started.size() == 1, "a re-adopted bot that dies is restarted");
    assertEquals("exited (adopted process: exit code unknown)", s.view("a").lastExitReason());
  }

  @Test
  void aStartHandedToASpareIsWatchedLikeAnyOther() throws Exception {
    launcher.fromSpare = true;
    Supervisor s = supervisor();
    s.start("a", 8101, true, true);
    FakeProcess p = launcher.started.get(0);
    assertTrue(p.fromSpare());
    assertTrue(s.starting(), "a spare is not booted while a bot starts");
    readyAt.add(p.address());
    await(() -> s.state("a") == ProcessState.RUNNING, "running");
    assertFalse(s.starting());
    await(() -> launcher.readied.equals(List.of(p)), "the launcher hears of it");
  }

  @Test
  void aDisabledBotOrATakenPortIsRefusedWithTheReason() {
    Supervisor s = supervisor();
    assertThrows(Invalid.class, () -> s.start("a", 8101, false, true));
    launcher.holder = Optional.of("pid 4242 (nginx)");
    Conflict c = assertThrows(Conflict.class, () -> s.start("a", 8101, true, true, true));
    assertTrue(c.getMessage().contains("pid 4242 (nginx)"), "an admin is told: " + c.getMessage());
    Conflict hidden = assertThrows(Conflict.class, () -> s.start("a", 8101, true, true, false));
    assertFalse(hidden.getMessage().contains("4242"), "others are not: " + hidden.getMessage());
    assertEquals(0, launcher.started.size());
  }

  @Test
  void aBotThatMayNoLongerRunIsNotRestarted() throws Exception {
    Supervisor s = supervisor();
    s.start("a", 8101, true, true);
    environment.mayRun = false;
    launcher.started.get(0).exit(1);
    await(() -> s.state("a") == ProcessState.STOPPED, "stopped, not restarted");
    assertEquals(1, launcher.started.size());
  }

  @Test
  void autoStartBootsAFewAtATime() throws Exception {
    Supervisor s = supervisor();
    List<String> startedIds = new CopyOnWriteArrayList<>();
    s.autoStart(List.of("a", "b", "c", "d"), id -> {
      startedIds.add(id);
      s.start(id, 8100 + startedIds.size(), true, false);
    });
    await(() -> startedIds.size() == 2, "two at once");
    Thread.sleep(300);
    assertEquals(2, startedIds.size(), "the others wait while two boot");
    launcher.started.forEach(p -> readyAt.add(p.address()));
    await(() -> startedIds.size() == 4, "the rest once those are ready");
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting: " + what);
      }
      Thread.sleep(10);
    }
  }

  /** Tokens as the orchestrator would issue them. */
  private static final class FakeEnvironment implements Supervisor.Environment {
    final Map<String, String> tokens = new ConcurrentHashMap<>();
    volatile boolean mayRun = true;
    private final AtomicLong counter = new AtomicLong();

    @Override
    public Optional<Integer> portToRestart(String id) {
      return mayRun ? Optional.of(8101) : Optional.empty();
    }

    @Override
    public String[] issueToken(String id) {
      String jti = "jti-" + counter.incrementAndGet();
      tokens.put(id, jti);
      return new String[] {"token-" + jti, jti};
    }

    @Override
    public void revokeToken(String id) {
      tokens.remove(id);
    }

    @Override
    public void adoptToken(String id, String tokenId) {
      tokens.put(id, tokenId);
    }
  }

  /** Records what it was asked; its processes end when the test says so. */
  private static final class FakeLauncher implements Launcher {
    final List<FakeProcess> started = new CopyOnWriteArrayList<>();
    final List<BotProcess> survivors = new ArrayList<>();
    final List<BotProcess> readied = new CopyOnWriteArrayList<>();
    volatile Optional<String> holder = Optional.empty();
    volatile boolean booted;
    volatile boolean fromSpare;
    volatile Predicate<String> askedAbout;

    @Override
    public BotProcess start(Spec spec) {
      FakeProcess p = new FakeProcess(spec, fromSpare);
      p.booted = booted;
      started.add(p);
      return p;
    }

    @Override
    public List<BotProcess> survivors(Predicate<String> known) {
      askedAbout = known;
      return survivors;
    }

    @Override
    public Optional<String> portHolder(int port) {
      return holder;
    }

    @Override
    public List<String> logTail(String instanceId, int lines) {
      return List.of("last line of " + instanceId);
    }

    @Override
    public void ready(BotProcess process) {
      readied.add(process);
    }
  }

  private static final AtomicLong PIDS = new AtomicLong(1000);

  private static final class FakeProcess implements Launcher.BotProcess {
    final Launcher.Spec spec;
    final long pid = PIDS.incrementAndGet();
    final CompletableFuture<Void> exit = new CompletableFuture<>();
    final boolean spare;
    final Instant startedAt = Instant.now();
    volatile Integer code;
    volatile boolean booted;
    volatile boolean deployFailed;
    volatile boolean stopped;
    volatile boolean forgotten;
    volatile boolean dumpedBeforeStop;
    final List<String> dumps = new CopyOnWriteArrayList<>();

    FakeProcess(Launcher.Spec spec, boolean spare) {
      this.spec = spec;
      this.spare = spare;
    }

    void exit(Integer exitCode) {
      code = exitCode;
      exit.complete(null);
    }

    @Override
    public String instanceId() {
      return spec.instanceId();
    }

    @Override
    public long pid() {
      return pid;
    }

    @Override
    public int port() {
      return spec.port();
    }

    @Override
    public String address() {
      return "http://fake-" + pid + ":" + spec.port();
    }

    @Override
    public Instant startedAt() {
      return startedAt;
    }

    @Override
    public String token() {
      return spec.token();
    }

    @Override
    public String tokenId() {
      return spec.tokenId();
    }

    @Override
    public String commandSecret() {
      return spec.commandSecret();
    }

    @Override
    public boolean alive() {
      return !exit.isDone();
    }

    @Override
    public CompletionStage<Void> onExit() {
      return exit;
    }

    @Override
    public Integer exitCode() {
      return code;
    }

    @Override
    public boolean booted() {
      return booted;
    }

    @Override
    public boolean deployFailed() {
      return deployFailed;
    }

    @Override
    public boolean fromSpare() {
      return spare;
    }

    @Override
    public boolean busyOnStop() {
      return false;
    }

    @Override
    public boolean stop(Duration grace) {
      stopped = true;
      exit(143);
      return true;
    }

    @Override
    public void dumpThreads(String why) {
      dumpedBeforeStop = !stopped;
      dumps.add(why);
    }

    @Override
    public void forget(boolean cleanExit) {
      forgotten = true;
    }
  }
}
