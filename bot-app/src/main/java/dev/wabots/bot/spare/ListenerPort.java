package dev.wabots.bot.spare;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Consumer;

/**
 * Moves Payara Micro's HTTP listener to another port while it runs: the port is changed in the
 * live configuration (what {@code asadmin set …http-listener.port=} does), which restarts
 * Grizzly's listener on it; then the listener is disabled and enabled again, because the web
 * container rebuilds its port mapping only then (without it the new port answers 404 to every
 * path; measured by server-config/bench/port-rebind.sh). Payara's configuration classes are not
 * an API of applications, so they are reached by reflection, and a failure is reported, not
 * hidden: the orchestrator then starts the bot the ordinary way.
 */
final class ListenerPort {

  static final String LISTENER = "http-listener";

  private ListenerPort() {}

  static void move(int port) throws ReflectiveOperationException {
    Object listener = httpListener();
    Class<?> listenerType = type("org.glassfish.grizzly.config.dom.NetworkListener");
    Method setPort = listenerType.getMethod("setPort", String.class);
    Method setEnabled = listenerType.getMethod("setEnabled", String.class);
    change(listener, l -> call(setPort, l, Integer.toString(port)));
    change(listener, l -> call(setEnabled, l, "false"));
    change(listener, l -> call(setEnabled, l, "true"));
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
