package io.relmon.scoring.signals;

import io.relmon.schemas.avro.WarmthUpdate;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Passes on to the pivot detector, keyed by dyad, only the warmth updates that can matter to it:
 * a 30-day change past the threshold, or the first one within it after one past it (which takes
 * the partner out there). The detector keeps no partner within the threshold (PivotProcessor), so
 * the others would be repartitioned twice, read and dropped: under the bench's news-shaped load
 * they were a sixth of the warmth updates (hubs' partners are mostly past the threshold).
 *
 * <p>What was last passed per dyad is held in memory only, not in a store: after a restart (or a
 * task revived under exactly-once, which initialises its processors again) it is forgotten, and
 * each dyad's next update passes whatever its change — at worst one update the detector drops.
 */
public final class PivotRelevance implements Processor<String, WarmthUpdate, String, WarmthUpdate> {

  private final double threshold;
  /** Per dyad, whether the last update passed on was past the threshold. */
  private final Map<String, Boolean> lastPast = new HashMap<>();
  private ProcessorContext<String, WarmthUpdate> context;

  public PivotRelevance(double threshold) {
    this.threshold = threshold;
  }

  @Override
  public void init(ProcessorContext<String, WarmthUpdate> context) {
    this.context = context;
    lastPast.clear();
  }

  @Override
  public void process(Record<String, WarmthUpdate> record) {
    boolean past = PivotProcessor.pastThreshold(record.value().getChange30d(), threshold);
    Boolean before = lastPast.put(record.key(), past);
    if (before == null || before || past) {
      context.forward(record);
    }
  }
}
