package dev.wabots.ops;

import dev.wabots.platform.FieldError;
import dev.wabots.platform.OrchestratorSchema;
import dev.wabots.processes.control.OrchestratorLaunch;
import dev.wabots.security.KeyFiles;
import dev.wabots.security.PasswordHashing;
import dev.wabots.security.Role;
import dev.wabots.users.control.UserRules;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The launcher's Java half: {@code prepare} (keys, migrations, first admin), {@code migrate} and
 * {@code user …}. Works on the data folder directly, with or without a running orchestrator
 * (SQLite's WAL and busy timeout let both write). Its console output is its user interface.
 */
public final class Cli {

  static final String INITIAL_PASSWORD_FILE = "initial-admin-password";

  /** Flyway's progress lines are noise on a terminal; problems still show. Held so it is not collected. */
  private static final java.util.logging.Logger FLYWAY_LOG = java.util.logging.Logger.getLogger("org.flywaydb");

  private final Path data;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final BufferedReader in;

  Cli(Path data, PrintStream out, PrintStream err, Map<String, String> env, BufferedReader in) {
    this.data = data.toAbsolutePath().normalize();
    this.out = out;
    this.err = err;
    this.env = env;
    this.in = in;
  }

  public static void main(String[] args) {
    FLYWAY_LOG.setLevel(java.util.logging.Level.WARNING);
    Path data = Path.of(System.getenv().getOrDefault("WABOTS_DATA", "data"));
    List<String> rest = new ArrayList<>(List.of(args));
    if (rest.size() >= 2 && rest.get(0).equals("--data")) {
      data = Path.of(rest.get(1));
      rest = rest.subList(2, rest.size());
    }
    Cli cli = new Cli(data, System.out, System.err, System.getenv(),
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    System.exit(cli.run(rest));
  }

  int run(List<String> args) {
    try {
      if (args.isEmpty()) {
        err.println("usage: prepare | migrate | backup DIR | restore DIR | user <create|list|set-role|set-password|disable|enable|delete> …");
        return 2;
      }
      return switch (args.get(0)) {
        case "prepare" -> prepare();
        case "launch-plan" -> args.size() == 5 && args.get(4).matches("[1-9][0-9]{0,17}")
            ? launchPlan(args.get(1), Path.of(args.get(2)), Path.of(args.get(3)), Long.parseLong(args.get(4)))
            : usage("launch-plan needs JAVA (empty: unset) RUNTIME ROOTDIR PID (the orchestrator's process id)");
        case "migrate" -> migrate();
        case "user" -> user(args.subList(1, args.size()));
        case "backup" -> args.size() == 2 ? backup(Path.of(args.get(1))) : usage("backup needs a folder");
        case "restore" -> args.size() == 2 ? restore(Path.of(args.get(1))) : usage("restore needs a backup folder");
        default -> usage("unknown command '" + args.get(0) + "'");
      };
    } catch (Failure f) {
      err.println("error: " + f.getMessage());
      return f.status;
    } catch (SQLException e) {
      err.println("error: database " + data.resolve(OrchestratorDatabase.FILE) + ": " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  /**
   * How {@code ./wabots run} starts the orchestrator's JVM ({@link OrchestratorLaunch}): the Java,
   * then one JVM option per line, on standard output; nothing when it starts the former way
   * ({@code -jar payara-micro.jar}). Never fails the start: a plan that cannot be made is reported
   * and the former way is taken.
   *
   * @param java what {@code JAVA} was set to, or empty when unset
   */
  int launchPlan(String java, Path runtime, Path rootDir, long pid) {
    String cacheSetting = env.get("WABOTS_BOT_CACHE");
    Path cache = cacheSetting == null || cacheSetting.isBlank() ? data.resolve("payara")
        : Path.of(cacheSetting.strip()).toAbsolutePath().normalize();
    try {
      Optional<OrchestratorLaunch.Plan> plan = OrchestratorLaunch.plan(java, Path.of("/usr/lib/jvm"), runtime, cache,
          rootDir.toAbsolutePath().normalize(), pid);
      if (plan.isPresent()) {
        if (plan.get().trains()) {
          err.println("wabots: this start records the orchestrator's ahead-of-time cache for the next ones ("
              + plan.get().cache().getFileName() + ")");
        }
        out.print(OrchestratorLaunch.lines(plan.get()));
      }
    } catch (IOException | RuntimeException e) {
      err.println("wabots: warning: starting the orchestrator without Payara's launcher and its cache: " + e.getMessage());
    }
    return 0;
  }

  /** Keys, schema and the first admin: everything the server needs before it boots. */
  int prepare() throws SQLException, IOException {
    Files.createDirectories(data);
    for (String made : new KeyFiles(data.resolve("keys")).ensure()) {
      out.println("created " + made + " in " + data.resolve("keys"));
    }
    migrate();
    DataSource ds = OrchestratorDatabase.open(data);
    try (Connection c = ds.getConnection()) {
      if (count(c, "SELECT COUNT(*) FROM users") > 0) {
        return 0;
      }
      String given = env.get("WABOTS_ADMIN_PASSWORD");
      String password = given == null || given.isEmpty() ? generatePassword() : given;
      List<FieldError> problems = UserRules.checkPassword("WABOTS_ADMIN_PASSWORD", password, "admin");
      if (!problems.isEmpty()) {
        throw new Failure(2, problems.get(0).field() + " " + problems.get(0).message());
      }
      insertUser(c, "admin", password, Role.ADMIN);
      audit(c, "user.create", "{\"user\":\"admin\",\"role\":\"admin\",\"first_start\":true}");
      if (given == null || given.isEmpty()) {
        Path file = data.resolve(INITIAL_PASSWORD_FILE);
        Files.deleteIfExists(file);
        KeyFiles.writePrivate(file, password + "\n");
        out.println();
        out.println("  First start: created the account 'admin' with the password");
        out.println();
        out.println("      " + password);
        out.println();
        out.println("  (also written to " + file + ", readable only by you;");
        out.println("   change it after logging in and delete that file)");
        out.println();
      } else {
        out.println("First start: created the account 'admin' with the password from WABOTS_ADMIN_PASSWORD");
      }
    }
    return 0;
  }

  /** A consistent copy of every database while the system runs; the keys into a file of their own. */
  int backup(Path dir) throws SQLException, IOException {
    List<Path> written = Backups.backup(data, dir.toAbsolutePath().normalize(), out);
    out.println("backup in " + dir.toAbsolutePath().normalize() + ": " + written.size() + " file(s)");
    return 0;
  }

  /** A backup back onto a stopped system (./wabots checks that nothing runs). */
  int restore(Path dir) throws IOException {
    Backups.restore(dir.toAbsolutePath().normalize(), data, out);
    return 0;
  }

  int migrate() throws SQLException, IOException {
    var flyway = OrchestratorSchema.flyway(OrchestratorDatabase.open(data), Cli.class.getClassLoader());
    var info = flyway.info();
    if (info.pending().length > 0 && info.current() != null) {
      // An upgrade: the database as it was, in case the new version has to be taken back.
      Path copy = Backups.beforeMigration(data, info.current().getVersion().toString());
      if (copy != null) {
        out.println("copied the database before migrating to " + copy);
      }
    }
    var result = flyway.migrate();
    out.println("database " + data.resolve(OrchestratorDatabase.FILE) + ": schema version "
        + (result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion)
        + ", " + result.migrationsExecuted + " migration(s) applied");
    return 0;
  }

  private int user(List<String> args) throws SQLException, IOException {
    if (args.isEmpty()) {
      return usage("user needs a subcommand: create, list, set-role, set-password, disable, enable, delete");
    }
    OrchestratorSchema.flyway(OrchestratorDatabase.open(data), Cli.class.getClassLoader()).migrate();
    DataSource ds = OrchestratorDatabase.open(data);
    try (Connection c = ds.getConnection()) {
      String sub = args.get(0);
      List<String> rest = args.subList(1, args.size());
      switch (sub) {
        case "list" -> listUsers(c);
        case "create" -> {
          String name = arg(rest, 0, "user create <name> [--role admin|user|web|guest] [--password P]");
          Role role = role(option(rest, "--role", "user"));
          check(UserRules.checkName(name));
          String normalized = UserRules.normaliseName(name);
          if (findUser(c, normalized) != null) {
            throw new Failure(1, "user '" + normalized + "' already exists");
          }
          String password = password(rest, normalized);
          insertUser(c, normalized, password, role);
          audit(c, "user.create", "{\"user\":\"" + normalized + "\",\"role\":\"" + role.id() + "\"}");
          out.println("created user '" + normalized + "' with role " + role.id());
        }
        case "set-role" -> {
          String name = existing(c, arg(rest, 0, "user set-role <name> <role>"));
          Role role = role(arg(rest, 1, "user set-role <name> <role>"));
          guardLastAdmin(c, name, role != Role.ADMIN);
          update(c, "UPDATE users SET role = ?, updated = ? WHERE username = ?", role.id(), name);
          audit(c, "user.update", "{\"user\":\"" + name + "\",\"fields\":[\"role\"]}");
          out.println("user '" + name + "' now has role " + role.id());
        }
        case "set-password" -> {
          String name = existing(c, arg(rest, 0, "user set-password <name> [--password P]"));
          String password = password(rest, name);
          // A new password ends the account's tokens and panel sessions (as through the API).
          update(c, "UPDATE users SET password_hash = ?, token_version = token_version + 1, updated = ? WHERE username = ?",
              PasswordHashing.hash(password.toCharArray()), name);
          audit(c, "user.update", "{\"user\":\"" + name + "\",\"fields\":[\"password\"]}");
          out.println("password of '" + name + "' changed");
        }
        case "disable", "enable" -> {
          String name = existing(c, arg(rest, 0, "user " + sub + " <name>"));
          boolean on = sub.equals("enable");
          if (!on) {
            guardLastAdmin(c, name, true);
          }
          try (PreparedStatement s = c.prepareStatement("UPDATE users SET enabled = ?, updated = ? WHERE username = ?")) {
            s.setInt(1, on ? 1 : 0);
            s.setString(2, Instant.now().toString());
            s.setString(3, name);
            s.executeUpdate();
          }
          audit(c, "user.update", "{\"user\":\"" + name + "\",\"fields\":[\"enabled\"]}");
          out.println("user '" + name + "' " + sub + "d");
        }
        case "delete" -> {
          String name = existing(c, arg(rest, 0, "user delete <name>"));
          guardLastAdmin(c, name, true);
          try (PreparedStatement s = c.prepareStatement("DELETE FROM users WHERE username = ?")) {
            s.setString(1, name);
            s.executeUpdate();
          }
          audit(c, "user.delete", "{\"user\":\"" + name + "\"}");
          out.println("user '" + name + "' deleted");
        }
        default -> {
          return usage("unknown user subcommand '" + sub + "'");
        }
      }
    }
    return 0;
  }

  private void listUsers(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT id, username, role, enabled, created FROM users ORDER BY id");
        ResultSet r = s.executeQuery()) {
      out.printf("%-5s %-32s %-6s %-8s %s%n", "ID", "USERNAME", "ROLE", "ENABLED", "CREATED");
      while (r.next()) {
        out.printf("%-5d %-32s %-6s %-8s %s%n", r.getLong(1), r.getString(2), r.getString(3),
            r.getInt(4) == 1 ? "yes" : "no", r.getString(5));
      }
    }
  }

  private void guardLastAdmin(Connection c, String name, boolean losesAdmin) throws SQLException {
    if (!losesAdmin) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement("SELECT role, enabled FROM users WHERE username = ?")) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        if (r.next() && r.getString(1).equals("admin") && r.getInt(2) == 1
            && count(c, "SELECT COUNT(*) FROM users WHERE role = 'admin' AND enabled = 1") <= 1) {
          throw new Failure(1, "'" + name + "' is the last enabled admin; create another admin first");
        }
      }
    }
  }

  /** From {@code --password}, else typed at the terminal, else one line of standard input. */
  private String password(List<String> rest, String username) throws IOException {
    String given = option(rest, "--password", null);
    if (given == null) {
      var console = System.console();
      if (console != null) {
        char[] typed = console.readPassword("password: ");
        given = typed == null ? null : new String(typed);
      } else {
        given = in.readLine();
      }
    }
    check(UserRules.checkPassword("password", given, username));
    return given;
  }

  private void insertUser(Connection c, String name, String password, Role role) throws SQLException {
    String now = Instant.now().toString();
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO users (username, password_hash, role, enabled, created, updated) VALUES (?, ?, ?, 1, ?, ?)")) {
      s.setString(1, name);
      s.setString(2, PasswordHashing.hash(password.toCharArray()));
      s.setString(3, role.id());
      s.setString(4, now);
      s.setString(5, now);
      s.executeUpdate();
    }
  }

  private void update(Connection c, String sql, String value, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, value);
      s.setString(2, Instant.now().toString());
      s.setString(3, name);
      s.executeUpdate();
    }
  }

  private void audit(Connection c, String action, String details) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO audit_log (at, actor, action, instance_id, details) VALUES (?, 'cli', ?, NULL, ?)")) {
      s.setString(1, Instant.now().toString());
      s.setString(2, action);
      s.setString(3, details);
      s.executeUpdate();
    }
  }

  private String existing(Connection c, String name) throws SQLException {
    String normalized = UserRules.normaliseName(name);
    if (findUser(c, normalized) == null) {
      throw new Failure(1, "no user '" + normalized + "'");
    }
    return normalized;
  }

  private static String findUser(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT username FROM users WHERE username = ?")) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
      return r.next() ? r.getLong(1) : 0;
    }
  }

  private static Role role(String text) {
    return Role.parse(text).orElseThrow(
        () -> new Failure(2, "role must be one of " + Role.choices() + ", not '" + text + "'"));
  }

  private static void check(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new Failure(2, errors.get(0).field() + " " + errors.get(0).message());
    }
  }

  private static String arg(List<String> args, int index, String usage) {
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).startsWith("--")) {
        i++;
      } else {
        positional.add(args.get(i));
      }
    }
    if (positional.size() <= index) {
      throw new Failure(2, "usage: wabots " + usage);
    }
    return positional.get(index);
  }

  private static String option(List<String> args, String name, String fallback) {
    int i = args.indexOf(name);
    if (i < 0) {
      return fallback;
    }
    if (i + 1 >= args.size()) {
      throw new Failure(2, name + " needs a value");
    }
    return args.get(i + 1);
  }

  private int usage(String message) {
    err.println("error: " + message);
    return 2;
  }

  static String generatePassword() {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    SecureRandom random = new SecureRandom();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      if (i > 0 && i % 5 == 0) {
        sb.append('-');
      }
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** A refusal with the exit status to return. */
  static final class Failure extends RuntimeException {
    final int status;

    Failure(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
