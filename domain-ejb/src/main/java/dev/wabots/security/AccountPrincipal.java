package dev.wabots.security;

import jakarta.security.enterprise.CallerPrincipal;

/**
 * A person signed in to the panel, as the session remembers them: the account's id (names can be
 * reused after a deletion), its name, and the version of its credentials when the session began.
 */
public class AccountPrincipal extends CallerPrincipal {

  private static final long serialVersionUID = 1L;

  private final long userId;
  private final long tokenVersion;

  public AccountPrincipal(long userId, String username, long tokenVersion) {
    super(username);
    this.userId = userId;
    this.tokenVersion = tokenVersion;
  }

  public long userId() {
    return userId;
  }

  public long tokenVersion() {
    return tokenVersion;
  }
}
