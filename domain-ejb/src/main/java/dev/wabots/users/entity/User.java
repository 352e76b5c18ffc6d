package dev.wabots.users.entity;

import dev.wabots.security.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A person who logs in to the orchestrator. */
@Entity
@Table(name = "users")
@NamedQuery(name = User.BY_NAME, query = "SELECT u FROM User u WHERE LOWER(u.username) = :name")
@NamedQuery(name = User.ALL, query = "SELECT u FROM User u ORDER BY u.id")
@NamedQuery(
    name = User.COUNT_ENABLED_ADMINS,
    query = "SELECT COUNT(u) FROM User u WHERE u.role = :role AND u.enabled = TRUE")
public class User {

  public static final String BY_NAME = "User.byName";
  public static final String ALL = "User.all";
  public static final String COUNT_ENABLED_ADMINS = "User.countEnabledAdmins";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, unique = true)
  private String username;

  @Column(name = "password_hash", nullable = false)
  private String passwordHash;

  @Column(nullable = false)
  @Convert(converter = RoleColumn.class)
  private Role role;

  @Column(nullable = false)
  private boolean enabled;

  private String language;

  /** Counted up with every password change: tokens and sessions of an older version are refused. */
  @Column(name = "token_version", nullable = false)
  private long tokenVersion;

  @Column(nullable = false)
  private Instant created;

  @Column(nullable = false)
  private Instant updated;

  protected User() {}

  public User(String username, String passwordHash, Role role, Instant now) {
    this.username = username;
    this.passwordHash = passwordHash;
    this.role = role;
    this.enabled = true;
    this.created = now;
    this.updated = now;
  }

  public Long id() {
    return id;
  }

  public String username() {
    return username;
  }

  public String passwordHash() {
    return passwordHash;
  }

  public Role role() {
    return role;
  }

  public boolean enabled() {
    return enabled;
  }

  public String language() {
    return language;
  }

  public Instant created() {
    return created;
  }

  public Instant updated() {
    return updated;
  }

  public long tokenVersion() {
    return tokenVersion;
  }

  /** A new password ends every token and panel session issued before it. */
  public void changePassword(String newHash, Instant now) {
    this.passwordHash = newHash;
    this.tokenVersion++;
    this.updated = now;
  }

  public void changeRole(Role newRole, Instant now) {
    this.role = newRole;
    this.updated = now;
  }

  public void enable(boolean on, Instant now) {
    this.enabled = on;
    this.updated = now;
  }

  public void preferLanguage(String lang, Instant now) {
    this.language = lang;
    this.updated = now;
  }
}
