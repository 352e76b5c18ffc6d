package dev.wabots.llm.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A model service an admin stored: its protocol, address, model and API key (held as ciphertext;
 * the boundary seals and opens it). Bots use it as {@code llm_backend = cloud:{id}} or as their
 * fallback.
 */
@Entity
@Table(name = "llm_providers")
@NamedQuery(name = LlmProvider.ALL, query = "SELECT p FROM LlmProvider p ORDER BY p.name")
@NamedQuery(
    name = LlmProvider.BY_OWNER,
    query = "SELECT p FROM LlmProvider p WHERE p.ownerId = :owner ORDER BY p.name")
@NamedQuery(
    name = LlmProvider.BY_NAME,
    query = "SELECT p FROM LlmProvider p WHERE LOWER(p.name) = :name")
@NamedQuery(
    name = LlmProvider.ENABLED_OF_TYPE,
    query = "SELECT p FROM LlmProvider p WHERE p.type = :type AND p.enabled = :on ORDER BY p.created, p.id")
public class LlmProvider {

  public static final String ALL = "LlmProvider.all";
  public static final String BY_OWNER = "LlmProvider.byOwner";
  public static final String BY_NAME = "LlmProvider.byName";
  public static final String ENABLED_OF_TYPE = "LlmProvider.enabledOfType";

  @Id private String id;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String type;

  @Column(name = "base_url", nullable = false)
  private String baseUrl;

  private String model;

  @Column(name = "api_key")
  private String apiKey;

  @Column(nullable = false)
  private boolean enabled;

  @Column(name = "owner_id")
  private Long ownerId;

  /** A non-admin chose the address: it must resolve to public addresses, when saved and on every call. */
  @Column(name = "public_only", nullable = false)
  private boolean publicOnly;

  /** The model takes images: customers' photos go to it with their caption. */
  @Column(name = "accepts_images", nullable = false)
  private boolean acceptsImages;

  @Column(nullable = false)
  private Instant created;

  @Column(nullable = false)
  private Instant updated;

  protected LlmProvider() {}

  public LlmProvider(String id, String name, ProviderType type, String baseUrl, Long ownerId, Instant now) {
    this.id = id;
    this.name = name;
    this.type = type.id();
    this.baseUrl = baseUrl;
    this.ownerId = ownerId;
    this.enabled = true;
    this.created = now;
    this.updated = now;
  }

  public void rename(String newName) {
    this.name = newName;
  }

  /** Points the provider at another service (protocol and address change together). */
  public void speak(ProviderType newType, String newBaseUrl) {
    this.type = newType.id();
    this.baseUrl = newBaseUrl;
  }

  public void useModel(String newModel) {
    this.model = newModel;
  }

  /** Stores the API key's ciphertext ({@code null} clears it). */
  public void storeKey(String ciphertext) {
    this.apiKey = ciphertext;
  }

  public void enable(boolean on) {
    this.enabled = on;
  }

  public void assignOwner(Long userId) {
    this.ownerId = userId;
  }

  /** Who chose the address (type or base URL) last: an admin may use any address, others public ones only. */
  public void addressChosenBy(boolean admin) {
    this.publicOnly = !admin;
  }

  public void acceptImages(boolean on) {
    this.acceptsImages = on;
  }

  public boolean acceptsImages() {
    return acceptsImages;
  }

  public boolean publicOnly() {
    return publicOnly;
  }

  public void touch(Instant now) {
    this.updated = now;
  }

  public String id() {
    return id;
  }

  /** The {@code llm_backend} value that routes a bot here. */
  public String backend() {
    return "cloud:" + id;
  }

  public String name() {
    return name;
  }

  public ProviderType type() {
    return ProviderType.parse(type).orElseThrow(() -> new IllegalStateException("provider " + id + " has type " + type));
  }

  public String baseUrl() {
    return baseUrl;
  }

  public String model() {
    return model;
  }

  public String storedKey() {
    return apiKey;
  }

  public boolean enabled() {
    return enabled;
  }

  public Long ownerId() {
    return ownerId;
  }

  public Instant created() {
    return created;
  }

  public Instant updated() {
    return updated;
  }
}
