package io.relmon.ingest.feed;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which addresses the feed poller may fetch from: public ones only, unless the operator allows
 * more ({@code relmon.ingest.feed.allow.hosts}). A feed is someone else's input, and its links
 * must not make the service read its own API, the host's other services, the private network or
 * the cloud's metadata endpoint (server-side request forgery).
 *
 * <p>The decision is made on the addresses the host name resolves to, never on the name: a name
 * resolving to 127.0.0.1 is as loopback as 127.0.0.1, and every address must be acceptable (the
 * connection may use any of them). The HTTP client resolves the name again when it connects, so a
 * name whose DNS answer changes in between (DNS rebinding) is not covered; see {@link SafeFetcher}.
 *
 * <p>Cloud metadata addresses are refused even when an allowed range holds them: nothing in a
 * feed ever needs the machine's credentials.
 */
public final class AddressPolicy {

  /** The verdict on one URL. */
  public sealed interface Verdict permits Allowed, Refused {}

  /** Every address the host resolves to may be fetched from. */
  public record Allowed(List<InetAddress> addresses) implements Verdict {}

  /** Not to be fetched: why, naming the host and the address. */
  public record Refused(String reason) implements Verdict {}

  /** Resolves a host name to its addresses (the system's DNS; tests map names themselves). */
  @FunctionalInterface
  public interface Resolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  public static final Resolver SYSTEM_DNS = host -> List.of(InetAddress.getAllByName(host));

  /** The setting that allows more than public addresses (named in refusals). */
  public static final String ALLOW_SETTING = "relmon.ingest.feed.allow.hosts";

  private record Range(Cidr cidr, String what) {}

  private static final List<Range> METADATA = List.of(
      range("169.254.169.254", "a cloud metadata address"),
      range("169.254.170.2", "a cloud metadata address"),
      range("100.100.100.200", "a cloud metadata address"),
      range("fd00:ec2::254", "a cloud metadata address"));

  /** Ranges that are not the public internet (IANA special-purpose registries). */
  private static final List<Range> NOT_PUBLIC = List.of(
      range("0.0.0.0/8", "an unspecified ('this network') address"),
      range("10.0.0.0/8", "a private address (RFC 1918)"),
      range("100.64.0.0/10", "a carrier-grade NAT address (100.64.0.0/10)"),
      range("127.0.0.0/8", "a loopback address"),
      range("169.254.0.0/16", "a link-local address"),
      range("172.16.0.0/12", "a private address (RFC 1918)"),
      range("192.0.0.0/24", "an IETF protocol address"),
      range("192.0.2.0/24", "a documentation address"),
      range("192.168.0.0/16", "a private address (RFC 1918)"),
      range("198.18.0.0/15", "a benchmarking address"),
      range("198.51.100.0/24", "a documentation address"),
      range("203.0.113.0/24", "a documentation address"),
      range("224.0.0.0/4", "a multicast address"),
      range("240.0.0.0/4", "a reserved or broadcast address"),
      range("::/128", "an unspecified address"),
      range("::1/128", "a loopback address"),
      range("100::/64", "a discard address"),
      range("2001:db8::/32", "a documentation address"),
      range("fc00::/7", "a unique local (private) address"),
      range("fe80::/10", "a link-local address"),
      range("fec0::/10", "a site-local address"),
      range("ff00::/8", "a multicast address"));

  private final Resolver resolver;
  private final Set<String> allowedHosts;
  private final List<Cidr> allowedRanges;

  private AddressPolicy(Resolver resolver, Set<String> allowedHosts, List<Cidr> allowedRanges) {
    this.resolver = resolver;
    this.allowedHosts = Set.copyOf(allowedHosts);
    this.allowedRanges = List.copyOf(allowedRanges);
  }

  /** Public addresses only (the default). */
  public static AddressPolicy publicOnly() {
    return new AddressPolicy(SYSTEM_DNS, Set.of(), List.of());
  }

  /**
   * Public addresses, and those the comma-separated {@code allowList} names: address ranges
   * ({@code 127.0.0.1/32}, {@code 10.1.0.0/16}, {@code fd12::/16}, a bare address) and host
   * names (everything the name resolves to, except metadata addresses). Throws
   * IllegalArgumentException naming every entry that is neither.
   */
  public static AddressPolicy allowing(String allowList) {
    Set<String> hosts = new TreeSet<>();
    List<Cidr> ranges = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String entry : allowList == null ? new String[0] : allowList.split(",")) {
      String e = entry.strip();
      if (e.isEmpty()) {
        continue;
      }
      if (Cidr.literal(e.contains("/") ? e.substring(0, e.indexOf('/')) : e) != null) {
        try {
          ranges.add(Cidr.parse(e));
        } catch (IllegalArgumentException bad) {
          errors.add("'" + e + "': " + bad.getMessage());
        }
      } else if (e.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?\\.?")) {
        hosts.add(hostKey(e));
      } else {
        errors.add("'" + e + "' is neither a host name nor an IP address or range");
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", errors));
    }
    return new AddressPolicy(SYSTEM_DNS, hosts, ranges);
  }

