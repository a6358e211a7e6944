package io.relmon.scoring.signals;

import io.relmon.schemas.avro.Driver;
import io.relmon.schemas.avro.Signal;
import io.relmon.schemas.avro.SignalType;
import io.relmon.schemas.avro.WarmthUpdate;
import io.relmon.scoring.dedupe.EventIdentity;
import io.relmon.scoring.StateFormat;
import io.relmon.service.Dyad;
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
 * PIVOT (BRIEF §4): keyed by a state X, remembers the latest warmth of each of X's dyads whose
 * 30-day change is past the threshold (no other takes part in a pivot); when,
 * within the pivot window, X's warmth toward A has risen by at least the threshold over 30 days
 * while toward B it has fallen by as much — each resting on at least two events, so that one
 * report does not make a pivot — X pivots from B to A. A pivot of X from B to A is signalled at
 * most once per window, on both dyads, citing the top drivers of each. Its weight is 0: it is
 * read from warmth, and counting it into warmth would feed the score back into itself.
 *
 * <p>When one of X's dyads changes, it is paired with the partner that moved most the other way,
 * not with every partner that moved: a state in the news with sixty partners always has some
 * warming and some cooling past the threshold, and pairing them all signalled dozens of pivots per
 * update (180,000 signal records for 125,000 events of the bench's news-shaped load,
 * docs/benchmarks.md) — more than anyone reads. So an update signals at most one pivot with the
 * changed dyad as the side it rose on and one as the side it fell on.
 */
public final class PivotProcessor implements Processor<String, WarmthUpdate, String, Signal> {

  /**
   * What the processor keeps per state: the latest warmth of its partners past the threshold, and
   * when each of the state's pivots ({@code B>A}) was last signalled, for as long as that can hold
   * another back (the pivot window). Read on every warmth update of the state's dyads, so its store
   * form is binary ({@link #encode}, {@link #decode}). The pivots signalled were a store of their
   * own until version 2 of this form: a changelog record per pivot, where the state's own record
   * is written at the commit anyway (docs/benchmarks.md).
   */
  public record Partners(Map<String, Partner> partners, Map<String, Long> signalled) {
    static final byte VERSION = 2;
    private static final byte WITHOUT_SIGNALLED = 1;
    private static final String STORE = "state-partners-store";

    public Partners {
      // Sorted maps, so that a copy of them is built in order, without comparing keys (copying
      // a hub state's partners on every update showed in the stream thread's profile).
      partners = Collections.unmodifiableSortedMap(partners instanceof TreeMap<String, Partner> sorted ? sorted : new TreeMap<>(partners));
      signalled = Collections.unmodifiableSortedMap(signalled instanceof TreeMap<String, Long> sorted ? sorted : new TreeMap<>(signalled));
    }

    public static byte[] encode(Partners p) {
      StateFormat.Writer out = new StateFormat.Writer(64 + 80 * p.partners().size() + 24 * p.signalled().size(), VERSION);
      out.putInt(p.partners().size());
      p.partners().forEach((partner, last) -> out.putString(partner).putDouble(last.change30d()).putLong(last.asOf())
          .putInt(last.eventCount()).putStrings(last.driverIds()));
      out.putInt(p.signalled().size());
      p.signalled().forEach((pivot, time) -> out.putString(pivot).putLong(time));
      return out.toByteArray();
    }

    /** Reads this form, or version 1's (written before relmon kept the pivots signalled here: none). */
    public static Partners decode(byte[] data) {
      StateFormat.Reader in = new StateFormat.Reader(data, STORE, WITHOUT_SIGNALLED, VERSION);
      Map<String, Partner> partners = new TreeMap<>();
      for (int i = in.getInt(); i > 0; i--) {
        partners.put(in.getString(), new Partner(in.getDouble(), in.getLong(), in.getInt(), in.getStrings()));
      }
      Map<String, Long> signalled = new TreeMap<>();
      if (in.version() >= VERSION) {
        for (int i = in.getInt(); i > 0; i--) {
          signalled.put(in.getString(), in.getLong());
        }
      }
      return new Partners(partners, signalled);
    }
  }

  /** The latest warmth of X toward one partner. */
  public record Partner(double change30d, long asOf, int eventCount, List<String> driverIds) {}

  /** Drivers cited per side of a pivot. */
  public static final int MAX_CITED = 3;

  /** Events a side of a pivot must rest on. */
  static final int MIN_EVENTS = 2;

