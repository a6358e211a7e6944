package io.relmon.scoring.signals;

import io.relmon.schemas.avro.Driver;
import io.relmon.schemas.avro.Signal;
import io.relmon.schemas.avro.SignalType;
import io.relmon.schemas.avro.WarmthUpdate;
import io.relmon.scoring.Dyads;
import io.relmon.scoring.dedupe.EventIdentity;
import io.relmon.scoring.StateFormat;
import java.time.Instant;
import java.util.Collections;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * PIVOT (BRIEF §4): keyed by a state X, remembers the latest warmth of each of X's dyads; when,
 * within the pivot window, X's warmth toward A has risen by at least the threshold over 30 days
 * while toward B it has fallen by as much — each resting on at least two events, so that one
 * report does not make a pivot — X pivots from B to A. A pivot of X from B to A is signalled at
 * most once per window, on both dyads, citing the top drivers of each. Its weight is 0: it is
 * read from warmth, and counting it into warmth would feed the score back into itself.
 */
public final class PivotProcessor implements Processor<String, WarmthUpdate, String, Signal> {

  /**
   * What the processor keeps per state: its partners, and when each pivot was last signalled.
   * Read and written on every warmth update of the state's dyads, so its store form is binary
   * ({@link #encode}, {@link #decode}).
   */
  public record Partners(Map<String, Partner> partners, Map<String, Long> lastSignalled) {
    static final byte VERSION = 1;
    private static final String STORE = "state-partners-store";

    public Partners {
      partners = Collections.unmodifiableMap(new TreeMap<>(partners));
      lastSignalled = Collections.unmodifiableMap(new TreeMap<>(lastSignalled));
    }

    public static byte[] encode(Partners p) {
      StateFormat.Writer out = new StateFormat.Writer(64 + 80 * p.partners().size() + 24 * p.lastSignalled().size());
      out.putByte(VERSION).putInt(p.partners().size());
      p.partners().forEach((partner, last) -> out.putString(partner).putDouble(last.change30d()).putLong(last.asOf())
          .putInt(last.eventCount()).putStrings(last.driverIds()));
      out.putInt(p.lastSignalled().size());
      p.lastSignalled().forEach((pivot, time) -> out.putString(pivot).putLong(time));
      return out.toByteArray();
    }

    public static Partners decode(byte[] data) {
      if (data.length > 0 && data[0] == '{') {
        throw new IllegalStateException(STORE + " holds the JSON state of relmon 0.1: reset the scoring application"
            + " and replay (docs/runbook.md, 'Reset a Streams application')");
      }
      StateFormat.Reader in = new StateFormat.Reader(data, STORE);
      byte version = in.getByte();
      if (version != VERSION) {
        throw new IllegalStateException(STORE + ": unknown state version " + version);
      }
      Map<String, Partner> partners = new TreeMap<>();
      for (int i = in.getInt(); i > 0; i--) {
        partners.put(in.getString(), new Partner(in.getDouble(), in.getLong(), in.getInt(), in.getStrings()));
      }
      Map<String, Long> last = new TreeMap<>();
      for (int i = in.getInt(); i > 0; i--) {
        last.put(in.getString(), in.getLong());
      }
      return new Partners(partners, last);
    }
  }

  /** The latest warmth of X toward one partner. */
  public record Partner(double change30d, long asOf, int eventCount, List<String> driverIds) {}

  /** Events a side of a pivot must rest on. */
  static final int MIN_EVENTS = 2;

  private final String storeName;
  private final SignalParameters parameters;
  private ProcessorContext<String, Signal> context;
  private KeyValueStore<String, Partners> store;

  public PivotProcessor(String storeName, SignalParameters parameters) {
    this.storeName = storeName;
    this.parameters = parameters;
  }

  @Override
  public void init(ProcessorContext<String, Signal> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, WarmthUpdate> record) {
    String state = record.key();
    WarmthUpdate update = record.value();
    String[] pair = update.getDyad().split("-");
    String partner = pair[0].equals(state) ? pair[1] : pair[0];
    Partners known = Objects.requireNonNullElseGet(store.get(state), () -> new Partners(Map.of(), Map.of()));
    Map<String, Partner> partners = new TreeMap<>(known.partners());
    long asOf = update.getAsOf().toEpochMilli();
    partners.put(partner, new Partner(update.getChange30d(), asOf, update.getEventCount(),
        update.getDrivers().stream().map(Driver::getEventId).limit(3).toList()));

    long window = parameters.pivotWindow().toMillis();
    // A pivot signalled more than a window ago no longer holds one back: forget it (state stays small).
    Map<String, Long> lastSignalled = new TreeMap<>(known.lastSignalled());
    lastSignalled.values().removeIf(last -> asOf - last > window);
    // A pivot appears when one of its sides changes: only the pairs with this partner are new.
    Partner changed = partners.get(partner);
    List<Signal> appeared = new ArrayList<>();
    for (var other : partners.entrySet()) {
      if (!other.getKey().equals(partner)) {
        pivot(state, other.getKey(), other.getValue(), partner, changed, asOf, lastSignalled).ifPresent(appeared::add);
        pivot(state, partner, changed, other.getKey(), other.getValue(), asOf, lastSignalled).ifPresent(appeared::add);
      }
    }
    store.put(state, new Partners(partners, lastSignalled));
    for (Signal signal : appeared) {
      long time = signal.getEventTime().toEpochMilli();
      for (String target : signal.getTargets()) {
        context.forward(new Record<>(Dyads.key(state, target), signal, time, record.headers()));
      }
    }
  }

  /** The pivot of {@code state} from {@code from} to {@code toward}, when it holds and was not signalled within the window. */
  private java.util.Optional<Signal> pivot(String state, String from, Partner down, String toward, Partner up, long asOf,
      Map<String, Long> lastSignalled) {
    long window = parameters.pivotWindow().toMillis();
    boolean pivot = up.change30d() >= parameters.pivotThreshold() && down.change30d() <= -parameters.pivotThreshold()
        && up.eventCount() >= MIN_EVENTS && down.eventCount() >= MIN_EVENTS
        && Math.abs(up.asOf() - down.asOf()) <= window && asOf - Math.min(up.asOf(), down.asOf()) <= window;
    if (!pivot) {
      return java.util.Optional.empty();
    }
    String key = from + ">" + toward;
    Long last = lastSignalled.get(key);
    if (last != null && asOf - last <= window) {
      return java.util.Optional.empty();
    }
    long time = Math.max(up.asOf(), down.asOf());
    lastSignalled.put(key, time);
    return java.util.Optional.of(signal(state, from, toward, down, up, time));
  }

  private Signal signal(String state, String from, String toward, Partner down, Partner up, long time) {
    String date = Instant.ofEpochMilli(time).atZone(ZoneOffset.UTC).toLocalDate().toString();
    List<String> cited = new ArrayList<>(down.driverIds());
    cited.addAll(up.driverIds());
    return Signal.newBuilder()
        .setSignalId(EventIdentity.id("PIVOT|" + state + "|" + from + "|" + toward + "|" + date))
        .setType(SignalType.PIVOT)
        .setActor(state)
        .setTargets(List.of(from, toward))
        .setDate(date)
        .setWeight(0)
        .setExplanation(String.format(Locale.ROOT, "%s pivots from %s to %s: %+.1f toward %s and %+.1f toward %s in 30 days",
            state, from, toward, down.change30d(), from, up.change30d(), toward))
        .setCitedEventIds(cited)
        .setEventTime(Instant.ofEpochMilli(time))
        .build();
  }
}
