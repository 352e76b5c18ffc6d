package dev.wabots.llm.control;

import dev.wabots.platform.Locations;
import dev.wabots.security.KeyFiles;
import dev.wabots.security.SecretCipher;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Seals and opens provider API keys with the orchestrator's secrets key (the same AES-GCM
 * machinery and key as bot secrets). The provider id is part of the authenticated data, so a key
 * copied onto another provider's row does not decrypt.
 */
@ApplicationScoped
public class ProviderKeys {

  @Inject Locations locations;

  private SecretCipher cipher;

  @PostConstruct
  void loadKey() {
    cipher = new SecretCipher(new KeyFiles(locations.keys()).secretsKey());
  }

  public String seal(String providerId, String plain) {
    return plain == null || plain.isEmpty() ? null : cipher.encrypt(purpose(providerId), plain);
  }

  public String open(String providerId, String sealed) {
    return cipher.decrypt(purpose(providerId), sealed);
  }

  static String purpose(String providerId) {
    return "llm_providers.api_key:" + providerId;
  }
}
