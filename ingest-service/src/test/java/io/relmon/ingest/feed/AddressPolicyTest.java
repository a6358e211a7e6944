package io.relmon.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses a feed may make the service fetch from; names resolved without DNS. */
class AddressPolicyTest {

  /** Names this test resolves itself; a literal must never reach it. */
  private static final AddressPolicy.Resolver NAMES = host -> {
    Map<String, List<String>> names = Map.of(
        "evil.example", List.of("127.0.0.1"),
        "news.example", List.of("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"),
        "split.example", List.of("93.184.216.34", "10.0.0.7"),
        "metadata.example", List.of("169.254.169.254"),
        "lab.internal", List.of("10.1.2.3"));
    List<String> addresses = names.get(host);
    if (addresses == null) {
      throw new UnknownHostException(host);
    }
    return addresses.stream().map(AddressPolicyTest::address).toList();
  };

  private final AddressPolicy publicOnly = AddressPolicy.publicOnly().resolvingWith(NAMES);

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://127.0.0.1:8082/v1/warmth | a loopback address",
      "http://127.1.2.3/metrics | a loopback address",
      "http://[::1]:8082/ | a loopback address",
      "http://10.0.0.1/ | a private address (RFC 1918)",
      "http://172.16.0.1/ | a private address (RFC 1918)",
      "http://172.31.255.255/ | a private address (RFC 1918)",
      "http://192.168.1.1/ | a private address (RFC 1918)",
      "http://[fc00::1]/ | a unique local (private) address",
      "http://[fd12:3456::1]/ | a unique local (private) address",
      "http://169.254.1.1/ | a link-local address",
      "http://[fe80::1]/ | a link-local address",
      "http://0.0.0.0:8082/ | an unspecified ('this network') address",
      "http://[::]/ | an unspecified address",
      "http://224.0.0.1/ | a multicast address",
      "http://[ff02::1]/ | a multicast address",
      "http://255.255.255.255/ | a reserved or broadcast address",
      "http://100.64.0.1/ | a carrier-grade NAT address (100.64.0.0/10)",
      "http://100.127.255.254/ | a carrier-grade NAT address (100.64.0.0/10)",
      "http://169.254.169.254/latest/meta-data/ | a cloud metadata address",
      "http://[fd00:ec2::254]/latest/meta-data/ | a cloud metadata address",
      "http://[::ffff:127.0.0.1]/ | a loopback address",
      "http://[64:ff9b::a00:1]/ | a private address (RFC 1918) (10.0.0.1, inside an IPv6 address)",
      "http://[2002:7f00:1::]/ | a loopback address (127.0.0.1, inside an IPv6 address)",
  })
  void shouldRefuseEveryAddressThatIsNotPublicWithTheReason(String url, String what) throws Exception {
    AddressPolicy.Verdict verdict = publicOnly.check(URI.create(url));

    assertThat(verdict).isInstanceOf(AddressPolicy.Refused.class);
    assertThat(((AddressPolicy.Refused) verdict).reason()).contains(what).contains(AddressPolicy.ALLOW_SETTING);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://8.8.8.8/", "https://93.184.216.34/a.html", "http://172.32.0.1/", "http://172.15.255.255/",
      "http://100.128.0.1/", "http://100.63.255.255/", "http://169.253.255.255/", "http://[2606:4700::1111]/",
      "http://[2002:808:808::]/"})
  void shouldAllowPublicAddresses(String url) throws Exception {
    assertThat(publicOnly.check(URI.create(url))).isInstanceOf(AddressPolicy.Allowed.class);
  }

  @Test
  void shouldDecideOnTheResolvedAddressesNotTheName() throws Exception {
    AddressPolicy.Verdict evil = publicOnly.check(URI.create("https://evil.example/feed.xml"));
    AddressPolicy.Verdict split = publicOnly.check(URI.create("https://split.example/feed.xml"));
    AddressPolicy.Verdict metadata = publicOnly.check(URI.create("http://metadata.example/"));
    AddressPolicy.Verdict news = publicOnly.check(URI.create("https://NEWS.example./feed.xml"));

    assertThat(evil).isEqualTo(new AddressPolicy.Refused(
        "evil.example resolves to 127.0.0.1, a loopback address; only public addresses are fetched (see "
            + AddressPolicy.ALLOW_SETTING + ")"));
    assertThat(((AddressPolicy.Refused) split).reason()).as("every address must be public")
        .startsWith("split.example resolves to 10.0.0.7, a private address");
    assertThat(((AddressPolicy.Refused) metadata).reason()).contains("a cloud metadata address");
    assertThat(news).isInstanceOf(AddressPolicy.Allowed.class);
    assertThat(((AddressPolicy.Allowed) news).addresses()).hasSize(2);
  }

  @Test
  void shouldTreatAnUnknownHostAsAFailureNotARefusal() {
    assertThatThrownBy(() -> publicOnly.check(URI.create("https://nowhere.example/")))
        .isInstanceOf(UnknownHostException.class);
  }

  @Test
  void shouldRefuseWhatIsNotHttp() throws Exception {
    assertThat(publicOnly.check(URI.create("file:///etc/passwd"))).isInstanceOf(AddressPolicy.Refused.class);
    assertThat(publicOnly.check(URI.create("gopher://93.184.216.34/"))).isInstanceOf(AddressPolicy.Refused.class);
  }

  @Test
  void shouldNotResolveAddressLiterals() throws Exception {
    AddressPolicy noDns = AddressPolicy.publicOnly().resolvingWith(host -> {
      throw new AssertionError("resolved " + host);
    });

    assertThat(noDns.check(URI.create("http://127.0.0.1/"))).isInstanceOf(AddressPolicy.Refused.class);
    assertThat(noDns.check(URI.create("http://[::1]/"))).isInstanceOf(AddressPolicy.Refused.class);
    assertThat(noDns.check(URI.create("http://8.8.8.8/"))).isInstanceOf(AddressPolicy.Allowed.class);
  }

  @Test
  void shouldAllowWhatTheAllowListNamesAndNothingElse() throws Exception {
    AddressPolicy lab = AddressPolicy.allowing(" 127.0.0.1/32, lab.internal ,fd12::/16").resolvingWith(NAMES);

    assertThat(lab.check(URI.create("http://127.0.0.1:8080/feed.xml"))).isInstanceOf(AddressPolicy.Allowed.class);
    assertThat(lab.check(URI.create("http://lab.internal/feed.xml"))).isInstanceOf(AddressPolicy.Allowed.class);
    assertThat(lab.check(URI.create("http://[fd12::5]/"))).isInstanceOf(AddressPolicy.Allowed.class);
    assertThat(lab.check(URI.create("http://127.0.0.2:8080/"))).isInstanceOf(AddressPolicy.Refused.class);
    assertThat(lab.check(URI.create("http://evil.example/"))).as("its address is in an allowed range")
        .isInstanceOf(AddressPolicy.Allowed.class);
    assertThat(lab.check(URI.create("http://split.example/"))).isInstanceOf(AddressPolicy.Refused.class);
    assertThat(lab.check(URI.create("http://10.1.2.3/"))).as("the name is allowed, not its address")
        .isInstanceOf(AddressPolicy.Refused.class);
    assertThat(lab.check(URI.create("http://8.8.8.8/"))).isInstanceOf(AddressPolicy.Allowed.class);
  }

  @Test
  void shouldRefuseMetadataAddressesEvenWhenAllowed() throws Exception {
    AddressPolicy lax = AddressPolicy.allowing("169.254.0.0/16, metadata.example, fd00::/8").resolvingWith(NAMES);

    assertThat(lax.check(URI.create("http://169.254.1.1/"))).isInstanceOf(AddressPolicy.Allowed.class);
    assertThat(lax.check(URI.create("http://169.254.169.254/"))).isInstanceOf(AddressPolicy.Refused.class);
    assertThat(lax.check(URI.create("http://metadata.example/"))).isInstanceOf(AddressPolicy.Refused.class);
    assertThat(lax.check(URI.create("http://[fd00:ec2::254]/"))).isInstanceOf(AddressPolicy.Refused.class);
  }

  @Test
  void shouldReportEveryBadAllowListEntry() {
    assertThatThrownBy(() -> AddressPolicy.allowing("127.0.0.1/32, 10.0.0.0/33, bad host!, fd00::/200"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10.0.0.0/33").hasMessageContaining("'bad host!'").hasMessageContaining("fd00::/200")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("127.0.0.1/32"));
  }

  @Test
  void shouldSeeTheIpv4AddressInsideAnIpv4MappedIpv6Address() throws Exception {
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    mapped[12] = 127;
    mapped[15] = 1;
    InetAddress six = Inet6Address.getByAddress(null, mapped, null);
    AddressPolicy policy = AddressPolicy.publicOnly().resolvingWith(host -> List.of(six));

    assertThat(policy.check(URI.create("http://mapped.example/"))).isInstanceOf(AddressPolicy.Refused.class);
  }

  @Test
  void shouldMatchRangesToTheBit() {
    Cidr range = Cidr.parse("172.16.0.0/12");

    assertThat(range.contains(address("172.16.0.0"))).isTrue();
    assertThat(range.contains(address("172.31.255.255"))).isTrue();
    assertThat(range.contains(address("172.32.0.0"))).isFalse();
    assertThat(range.contains(address("172.15.255.255"))).isFalse();
    assertThat(range.contains(address("::1"))).isFalse();
    assertThat(Cidr.parse("fc00::/7").contains(address("fdff::1"))).isTrue();
    assertThat(Cidr.parse("fc00::/7").contains(address("fe00::1"))).isFalse();
    assertThat(Cidr.parse("10.1.2.3").bits()).isEqualTo(32);
    assertThat(Cidr.literal("news.example")).isNull();
    assertThat(Cidr.literal("300.1.1.1")).isNull();
  }

  private static InetAddress address(String literal) {
    return Cidr.literal(literal);
  }
}
