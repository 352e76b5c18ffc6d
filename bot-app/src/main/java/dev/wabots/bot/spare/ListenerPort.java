package dev.wabots.bot.spare;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Moves Payara Micro's HTTP listener to another port while it runs: the port is changed in the
 * live configuration (what {@code asadmin set …http-listener.port=} does), which restarts
 * Grizzly's listener on it; then the listener is disabled and enabled again, because the web
 * container rebuilds its port mapping only then (without it the new port answers 404 to every
 * path; measured by server-config/bench/port-rebind.sh).
 *
 * <p>Each change is awaited on the port itself before the next is made: HK2 hands each committed
 * configuration transaction to a cached thread pool without waiting for the one before, so three
 * changes made back to back reach Grizzly's listener concurrently and in any order (once in CI the
 * listener ended disabled: the bot said it served, and its port never answered). The move is over
 * when the bot's own servlet and its health answer on the new port; a toggle that does not get
 * there is tried again, and a move that never gets there fails, loudly. Payara's configuration
 * classes are not an API of applications, so they are reached by reflection, and a failure is
 * reported, not hidden: the spare then exits and the orchestrator starts the bot the ordinary way.
 */
final class ListenerPort {

  static final String LISTENER = "http-listener";

  /** How long one step of the move may take to show on the port (a loaded machine takes seconds). */
  static final Duration STEP = Duration.ofSeconds(8);
  /** How often the disable-and-enable is tried before the move fails. */
  static final int TOGGLES = 3;
  /** A servlet of the bot's own: it answers JSON on every method, to anyone. */
  static final String OWN_PATH = "/internal/adopt";
  private static final Logger LOG = System.getLogger(ListenerPort.class.getName());

  private ListenerPort() {}

  static void move(int port) throws ReflectiveOperationException {
    Object listener = httpListener();
    Class<?> listenerType = type("org.glassfish.grizzly.config.dom.NetworkListener");
    Method setPort = listenerType.getMethod("setPort", String.class);
    Method setEnabled = listenerType.getMethod("setEnabled", String.class);
    change(listener, l -> call(setPort, l, Integer.toString(port)));
    await(port, "an HTTP answer on the new port", () -> LoopbackAnswer.get(port, OWN_PATH, 1000).http());
    for (int toggle = 1; !servesTheBot(port); toggle++) {
      if (toggle > TOGGLES) {
        throw new IllegalStateException("port " + port + " still does not reach the bot's servlets after " + TOGGLES
            + " disable-and-enable rounds of the listener (" + OWN_PATH + " answers "
            + LoopbackAnswer.get(port, OWN_PATH, 1000) + ")");
      }
      change(listener, l -> call(setEnabled, l, "false"));
      await(port, "the port to close after the listener was disabled",
          () -> LoopbackAnswer.get(port, OWN_PATH, 1000) == LoopbackAnswer.CLOSED);
      change(listener, l -> call(setEnabled, l, "true"));
      if (!within(STEP, () -> servesTheBot(port))) {
        LOG.log(Level.WARNING, "Port {0}: the listener, enabled again, does not reach the bot''s servlets within {1} s"
            + " (round {2} of {3})", String.valueOf(port), STEP.toSeconds(), toggle, TOGGLES);
      }
    }
  }

  /** The bot's own servlet answers on the port, and so does the health endpoint the orchestrator asks. */
  private static boolean servesTheBot(int port) {
    if (!LoopbackAnswer.get(port, OWN_PATH, 1000).json()) {
      return false;
    }
    LoopbackAnswer health = LoopbackAnswer.get(port, "/health/ready", 1000);
    return health.http() && health.status() != 404;
  }

  private static void await(int port, String what, BooleanSupplier done) {
    if (!within(STEP, done)) {
      throw new IllegalStateException("port " + port + ": waited " + STEP.toSeconds() + " s for " + what);
    }
  }

  private static boolean within(Duration limit, BooleanSupplier done) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the listener moved", e);
      }
    }
    return true;
  }

  private static Object httpListener() throws ReflectiveOperationException {
    Object locator = type("org.glassfish.internal.api.Globals").getMethod("getDefaultBaseServiceLocator").invoke(null);
    Class<?> domainType = type("com.sun.enterprise.config.serverbeans.Domain");
    Object domain = type("org.glassfish.hk2.api.ServiceLocator").getMethod("getService", Class.class, Annotation[].class)
        .invoke(locator, domainType, new Annotation[0]);
    Object configs = domainType.getMethod("getConfigs").invoke(domain);
    Class<?> configType = type("com.sun.enterprise.config.serverbeans.Config");
    for (Object config : (List<?>) type("com.sun.enterprise.config.serverbeans.Configs").getMethod("getConfig").invoke(configs)) {
      if ("server-config".equals(configType.getMethod("getName").invoke(config))) {
        Object network = configType.getMethod("getNetworkConfig").invoke(config);
        Object listener = type("org.glassfish.grizzly.config.dom.NetworkConfig").getMethod("getNetworkListener", String.class)
            .invoke(network, LISTENER);
        if (listener == null) {
          throw new NoSuchFieldException("no network listener " + LISTENER + " in server-config");
        }
        return listener;
      }
    }
    throw new NoSuchFieldException("no server-config in the domain");
  }

  /** One configuration transaction: {@code ConfigSupport.apply(code, listener)}. */
  private static void change(Object listener, Consumer<Object> onWriteable) throws ReflectiveOperationException {
    Class<?> codeType = type("org.jvnet.hk2.config.SingleConfigCode");
    Object code = Proxy.newProxyInstance(codeType.getClassLoader(), new Class<?>[] {codeType}, (proxy, method, args) -> {
      if (method.getName().equals("run")) {
        onWriteable.accept(args[0]);
        return null;
      }
      return switch (method.getName()) {
        case "hashCode" -> System.identityHashCode(proxy);
        case "equals" -> proxy == args[0];
        default -> "ListenerPort change";
      };
    });
    Class<?> proxyType = type("org.jvnet.hk2.config.ConfigBeanProxy");
    type("org.jvnet.hk2.config.ConfigSupport").getMethod("apply", codeType, proxyType).invoke(null, code, listener);
  }

  private static void call(Method m, Object target, String value) {
    try {
      m.invoke(target, value);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(m.getName() + "(" + value + ") failed: " + e.getCause(), e);
    }
  }

  private static Class<?> type(String name) throws ClassNotFoundException {
    return Class.forName(name, true, ListenerPort.class.getClassLoader());
  }
}
