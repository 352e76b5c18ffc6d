package dev.wabots.security;

import dev.wabots.instances.entity.InstanceField;
import dev.wabots.platform.Locations;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Seals and opens bot secrets with the orchestrator's key from {@code <data>/keys/}. */
@ApplicationScoped
public class Secrets {

  @Inject Locations locations;

  private SecretCipher cipher;

  @PostConstruct
  void loadKey() {
    cipher = new SecretCipher(new KeyFiles(locations.keys()).secretsKey());
  }

  public String seal(InstanceField field, String plain) {
    return cipher.encrypt(field.json(), plain);
  }

  public String open(InstanceField field, String sealed) {
    return cipher.decrypt(field.json(), sealed);
  }

  /** Seals a secret of another component; {@code purpose} binds it (a value sealed for one cannot be opened as another). */
  public String seal(String purpose, String plain) {
    return cipher.encrypt(purpose, plain);
  }

  public String open(String purpose, String sealed) {
    return cipher.decrypt(purpose, sealed);
  }
}
