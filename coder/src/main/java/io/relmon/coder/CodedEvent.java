package io.relmon.coder;

import io.relmon.coder.EventType;
import io.relmon.coder.Modality;
import java.util.List;

/**
 * One coded event; the fields are those of the {@code code} command's output and of the Avro
 * {@code CodedEvent} contract.
 *
 * @param date YYYY-MM-DD, YYYY-MM or YYYY; null when the text gives no date
 */
public record CodedEvent(
    EventType type, String actor, List<String> targets, String date, Modality modality,
    double weight, double confidence, String plover, String ploverMode, String cameo,
    String evidence, int evidenceStart, int evidenceEnd) {
  public CodedEvent {
    targets = List.copyOf(targets);
  }

  /** The same event with another date. */
  public CodedEvent withDate(String newDate) {
    return new CodedEvent(type, actor, targets, newDate, modality, weight, confidence, plover, ploverMode, cameo,
        evidence, evidenceStart, evidenceEnd);
  }
}
