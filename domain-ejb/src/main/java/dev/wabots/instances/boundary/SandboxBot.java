package dev.wabots.instances.boundary;

/**
 * What the local Cloud API sandbox needs of a bot to stand in for Meta: where its webhook listens
 * and the credentials Meta would hold (plain; never shown to people).
 */
public record SandboxBot(
    String id,
    String name,
    String mode,
    int webhookPort,
    String phoneNumberId,
    String wabaId,
    String accessToken,
    String verifyToken,
    String appSecret) {

  public boolean sandbox() {
    return "sandbox".equals(mode);
  }

  @Override
  public String toString() {
    return "SandboxBot[" + id + ", port " + webhookPort + ", phone number id " + phoneNumberId + "]";
  }
}
