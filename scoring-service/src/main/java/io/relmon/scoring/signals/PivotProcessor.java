package io.relmon.scoring.signals;

import io.relmon.schemas.avro.Driver;
import io.relmon.schemas.avro.Signal;
import io.relmon.schemas.avro.SignalType;
import io.relmon.schemas.avro.WarmthUpdate;
import io.relmon.scoring.Dyads;
import io.relmon.scoring.dedupe.EventIdentity;
import java.time.Instant;
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

  /** What the processor keeps per state: its partners, and when each pivot was last signalled. */
  public record Partners(Map<String, Partner> partners, Map<String, Long> lastSignalled) {
    public Partners {
      partners = new TreeMap<>(partners);
      lastSignalled = new TreeMap<>(lastSignalled);
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
    Map<String, Long> lastSignalled = new TreeMap<>(known.lastSignalled());
    List<Signal> appeared = new ArrayList<>();
    for (var toward : partners.entrySet()) {
      for (var from : partners.entrySet()) {
        Partner up = toward.getValue();
        Partner down = from.getValue();
        boolean pivot = !toward.getKey().equals(from.getKey())
            && up.change30d() >= parameters.pivotThreshold() && down.change30d() <= -parameters.pivotThreshold()
            && up.eventCount() >= MIN_EVENTS && down.eventCount() >= MIN_EVENTS
            && Math.abs(up.asOf() - down.asOf()) <= window && asOf - Math.min(up.asOf(), down.asOf()) <= window;
        String key = from.getKey() + ">" + toward.getKey();
        Long last = lastSignalled.get(key);
        if (pivot && (last == null || asOf - last > window)) {
          long time = Math.max(up.asOf(), down.asOf());
          lastSignalled.put(key, time);
          appeared.add(signal(state, from.getKey(), toward.getKey(), down, up, time));
        }
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
