package dev.wabots.llm.control;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Whether a model service's address is on the public internet, decided on the addresses its host
 * name resolves to now (a name can point anywhere, and can change): loopback, link-local,
 * private, carrier-grade NAT, multicast, documentation and reserved ranges are not. Providers
 * whose address a non-admin chose may only use public ones, checked when saved and before every
 * call, so the orchestrator never becomes a way into its own machine or network.
 */
public final class PublicAddresses {

  /** Resolves a host name to its addresses (the system's DNS, or a stand-in in tests). */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** Through the JVM's resolver, whose cache the HTTP client then connects through. */
  public static final PublicAddresses DNS = new PublicAddresses(InetAddress::getAllByName);

  private final Resolver resolver;

  public PublicAddresses(Resolver resolver) {
    this.resolver = resolver;
  }

  /**
   * Why the URL may not be used by a non-admin ({@code "resolves to 127.0.0.1, a loopback
   * address; …"}), or empty when every address of its host is public. A host that does not
   * resolve is no problem here: nothing can be reached through it.
   */
  public Optional<String> problem(String url) {
    String host;
    try {
      host = URI.create(url.strip()).getHost();
    } catch (IllegalArgumentException e) {
      return Optional.of("is not a URL");
    }
    if (host == null || host.isEmpty()) {
      return Optional.of("must name a host");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    for (InetAddress a : addresses) {
      Optional<String> kind = nonPublic(a);
      if (kind.isPresent()) {
        return Optional.of("resolves to " + a.getHostAddress() + ", " + kind.get()
            + "; only admins may point a provider at local, private or multicast addresses");
      }
    }
    return Optional.empty();
  }

  /** What kind of non-public address this is ("a loopback address" …), or empty for a public one. */
  static Optional<String> nonPublic(InetAddress a) {
    if (a.isAnyLocalAddress()) {
      return Optional.of("the unspecified address");
    }
    if (a.isLoopbackAddress()) {
      return Optional.of("a loopback address");
    }
    if (a.isLinkLocalAddress()) {
      return Optional.of("a link-local address");
    }
    if (a.isSiteLocalAddress()) {
      return Optional.of("a private address");
    }
    if (a.isMulticastAddress()) {
      return Optional.of("a multicast address");
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      return ipv4(b);
    }
    if (a instanceof Inet6Address) {
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) {
        return Optional.of("a private address"); // fc00::/7, unique local
      }
      if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) {
        return Optional.of("a reserved address"); // 2001:db8::/32, documentation
      }
      Optional<byte[]> embedded = embeddedIpv4(b);
      if (embedded.isPresent()) {
        return Optional.of(embedded.get()).flatMap(v4 -> {
          try {
            return nonPublic(InetAddress.getByAddress(v4)).map(kind -> kind + " (inside an IPv6 address)");
          } catch (UnknownHostException e) {
            return Optional.of("a reserved address");
          }
        });
      }
    }
    return Optional.empty();
  }

  private static Optional<String> ipv4(byte[] b) {
    int o0 = b[0] & 0xff;
    int o1 = b[1] & 0xff;
    int o2 = b[2] & 0xff;
    if (o0 == 0 || o0 >= 240) {
      return Optional.of("a reserved address"); // 0.0.0.0/8, 240.0.0.0/4 and broadcast
    }
    if (o0 == 100 && (o1 & 0xc0) == 64) {
      return Optional.of("a private address"); // 100.64.0.0/10, carrier-grade NAT
    }
    if (o0 == 192 && o1 == 0 && (o2 == 0 || o2 == 2)) {
      return Optional.of("a reserved address"); // 192.0.0.0/24 protocol assignments, 192.0.2.0/24
    }
    if ((o0 == 198 && o1 == 51 && o2 == 100) || (o0 == 203 && o1 == 0 && o2 == 113)) {
      return Optional.of("a reserved address"); // documentation
    }
    if (o0 == 198 && (o1 == 18 || o1 == 19)) {
      return Optional.of("a reserved address"); // 198.18.0.0/15, benchmarking
    }
    return Optional.empty();
  }

  /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 address. */
  private static Optional<byte[]> embeddedIpv4(byte[] b) {
    boolean zeros80 = true;
    for (int i = 0; i < 10; i++) {
      zeros80 &= b[i] == 0;
    }
    boolean mapped = zeros80 && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0));
    boolean nat64 = b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
    if (mapped || nat64) {
      return Optional.of(new byte[] {b[12], b[13], b[14], b[15]});
    }
    if (b[0] == 0x20 && b[1] == 0x02) { // 2002::/16, 6to4
      return Optional.of(new byte[] {b[2], b[3], b[4], b[5]});
    }
    return Optional.empty();
  }
}
