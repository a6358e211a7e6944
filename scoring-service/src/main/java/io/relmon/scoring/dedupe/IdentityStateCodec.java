package io.relmon.scoring.dedupe;

import io.relmon.schemas.AvroSerde;
import io.relmon.schemas.avro.CodedEvent;
import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.schemas.avro.EventType;
import io.relmon.schemas.avro.Modality;
import io.relmon.schemas.avro.SourceRef;
import io.relmon.scoring.StateFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The binary form of a {@link DedupedEvent} in {@code event-identity-store} and its changelog.
 *
 * <p>Why not Avro, as before: every identity entry written is encoded at the commit, and Avro's
 * generic writer (a union resolved, a field looked up and a logical type converted per field;
 * Avro's faster generated coders do not cover records with timestamps) was the largest piece of
 * the stream thread's commit — 8% of its time (docs/benchmarks.md, eleventh session). The store is
 * internal state, not a contract: this form writes the fields in order, and reads both it and the
 * Avro form the store held before (single-object, which begins {@code C3 01}, or a schema
 * registry's framing, {@code 00} — bytes this form's version never takes), so a store restored from
 * an older changelog reads on.
 *
 * <p>Every field of {@code DedupedEvent}, {@code CodedEvent} and {@code SourceRef} is written;
 * {@code IdentityStateCodecTest} fails when one of those schemas gains a field, so that this form
 * follows it.
 */
public final class IdentityStateCodec {

  static final byte VERSION = 1;
  private static final String STORE = "event-identity-store";
  private static final AvroSerde<DedupedEvent> BEFORE = AvroSerde.of(DedupedEvent.class);

  private IdentityStateCodec() {}

  public static byte[] encode(DedupedEvent e) {
    CodedEvent c = e.getEvent();
    StateFormat.Writer out = new StateFormat.Writer(256 + c.getEvidence().length() * 2 + 256 * e.getSources().size(), VERSION);
    out.putString(e.getEventId()).putString(e.getIdentity());
    out.putString(c.getType().name()).putString(c.getActor()).putStrings(c.getTargets()).putString(c.getDate())
        .putString(c.getModality().name()).putDouble(c.getWeight()).putDouble(c.getConfidence()).putString(c.getPlover())
        .putString(c.getPloverMode()).putString(c.getCameo()).putString(c.getEvidence()).putInt(c.getEvidenceStart())
        .putInt(c.getEvidenceEnd());
    out.putLong(e.getEventTime().toEpochMilli());
    writeSource(out, e.getFirstSeen());
    out.putInt(e.getCorroboration());
    out.putInt(e.getSources().size());
    for (SourceRef source : e.getSources()) {
      writeSource(out, source);
    }
    out.putLong(e.getUpdatedAt().toEpochMilli());
    return out.toByteArray();
  }

  /** Reads this form, or the Avro form (either framing) written before it. */
  public static DedupedEvent decode(byte[] data) {
    if (data.length == 0 || data[0] != VERSION) {
      // AvroSerde knows both of Avro's framings and says what else the bytes are not.
      try {
        return BEFORE.decode(data);
      } catch (SerializationException e) {
        throw new IllegalStateException(STORE + ": neither its binary form nor the Avro form before it: " + e.getMessage(), e);
      }
    }
    StateFormat.Reader in = new StateFormat.Reader(data, STORE, VERSION);
    String eventId = in.getString();
    String identity = in.getString();
    CodedEvent event = new CodedEvent(symbol(EventType.class, in.getString()), in.getString(), in.getStrings(), in.getString(),
        symbol(Modality.class, in.getString()), in.getDouble(), in.getDouble(), in.getString(), in.getString(), in.getString(),
        in.getString(), in.getInt(), in.getInt());
    Instant eventTime = Instant.ofEpochMilli(in.getLong());
    SourceRef firstSeen = readSource(in);
    int corroboration = in.getInt();
    int n = in.getInt();
    if (n < 0 || n > data.length / 16) { // a source takes at least 16 bytes
      throw new IllegalStateException(STORE + ": damaged state (" + n + " sources)");
    }
    List<SourceRef> sources = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      sources.add(readSource(in));
    }
    Instant updatedAt = Instant.ofEpochMilli(in.getLong());
    in.end();
    return new DedupedEvent(eventId, identity, event, eventTime, firstSeen, corroboration, sources, updatedAt);
  }

  /** An enum symbol by name; one the schema no longer has is named with the store. */
  private static <E extends Enum<E>> E symbol(Class<E> type, String name) {
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalStateException(STORE + ": damaged state, or a " + type.getSimpleName() + " this build lacks: " + name, e);
    }
  }

  private static void writeSource(StateFormat.Writer out, SourceRef s) {
    out.putString(s.getArticleId()).putString(s.getUrl()).putString(s.getSource()).putLong(s.getPublished().toEpochMilli())
        .putString(s.getTitle());
  }

  private static SourceRef readSource(StateFormat.Reader in) {
    return new SourceRef(in.getString(), in.getString(), in.getString(), Instant.ofEpochMilli(in.getLong()), in.getString());
  }
}
