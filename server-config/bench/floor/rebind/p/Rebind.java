package p;

import com.sun.enterprise.config.serverbeans.Config;
import com.sun.enterprise.config.serverbeans.Domain;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.glassfish.grizzly.config.dom.NetworkListener;
import org.glassfish.internal.api.Globals;
import org.jvnet.hk2.config.ConfigSupport;

/**
 * Probe for a pre-started spare bot (port-rebind.sh): can a running Payara Micro move its HTTP
 * listener to another port? GET lists the listeners; POST {@code ?port=N} changes the port of
 * {@code http-listener} in the live configuration, as {@code asadmin set} would, after answering
 * (with REBIND_TOGGLE set, then disables and enables it).
 */
@WebServlet("/rebind")
public class Rebind extends HttpServlet {

  private static NetworkListener httpListener(Config config) {
    return config.getNetworkConfig().getNetworkListener("http-listener");
  }

  private static Config serverConfig() {
    return Globals.getDefaultBaseServiceLocator().getService(Domain.class).getConfigs().getConfig().get(0);
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setContentType("text/plain");
    for (NetworkListener l : serverConfig().getNetworkConfig().getNetworkListeners().getNetworkListener()) {
      resp.getWriter().println(l.getName() + " " + l.getPort() + " enabled=" + l.getEnabled());
    }
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String port = req.getParameter("port");
    if (port == null || !port.matches("[0-9]{1,5}")) {
      resp.sendError(400, "port must be a number");
      return;
    }
    NetworkListener listener = httpListener(serverConfig());
    resp.setStatus(202);
    resp.getWriter().println("moving http-listener to " + port);
    resp.flushBuffer();
    Thread mover = new Thread(() -> {
      try {
        Thread.sleep(100); // the answer leaves before the listener restarts
        long t0 = System.nanoTime();
        ConfigSupport.apply(l -> {
          l.setPort(port);
          return null;
        }, listener);
        if (System.getenv("REBIND_TOGGLE") != null) {
          // The web container rebuilds its port mapping when the listener is enabled again.
          ConfigSupport.apply(l -> {
            l.setEnabled("false");
            return null;
          }, listener);
          ConfigSupport.apply(l -> {
            l.setEnabled("true");
            return null;
          }, listener);
        }
        System.err.println("rebind: configuration changed in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      } catch (Exception e) {
        e.printStackTrace();
      }
    }, "rebind");
    mover.start();
  }
}
