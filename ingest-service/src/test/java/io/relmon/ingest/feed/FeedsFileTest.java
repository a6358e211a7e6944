package io.relmon.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FeedsFileTest {

  @Test
  void shouldReadFeedsWithDefaultsAndOwnIntervals() {
    FeedsFile.Feeds feeds = FeedsFile.parse("""
        politeness: PT1S
        feeds:
          - url: https://www.example.org/rss.xml
            source: Yonhap
          - url: https://other.example/atom
            interval: PT1H
        """, "feeds.yaml");

    assertThat(feeds.politeness()).isEqualTo(Duration.ofSeconds(1));
    assertThat(feeds.feeds()).hasSize(2);
    assertThat(feeds.feeds().get(0).interval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(feeds.feeds().get(0).source()).isEqualTo("Yonhap");
    assertThat(feeds.feeds().get(1).interval()).isEqualTo(Duration.ofHours(1));
    assertThat(feeds.feeds().get(1).source()).isNull();
  }

  @Test
  void shouldReportEveryProblemWithItsLine() {
    assertThatThrownBy(() -> FeedsFile.parse("""
        interval: PT1S
        feeds:
          - url: ftp://example.org/feed
          - source: no url
          - url: https://example.org/a
          - url: https://example.org/a
            every: PT1M
        """, "feeds.yaml"))
        .isInstanceOfSatisfying(FeedsFile.FeedsException.class, e -> assertThat(e.problems()).containsExactly(
            "feeds.yaml:1: interval: at least PT10S (be kind to the sites)",
            "feeds.yaml:3: feeds[0].url: 'ftp://example.org/feed' is not an absolute http(s) URL",
            "feeds.yaml:4: feeds[1].url: required",
            "feeds.yaml:7: feeds[3].every: unknown key (expected one of [interval, source, url])",
            "feeds.yaml:6: feeds[3].url: https://example.org/a is listed twice"));
  }

  @Test
  void shouldRefuseAKeyGivenTwiceAndAnEmptyFile() {
    assertThatThrownBy(() -> FeedsFile.parse("""
        feeds:
          - url: https://example.org/a
            url: https://example.org/b
        """, "feeds.yaml"))
        .isInstanceOfSatisfying(FeedsFile.FeedsException.class, e -> assertThat(e.problems()).containsExactly(
            "feeds.yaml:3: feeds[0].url: appears twice"));
    assertThatThrownBy(() -> FeedsFile.parse("", "empty.yaml"))
        .isInstanceOfSatisfying(FeedsFile.FeedsException.class, e -> assertThat(e.problems()).containsExactly(
            "empty.yaml:1: expected a mapping with 'feeds'"));
  }
}