  /** This policy resolving names with {@code other} (tests: "evil.example" → 127.0.0.1, no DNS). */
  public AddressPolicy resolvingWith(Resolver other) {
    return new AddressPolicy(other, allowedHosts, allowedRanges);
  }

  /**
   * The verdict on {@code uri}'s host. Throws UnknownHostException when the name does not
   * resolve (a network failure, tried again later, not a refusal).
   */
  public Verdict check(URI uri) throws UnknownHostException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return new Refused(uri + " is not an http(s) URL");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return new Refused(uri + " has no host");
    }
    String host = hostKey(uri.getHost());
    InetAddress literal = Cidr.literal(host);
    List<InetAddress> addresses = literal != null ? List.of(literal) : resolver.resolve(host);
    if (addresses.isEmpty()) {
      throw new UnknownHostException(host + ": no address");
    }
    boolean hostAllowed = allowedHosts.contains(host);
    for (InetAddress address : addresses) {
      String metadata = what(address, METADATA);
      if (metadata != null) {
        return refused(host, address, metadata);
      }
      if (hostAllowed || allowedRanges.stream().anyMatch(r -> r.contains(address))) {
        continue;
      }
      String notPublic = notPublic(address);
      if (notPublic != null) {
        return refused(host, address, notPublic);
      }
    }
    return new Allowed(addresses);
  }

  /** Why {@code address} is not on the public internet, or null when it is. */
  static String notPublic(InetAddress address) {
    String what = what(address, METADATA);
    if (what == null) {
      what = what(address, NOT_PUBLIC);
    }
    InetAddress embedded = embeddedIpv4(address);
    if (what == null && embedded != null) {
      String inner = notPublic(embedded);
      what = inner == null ? null : inner + " (" + embedded.getHostAddress() + ", inside an IPv6 address)";
    }
    return what;
  }

  private static Refused refused(String host, InetAddress address, String what) {
    String ip = address.getHostAddress();
    String subject = Cidr.literal(host) != null ? host + " is " : host + " resolves to " + ip + ", ";
    return new Refused(subject + what + "; only public addresses are fetched (see " + ALLOW_SETTING + ")");
  }

  /**
   * The IPv4 address an IPv6 address carries and routes to: IPv4-mapped ({@code ::ffff:0:0/96}),
   * IPv4-compatible ({@code ::/96}), NAT64 ({@code 64:ff9b::/96}) and 6to4 ({@code 2002::/16});
   * else null.
   */
  private static InetAddress embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return null;
    }
    byte[] a = address.getAddress();
    boolean zero10 = true;
    for (int i = 0; i < 10; i++) {
      zero10 &= a[i] == 0;
    }
    int from = -1;
    if (zero10 && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) {
      from = 12;
    } else if (zero10 && a[10] == 0 && a[11] == 0) {
      from = 12;
    } else if (a[0] == 0 && a[1] == 0x64 && (a[2] & 0xff) == 0xff && (a[3] & 0xff) == 0x9b && allZero(a, 4, 12)) {
      from = 12;
    } else if (a[0] == 0x20 && a[1] == 0x02) {
      from = 2;
    }
    if (from < 0) {
      return null;
    }
    try {
      return InetAddress.getByAddress(new byte[] {a[from], a[from + 1], a[from + 2], a[from + 3]});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean allZero(byte[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static String what(InetAddress address, List<Range> ranges) {
    for (Range range : ranges) {
      if (range.cidr().contains(address)) {
        return range.what();
      }
    }
    return null;
  }

  /** A host as compared: lower case, without IPv6 brackets or a final dot. */
  private static String hostKey(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  private static Range range(String cidr, String what) {
    return new Range(Cidr.parse(cidr), what);
  }

  @Override
  public String toString() {
    return "AddressPolicy[public" + (allowedHosts.isEmpty() && allowedRanges.isEmpty() ? ""
        : ", allowed " + allowedHosts + " " + allowedRanges) + "]";
  }
}
