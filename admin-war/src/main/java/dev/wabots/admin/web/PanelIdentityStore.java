package dev.wabots.admin.web;

import dev.wabots.users.boundary.Users;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Set;

/**
 * The panel's passwords: the same accounts as the API's login ({@link Users#checkPassword}), so a
 * disabled account cannot sign in and the group is the account's role; a refusal is audited like
 * the API's. Validates only: it must not add groups to the callers of Payara's JWT identity store.
 */
@ApplicationScoped
public class PanelIdentityStore implements IdentityStore {

  @Inject Users users;

  /** The sign-in request itself (a refused password is audited with its address). */
  @Inject HttpServletRequest request;

  public CredentialValidationResult validate(UsernamePasswordCredential credential) {
    return users.checkPassword(credential.getCaller(), credential.getPasswordAsString(), request.getRemoteAddr())
        .map(login -> new CredentialValidationResult(login.principal(), Set.of(login.user().role())))
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }

  @Override
  public Set<ValidationType> validationTypes() {
    return EnumSet.of(ValidationType.VALIDATE);
  }
}