  private final String storeName;
  private final SignalParameters parameters;
  private ProcessorContext<String, Signal> context;
  private KeyValueStore<String, Partners> store;
  /** States whose partners its store (a {@code WriteBehindStore}) keeps decoded, most recently written (a state in the news has sixty partners). */
  public static final int RECENT_STATES = 500;

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
    Partner previous = known.partners().get(partner);
    long asOf = update.getAsOf().toEpochMilli();
    if (!pastThreshold(update.getChange30d(), parameters.pivotThreshold())) {
      // A partner whose change is within the threshold takes part in no pivot (either side needs a
      // change past it), so it is not kept, and an update of one that was not kept writes nothing
      // (under the bench's news-shaped load the state's writes fell by 30%).
      if (previous != null) {
        Map<String, Partner> partners = new TreeMap<>(known.partners());
        partners.remove(partner);
        store.put(state, new Partners(partners, known.signalled()));
      }
      return;
    }
    Map<String, Partner> partners = new TreeMap<>(known.partners());
    partners.put(partner, new Partner(update.getChange30d(), asOf, update.getEventCount(),
        update.getDrivers().stream().map(Driver::getEventId).limit(MAX_CITED).toList()));

    // A pivot appears when one of its sides changes: only the pairs with this partner are new, and
    // of those the one with the partner that moved most the other way.
    Partner changed = partners.get(partner);
    String mostCooled = null;
    String mostWarmed = null;
    for (var other : partners.entrySet()) {
      String name = other.getKey();
      Partner moved = other.getValue();
      if (name.equals(partner)) {
        continue;
      }
      if (holds(moved, changed, asOf) && (mostCooled == null || moved.change30d() < partners.get(mostCooled).change30d())) {
        mostCooled = name;
      }
      if (holds(changed, moved, asOf) && (mostWarmed == null || moved.change30d() > partners.get(mostWarmed).change30d())) {
        mostWarmed = name;
      }
    }
    List<Signal> appeared = new ArrayList<>();
    // Copied only when a pivot holds (it may be noted there).
    Map<String, Long> signalled = mostCooled == null && mostWarmed == null ? known.signalled() : new TreeMap<>(known.signalled());
    if (mostCooled != null) {
      signalOnce(state, mostCooled, partners.get(mostCooled), partner, changed, asOf, signalled).ifPresent(appeared::add);
    }
    if (mostWarmed != null) {
      signalOnce(state, partner, changed, mostWarmed, partners.get(mostWarmed), asOf, signalled).ifPresent(appeared::add);
    }
    if (!appeared.isEmpty() || !partners.get(partner).equals(previous)) {
      // A later report of a driver changes nothing here.
      store.put(state, new Partners(partners, withinWindow(signalled, asOf)));
    }
    for (Signal signal : appeared) {
      long time = signal.getEventTime().toEpochMilli();
      for (String target : signal.getTargets()) {
        context.forward(new Record<>(Dyad.key(state, target), signal, time, record.headers()));
      }
    }
  }

  /**
   * Whether a partner with this 30-day change can take part in a pivot (either side needs a change
   * past the threshold): the detector keeps only such partners, and {@link PivotRelevance} passes
   * on only the updates this, or the last one passed, holds for.
   */
  static boolean pastThreshold(double change30d, double threshold) {
    return Math.abs(change30d) >= threshold;
  }

  /** Whether a pivot from the partner {@code down} to the partner {@code up} holds as of {@code asOf}. */
  private boolean holds(Partner down, Partner up, long asOf) {
    long window = parameters.pivotWindow().toMillis();
    return up.change30d() >= parameters.pivotThreshold() && down.change30d() <= -parameters.pivotThreshold()
        && up.eventCount() >= MIN_EVENTS && down.eventCount() >= MIN_EVENTS
        && Math.abs(up.asOf() - down.asOf()) <= window && asOf - Math.min(up.asOf(), down.asOf()) <= window;
  }

  /**
   * The pivots of {@code signalled} that can still hold one back as of {@code asOf} (signalled
   * within the window): the others go when the state is written, so a state keeps a window's.
   */
  private Map<String, Long> withinWindow(Map<String, Long> signalled, long asOf) {
    long window = parameters.pivotWindow().toMillis();
    if (signalled.values().stream().allMatch(time -> asOf - time <= window)) {
      return signalled;
    }
    Map<String, Long> kept = new TreeMap<>(signalled);
    kept.values().removeIf(time -> asOf - time > window);
    return kept;
  }

  /**
   * The pivot of {@code state} from {@code from} to {@code toward}, unless it was signalled within
   * the window; noted in {@code signalled} (the state's, under {@code from>toward}) when it is.
   */
  private java.util.Optional<Signal> signalOnce(String state, String from, Partner down, String toward, Partner up, long asOf,
      Map<String, Long> signalled) {
    long window = parameters.pivotWindow().toMillis();
    String key = from + ">" + toward;
    Long last = signalled.get(key);
    if (last != null && asOf - last <= window) {
      return java.util.Optional.empty();
    }
    long time = Math.max(up.asOf(), down.asOf());
    signalled.put(key, time);
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
