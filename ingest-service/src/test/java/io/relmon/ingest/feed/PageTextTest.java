package io.relmon.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageTextTest {

  @Test
  void shouldTakeTheArticlesParagraphsOneALineAndLeaveTheRest() {
    PageText.Extracted page = PageText.extract("""
        <html><head><title>Paper | Seoul protests</title><style>p{}</style></head><body>
        <header><p>Masthead</p></header><nav><p>Sections</p></nav>
        <article><h1>Seoul protests launch</h1>
        <p>Seoul protested on <b>Jan. 9</b> &amp; summoned the envoy.</p>
        <p>The ministry called it a <a href="/x">grave</a> provocation.</p>
        <script>document.write('<p>injected</p>')</script></article>
        <aside><p>Most read</p></aside><footer><p>Imprint</p></footer></body></html>
        """, "https://paper.example/a");

    assertThat(page.title()).isEqualTo("Seoul protests launch");
    assertThat(page.text()).isEqualTo("Seoul protested on Jan. 9 & summoned the envoy.\nThe ministry called it a grave provocation.");
  }

  @Test
  void shouldFindTheDensestBlockWhenThereIsNoArticleElement() {
    PageText.Extracted page = PageText.extract("""
        <html><body><div class="menu"><p>One</p></div>
        <div class="story"><p>Beijing welcomed the visit on Monday, the ministry said in a statement.</p>
        <p>Talks will continue next month in Pyongyang.</p></div></body></html>
        """, "https://x.example/");

    assertThat(page.text()).isEqualTo("Beijing welcomed the visit on Monday, the ministry said in a statement.\n"
        + "Talks will continue next month in Pyongyang.");
  }
}
