package dev.wabots.processes.control;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Is a TCP port free to listen on, and if not, which process holds it (Linux /proc). */
public final class PortProbe {

  private PortProbe() {}

  public static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      // As servers do: connections in TIME_WAIT from a process that just died do not block the port.
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Why a port cannot be a bot's: for admins with the process holding it ({@code holder}, e.g.
   * "pid 123 (python3 -m http.server)"), for everyone else without (which processes run on the
   * machine is the operator's business).
   */
  public static String inUse(int port, String holder, boolean showHolder) {
    return showHolder && holder != null
        ? "port " + port + " is already in use by " + holder + "; choose another webhook_port"
        : "port " + port + " is already in use on this machine; choose another webhook_port";
  }

  /** The process listening on the port, as "pid 123 (java …)", when /proc tells. */
  public static Optional<String> holder(int port) {
    try {
      Optional<String> inode = listeningInode(port);
      if (inode.isEmpty()) {
        return Optional.empty();
      }
      String link = "socket:[" + inode.get() + "]";
      try (var procs = Files.list(Path.of("/proc"))) {
        for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
          Path fds = proc.resolve("fd");
          try (var list = Files.list(fds)) {
            for (Path fd : list.toList()) {
              try {
                if (Files.readSymbolicLink(fd).toString().equals(link)) {
                  return Optional.of("pid " + proc.getFileName() + " (" + command(proc) + ")");
                }
              } catch (IOException ignored) {
                // fd closed meanwhile
              }
            }
          } catch (IOException | SecurityException notOurs) {
            // another user's process: cannot look inside
          }
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static Optional<String> listeningInode(int port) throws IOException {
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path p = Path.of(table);
      if (!Files.isReadable(p)) {
        continue;
      }
      for (String line : Files.readAllLines(p)) {
        String[] f = line.trim().split("\\s+");
        // sl local_address rem_address st … inode: st 0A = LISTEN
        if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
          return Optional.of(f[9]);
        }
      }
    }
    return Optional.empty();
  }

  private static String command(Path proc) {
    try {
      String cmd = new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ').trim();
      return cmd.length() > 80 ? cmd.substring(0, 80) + "…" : cmd;
    } catch (IOException e) {
      return "?";
    }
  }
}
