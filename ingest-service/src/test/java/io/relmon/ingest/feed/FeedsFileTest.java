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
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("feeds.yaml:1: interval: at least PT10S")
        .hasMessageContaining("feeds.yaml:3: url: 'ftp://example.org/feed' is not an absolute http(s) URL")
        .hasMessageContaining("feeds.yaml:4: url: required")
        .hasMessageContaining("feeds.yaml:6: url: https://example.org/a is listed twice")
        .hasMessageContaining("feeds.yaml:7: unknown key 'every'");
  }
}
