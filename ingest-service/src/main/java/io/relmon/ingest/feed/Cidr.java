package io.relmon.ingest.feed;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address range such as {@code 10.0.0.0/8} or {@code fc00::/7}; a bare address
 * is a range of one. Parsing never looks a name up: only address literals are accepted.
 */
public record Cidr(InetAddress network, int bits) {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  public Cidr {
    int max = network.getAddress().length * 8;
    if (bits < 0 || bits > max) {
      throw new IllegalArgumentException("prefix length " + bits + " is outside 0.." + max);
    }
  }

  /** Parses {@code address[/bits]}; throws IllegalArgumentException when it is not one. */
  public static Cidr parse(String text) {
    String s = text.strip();
    int slash = s.indexOf('/');
    String address = slash < 0 ? s : s.substring(0, slash);
    InetAddress network = literal(address);
    if (network == null) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address or range");
    }
    int max = network.getAddress().length * 8;
    if (slash < 0) {
      return new Cidr(network, max);
    }
    try {
      return new Cidr(network, Integer.parseInt(s.substring(slash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
    }
  }

  /**
   * The address when {@code text} is an IPv4 or IPv6 literal, else null. Checked before
   * {@link InetAddress#getByName}, which would otherwise look a name up in DNS.
   */
  static InetAddress literal(String text) {
    String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    boolean v4 = IPV4.matcher(s).matches();
    if (v4) {
      for (String octet : s.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return null;
        }
      }
    } else if (s.indexOf(':') < 0) {
      return null;
    }
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    byte[] n = network.getAddress();
    if (a.length != n.length) {
      return false;
    }
    int full = bits / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != n[i]) {
        return false;
      }
    }
    int rest = bits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xff << (8 - rest) & 0xff;
    return (a[full] & mask) == (n[full] & mask);
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + bits;
  }
}
