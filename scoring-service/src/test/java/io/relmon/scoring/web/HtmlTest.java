package io.relmon.scoring.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void shouldEscapeEverythingThatCouldOpenMarkupOrCloseAnAttribute() {
    assertThat(Html.escape("<a href=\"x\" title='y'>&</a>")).isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    assertThat(Html.escape(null)).isEmpty();
  }

  @Test
  void shouldOnlyTakeHttpAndHttpsForWebUrls() {
    assertThat(Html.isWebUrl("https://example.org/x")).isTrue();
    assertThat(Html.isWebUrl("HTTP://example.org/x")).isTrue();
    assertThat(Html.isWebUrl("javascript:alert(1)")).isFalse();
    assertThat(Html.isWebUrl(" JavaScript:alert(1)")).isFalse();
    assertThat(Html.isWebUrl("data:text/html,<script>alert(1)</script>")).isFalse();
    assertThat(Html.isWebUrl("//example.org/x")).isFalse();
    assertThat(Html.isWebUrl(null)).isFalse();
  }

  @Test
  void shouldShowANonWebUrlAsTextNotAsALink() {
    String html = Html.externalLink("javascript:alert(1)", "Click <me>");

    assertThat(html).doesNotContain("href").contains("Click &lt;me&gt;").contains("javascript:alert(1)");
  }

  @Test
  void shouldLinkAWebUrlWithoutLendingItTheOpenerOrTheReferrer() {
    String html = Html.externalLink("https://example.org/?a=1&b=\"2\"", null);

    assertThat(html).isEqualTo("<a href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\" rel=\"noopener noreferrer nofollow\">"
        + "https://example.org/?a=1&amp;b=&quot;2&quot;</a>");
  }

  @Test
  void shouldKeepACodeFromTheDataToOnePathSegment() {
    assertThat(Html.pathSegment("CHN-PRK")).isEqualTo("CHN-PRK");
    assertThat(Html.pathSegment("a/b?c#d \"é")).isEqualTo("a%2Fb%3Fc%23d%20%22%C3%A9");
    assertThat(Html.internalLink("/dyads/", "X\"><script>", "x")).doesNotContain("<script>").contains("/dyads/X%22%3E%3Cscript%3E");
  }
}
