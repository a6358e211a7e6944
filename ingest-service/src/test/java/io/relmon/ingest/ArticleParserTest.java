package io.relmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArticleParserTest {

  @Test
  void shouldListEveryFieldErrorAtOnce() {
    ArticleParser.Parsed parsed = ArticleParser.fromJson(
        "{\"url\": \"ftp://x\", \"source\": 7, \"body\": \"\", \"published\": \"last Tuesday\"}", "test");

    assertThat(parsed.ok()).isFalse();
    assertThat(parsed.errors()).containsExactlyInAnyOrder(
        "source: must be a string, not number",
        "title: required",
        "body: required",
        "url: not an absolute http(s) URL",
        "published: not an ISO-8601 date or date-time (e.g. 2026-01-25T16:57:00+09:00)");
  }

  @Test
  void shouldRejectWhatIsNotAJsonObject() {
    assertThat(ArticleParser.fromJson("[1,2]", "t").errors()).singleElement().asString().startsWith("body: expected a JSON object");
    assertThat(ArticleParser.fromJson("{\"title\": ", "t").errors()).singleElement().asString().startsWith("body: not valid JSON");
  }

  @Test
  void shouldReadTheTextWithHeadersFormat() {
    ArticleParser.Parsed parsed = ArticleParser.fromTextWithHeaders("""
        title: Seoul and Tokyo hold talks
        url:
        source: relmon demo
        published: 2026-01-25T16:57:00+09:00

        First paragraph.
        Second paragraph.
        """, "a.txt");

    assertThat(parsed.ok()).isTrue();
    assertThat(parsed.article().url()).isNull();
    assertThat(parsed.article().body()).isEqualTo("First paragraph.\nSecond paragraph.");
    assertThat(parsed.article().published().toLocalDate()).hasToString("2026-01-25");
  }

  @Test
  void shouldGiveTheSameIdToTheSameUrlWithTrackingParameters() {
    String a = ArticleIds.forArticle("https://www.Example.com/news/1/?utm_source=x&b=2#top", "t", "x");
    String b = ArticleIds.forArticle("http://example.com/news/1?b=2&fbclid=abc", "other", "y");

    assertThat(a).isEqualTo(b).hasSize(32);
    assertThat(ArticleIds.forArticle(null, "Title", "Some  body.")).isEqualTo(ArticleIds.forArticle("", "title", "some body"));
  }

  @Test
  void shouldReadTheThreeIsoFormsOfPublishedAndNothingElse() {
    assertThat(ArticleParser.parseTime("2026-01-25T16:57:00+09:00")).hasToString("2026-01-25T16:57+09:00");
    assertThat(ArticleParser.parseTime("2026-01-25T07:57:00.250Z")).hasToString("2026-01-25T07:57:00.250Z");
    assertThat(ArticleParser.parseTime("2026-01-25t07:57z")).hasToString("2026-01-25T07:57Z");
    assertThat(ArticleParser.parseTime("2026-01-25T07:57:00")).hasToString("2026-01-25T07:57Z");
    assertThat(ArticleParser.parseTime("2026-01-25")).hasToString("2026-01-25T00:00Z");
    for (String bad : new String[] {"2026-02-30", "2026-01-25T25:00", "2026-01-25T07:57:00+09:00 JST", "25.01.2026", "2026-01-25T",
        "last Tuesday", ""}) {
      assertThat(ArticleParser.parseTime(bad)).as(bad).isNull();
    }
  }
}
