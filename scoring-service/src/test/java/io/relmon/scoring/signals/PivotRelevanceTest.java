package io.relmon.scoring.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.schemas.avro.WarmthUpdate;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** Only updates that can matter to the pivot detector reach it; none it needs is held back. */
class PivotRelevanceTest {

  private final MockProcessorContext<String, WarmthUpdate> context = new MockProcessorContext<>();
  private final PivotRelevance relevance = new PivotRelevance(8);

  @Test
  void passesChangesPastTheThresholdAndTheFirstWithinItAfterThem() {
    relevance.init(context);
    send("CHN-PRK", 3);   // nothing known yet: passes
    send("CHN-PRK", 5);   // within, and so was the last: held back
    send("CHN-PRK", -9);  // past
    send("CHN-PRK", 12);  // past
    send("CHN-PRK", 4);   // the first within after one past: the detector must forget the partner
    send("CHN-PRK", -2);  // within again: held back
    send("KOR-PRK", 1);   // another dyad, nothing known: passes
    assertThat(passed()).containsExactly("CHN-PRK 3.0", "CHN-PRK -9.0", "CHN-PRK 12.0", "CHN-PRK 4.0", "KOR-PRK 1.0");
  }

  @Test
  void forgetsWhatItPassedWhenInitialisedAgain() {
    relevance.init(context);
    send("CHN-PRK", 2);
    relevance.init(context);
    send("CHN-PRK", 1);
    assertThat(passed()).containsExactly("CHN-PRK 2.0", "CHN-PRK 1.0");
  }

  private void send(String dyad, double change30d) {
    WarmthUpdate update = WarmthUpdate.newBuilder().setDyad(dyad).setValue(0).setRaw(0).setChange7d(0).setChange30d(change30d)
        .setEventCount(2).setAsOf(Instant.parse("2026-01-05T00:00:00Z")).setHalfLifeDays(30).setScale(25).setDrivers(List.of()).build();
    relevance.process(new Record<>(dyad, update, 0L));
  }

  private List<String> passed() {
    return context.forwarded().stream().map(f -> f.record().key() + " " + f.record().value().getChange30d()).toList();
  }
}
