package io.relmon.ingest;

import io.relmon.service.BearerToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relmon.service.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

  @Test
  void shouldRefuseSampleAndMonotonousTokens() {
    for (String token : new String[] {"change-me-to-32-random-characters", "REPLACE_ME_WITH_A_SECRET", "aaaaaaaaaaaaaaaaaaaa",
        "abababababababababab", "your-token-goes-in-here-please", "xxxxxxxxxxxxxxxxxxxxxxxx"}) {
      assertThatThrownBy(() -> IngestConfig.from(new Settings(Map.of("relmon.ingest.token", token)), Map.of()))
          .as(token).hasMessageContaining("relmon.ingest.token: looks like a placeholder");
    }
  }

  @Test
  void shouldAcceptAGeneratedToken() {
    String token = BearerToken.generate();
    assertThat(IngestConfig.placeholder(token)).isFalse();
    assertThat(IngestConfig.from(new Settings(Map.of("relmon.ingest.token", token)), Map.of()).token()).isEqualTo(token);
  }

  @Test
  void shouldReadTheNewLimitsWithTheirDefaults() {
    IngestConfig config = IngestConfig.from(new Settings(Map.of("relmon.ingest.token", BearerToken.generate(),
        "relmon.ingest.max.batch.items", "50", "relmon.ingest.published.max.ahead.minutes", "5")), Map.of());
    assertThat(config.maxBatchItems()).isEqualTo(50);
    assertThat(config.publishedRange().maxAhead()).isEqualTo(java.time.Duration.ofMinutes(5));
    assertThat(config.maxConcurrentRequests()).isGreaterThanOrEqualTo(4);
  }
}
