package dev.wabots.security;

import dev.wabots.platform.Locations;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues RS256-signed MicroProfile JWTs with the orchestrator's own key: login tokens for people
 * and per-process tokens for bots. Payara's MP-JWT mechanism verifies them with the public half.
 */
@ApplicationScoped
public class Tokens {

  /** Claim naming the one bot instance a bot token is good for. */
  public static final String INSTANCE_CLAIM = "wa_instance";

  /** Claim holding the account's credentials version when a person's token was issued. */
  public static final String VERSION_CLAIM = "wa_ver";

  @Inject Locations locations;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "wabots")
  String issuer;

  @Inject
  @ConfigProperty(name = "wabots.auth.token-ttl-seconds", defaultValue = "3600")
  long userTokenSeconds;

  @Inject
  @ConfigProperty(name = "wabots.auth.bot-token-ttl-days", defaultValue = "365")
  long botTokenDays;

  private PrivateKey key;
  private Clock clock = Clock.systemUTC();

  @PostConstruct
  void loadKey() {
    key = new KeyFiles(locations.keys()).jwtPrivateKey();
  }

  /**
   * A token for a person: {@code sub} is the account's id, {@code upn} its name, {@code groups}
   * their one role, {@value #VERSION_CLAIM} the version of their credentials.
   */
  public Issued forUser(long userId, String username, Role role, long tokenVersion) {
    Duration ttl = Duration.ofSeconds(userTokenSeconds);
    JsonArrayBuilder groups = Json.createArrayBuilder().add(role.id());
    return sign(Long.toString(userId), username, groups, ttl, b -> b.add(VERSION_CLAIM, tokenVersion));
  }

  /**
   * A token for one bot process: role {@code bot}, the instance id as a claim. Its {@code jti} is
   * remembered with the process, so the token dies with the process.
   */
  public Issued forBot(String instanceId) {
    JsonArrayBuilder groups = Json.createArrayBuilder().add(Role.BOT_GROUP);
    return sign(
        "bot:" + instanceId,
        "bot:" + instanceId,
        groups,
        Duration.ofDays(botTokenDays),
        b -> b.add(INSTANCE_CLAIM, instanceId));
  }

  private Issued sign(
      String subject,
      String upn,
      JsonArrayBuilder groups,
      Duration ttl,
      java.util.function.Consumer<JsonObjectBuilder> extra) {
    Instant now = clock.instant();
    String jti = UUID.randomUUID().toString();
    JsonObjectBuilder claims =
        Json.createObjectBuilder()
            .add("iss", issuer)
            .add("sub", subject)
            .add("upn", upn)
            .add("groups", groups)
            .add("iat", now.getEpochSecond())
            .add("exp", now.plus(ttl).getEpochSecond())
            .add("jti", jti);
    extra.accept(claims);
    JsonObject header =
        Json.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").build();
    String signingInput = b64(header.toString()) + "." + b64(claims.build().toString());
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      String token =
          signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
      return new Issued(token, jti, ttl.toSeconds());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** A signed token, its id and how long it lives. */
  public record Issued(String token, String jti, long expiresInSeconds) {}
}
