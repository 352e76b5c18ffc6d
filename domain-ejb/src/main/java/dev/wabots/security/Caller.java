package dev.wabots.security;

/** The person behind the current request, as the domain services see them. */
public record Caller(long userId, String username, Role role) {

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  /** Whether this caller may see (and, if their role writes, manage) a bot with that owner. */
  public boolean sees(Long ownerId) {
    return role.seesEveryBot() || (ownerId != null && ownerId == userId);
  }

  public String describe() {
    return username + " (" + role.id() + ")";
  }
}
