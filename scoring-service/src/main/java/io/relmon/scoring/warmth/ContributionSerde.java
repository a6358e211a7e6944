package io.relmon.scoring.warmth;

import io.relmon.scoring.StateFormat;
import io.relmon.service.JsonSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The form of a {@link Contribution} on the internal topic {@code signals-by-dyad} and in the stores: binary,
 * with the fields of the warmth state's drivers behind a version byte. Every event once crossed a
 * topic of contributions once per dyad, and Jackson's writing and reading of it took a tenth of
 * the stream thread (docs/benchmarks.md). Records written as JSON by an earlier build are still
 * read; an earlier build cannot read this form, so the two do not run side by side
 * (docs/runbook.md).
 */
public final class ContributionSerde {

  static final byte VERSION = DyadWarmthCodec.VERSION;
  private static final String TOPIC = "contribution";

  private ContributionSerde() {}

  public static Serde<Contribution> serde() {
    Deserializer<Contribution> json = new JsonSerde<>(Contribution.class).deserializer();
    return Serdes.serdeFrom((topic, c) -> c == null ? null : encode(c), (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length > 0 && bytes[0] == '{') {
        return json.deserialize(topic, bytes);
      }
      try {
        return decode(bytes);
      } catch (IllegalStateException e) {
        throw new SerializationException(e.getMessage(), e);
      }
    });
  }

  static byte[] encode(Contribution c) {
    StateFormat.Writer out = new StateFormat.Writer(96 + (c.evidence() == null ? 0 : 2 * c.evidence().length()), VERSION);
    DyadWarmthCodec.writeContribution(out, c);
    return out.toByteArray();
  }

  static Contribution decode(byte[] bytes) {
    return DyadWarmthCodec.readContribution(new StateFormat.Reader(bytes, TOPIC, DyadWarmthCodec.FIRST_VERSION, VERSION));
  }
}
