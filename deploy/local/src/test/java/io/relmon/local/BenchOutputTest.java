package io.relmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every form a latency quantile is printed in is one BenchCommandIT accepts (a loaded CI machine prints the last). */
class BenchOutputTest {

  @Test
  void shouldPrintEveryQuantileInTheFormTheItReads() {
    for (Double seconds : new Double[] {0.25, 12.0, Double.POSITIVE_INFINITY, Double.NaN, null}) {
      assertThat(BenchCommand.ms(seconds)).as(String.valueOf(seconds)).matches(BenchCommand.QUANTILE);
    }
    assertThat(BenchCommand.ms(Double.POSITIVE_INFINITY)).isEqualTo("beyond the largest bucket (30 s)");
    assertThat(BenchCommand.ms(0.25)).isEqualTo("<= 250 ms");
  }

  @Test
  void shouldReadTheAcceptanceTimeFromAnEmailsHeadersOnly() {
    String headers = "Message-ID: <a.desk@relmon>\r\nrelmon-article-accepted-at: 2026-01-14T08:30:00.125Z\r\nSubject: x\r\n\r\n";
    byte[] mail = (headers + "Relmon-Article-Accepted-At: 2020-01-01T00:00:00Z\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] bodyOnly = ("Subject: x\r\n\r\nRelmon-Article-Accepted-At: 2020-01-01T00:00:00Z\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] unreadable = ("Relmon-Article-Accepted-At: yesterday\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    assertThat(PipelineLoad.acceptedAt(mail)).hasValue(java.time.Instant.parse("2026-01-14T08:30:00.125Z").toEpochMilli());
    assertThat(PipelineLoad.acceptedAt(bodyOnly)).isEmpty();
    assertThat(PipelineLoad.acceptedAt(unreadable)).isEmpty();
  }

  @Test
  void shouldGiveNearestRankQuantilesOfTheLatencies() {
    long[] sorted = new long[200];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = i + 1;
    }
    assertThat(PipelineLoad.exactQuantiles(sorted))
        .containsEntry("p50", 100L).containsEntry("p95", 190L).containsEntry("p99", 198L).containsEntry("max", 200L).containsEntry("count", 200L);
    assertThat(PipelineLoad.exactQuantiles(new long[] {7})).containsEntry("p50", 7L).containsEntry("p99", 7L);
    assertThat(PipelineLoad.exactQuantiles(new long[0])).isEmpty();
  }
}
