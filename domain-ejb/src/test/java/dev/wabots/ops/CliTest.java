package dev.wabots.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.security.PasswordHashing;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

  @TempDir Path data;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String stdin, String... args) {
    Cli cli = new Cli(data, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env, new BufferedReader(new StringReader(stdin)));
    return cli.run(List.of(args));
  }

  private String hashOf(String user) throws Exception {
    return column("password_hash", user);
  }

  private String column(String column, String user) throws Exception {
    try (Connection c = OrchestratorDatabase.open(data).getConnection();
        var s = c.prepareStatement("SELECT " + column + " FROM users WHERE username = ?")) {
      s.setString(1, user);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  @Test
  void firstStartGeneratesAnAdminPasswordPrintsItOnceAndKeepsItOwnerOnly() throws Exception {
    assertEquals(0, run(Map.of(), "", "prepare"));
    Path file = data.resolve(Cli.INITIAL_PASSWORD_FILE);
    String password = Files.readString(file).trim();
    assertEquals(23, password.length());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertTrue(out.toString().contains(password));
    assertTrue(PasswordHashing.verify(password.toCharArray(), hashOf("admin")));

    out.reset();
    assertEquals(0, run(Map.of(), "", "prepare"));
    assertFalse(out.toString().contains(password), "printed only on the first start");
  }

  @Test
  void launchPlanRefusesBadArgumentsAndPlansNothingWhereTheFormerStartMustDo() throws Exception {
    assertEquals(2, run(Map.of(), "", "launch-plan", "", "runtime", "root"));
    assertTrue(err.toString().contains("launch-plan needs JAVA (empty: unset) RUNTIME ROOTDIR PID"), err.toString());
    assertEquals(2, run(Map.of(), "", "launch-plan", "", "runtime", "root", "not-a-pid"));
    assertEquals(2, run(Map.of(), "", "launch-plan", "", "runtime", "root", "0"));
    // A runtime whose payara-micro.jar cannot write Payara's launcher (or no JDK 25): no plan, and
    // ./wabots run starts `java -jar payara-micro.jar` as before. JAVA naming a missing file, too.
    Path runtime = Files.createDirectories(data.resolve("runtime"));
    Files.writeString(runtime.resolve("payara-micro.jar"), "a stand-in");
    out.reset();
    assertEquals(0, run(Map.of(), "", "launch-plan", "", runtime.toString(), data.resolve("root").toString(), "4242"));
    assertEquals(0, run(Map.of(), "", "launch-plan", "/no/such/java", runtime.toString(), data.resolve("root").toString(), "4242"));
    assertEquals("", out.toString(), "no plan printed");
  }

  @Test
  void usesTheGivenAdminPasswordAndWritesNoFile() throws Exception {
    assertEquals(0, run(Map.of("WABOTS_ADMIN_PASSWORD", "s3cret-pass"), "", "prepare"));
    assertFalse(Files.exists(data.resolve(Cli.INITIAL_PASSWORD_FILE)));
    assertFalse(out.toString().contains("s3cret-pass"));
    assertTrue(PasswordHashing.verify("s3cret-pass".toCharArray(), hashOf("admin")));
  }

  @Test
  void refusesATooShortAdminPassword() {
    assertEquals(2, run(Map.of("WABOTS_ADMIN_PASSWORD", "short-pw9"), "", "prepare"));
    assertTrue(err.toString().contains("at least 10"), err.toString());
  }

  @Test
  void refusesWeakPasswordsFromTheShellToo() {
    assertEquals(2, run(Map.of("WABOTS_ADMIN_PASSWORD", "Admin12345!"), "", "prepare"));
    assertTrue(err.toString().contains("must not be the user name"), err.toString());
    assertEquals(0, run(Map.of("WABOTS_ADMIN_PASSWORD", "admin-pass-word"), "", "prepare"));
    assertEquals(2, run(Map.of(), "", "user", "create", "ann", "--password", "1234567890"));
    assertTrue(err.toString().contains("commonly used"), err.toString());
  }

  @Test
  void managesUsersFromTheShell() throws Exception {
    run(Map.of("WABOTS_ADMIN_PASSWORD", "admin-pass"), "", "prepare");
    assertEquals(0, run(Map.of(), "typed-password\n", "user", "create", "Ann", "--role", "guest"));
    assertTrue(PasswordHashing.verify("typed-password".toCharArray(), hashOf("ann")));
    assertEquals(1, run(Map.of(), "", "user", "create", "ann", "--password", "another-one"));
    assertEquals(0, run(Map.of(), "", "user", "set-role", "ann", "user"));
    assertEquals("0", column("token_version", "ann"));
    assertEquals(0, run(Map.of(), "", "user", "set-password", "ann", "--password", "changed-pass"));
    assertTrue(PasswordHashing.verify("changed-pass".toCharArray(), hashOf("ann")));
    assertEquals("1", column("token_version", "ann"), "the new password ends ann's tokens and sessions");
    assertEquals(0, run(Map.of(), "", "user", "disable", "ann"));
    out.reset();
    assertEquals(0, run(Map.of(), "", "user", "list"));
    assertTrue(out.toString().matches("(?s).*ann\\s+user\\s+no.*"), out.toString());
    assertEquals(2, run(Map.of(), "", "user", "set-role", "ann", "root"));
    assertEquals(1, run(Map.of(), "", "user", "delete", "admin"), "the last admin stays");
    assertEquals(0, run(Map.of(), "", "user", "delete", "ann"));
    assertEquals(null, hashOf("ann"));
    assertEquals(2, run(Map.of(), "", "user", "create", "x", "--password", "long-enough"), "name too short");
  }
}
