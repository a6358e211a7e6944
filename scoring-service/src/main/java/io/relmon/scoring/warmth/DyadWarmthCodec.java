package io.relmon.scoring.warmth;

import io.relmon.scoring.StateFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of {@link DyadWarmth} in {@code dyad-warmth-store} and its changelog. Every
 * contribution reads and writes its dyad's state, so the form is compact and fast (JSON took
 * most of the stream thread's CPU, docs/benchmarks.md). Internal state, not a contract: a
 * leading version byte lets a later form recognise, and migrate or refuse, this one.
 */
public final class DyadWarmthCodec {

  /** 2: contributions carry modality, sources and cited events; 1 (read only): without them. */
  static final byte VERSION = 2;
  static final byte FIRST_VERSION = 1;
  private static final String STORE = "dyad-warmth-store";

  private DyadWarmthCodec() {}

  public static byte[] encode(DyadWarmth w) {
    // A contribution holds its evidence sentence and its sources' titles and addresses: ~0.5 KB.
    StateFormat.Writer out = new StateFormat.Writer(64 + 16 * w.times().length + 512 * (w.drivers().size() + w.signals().size()),
        VERSION);
    out.putDouble(w.residual()).putLong(w.residualTime()).putInt(w.eventCount()).putLong(w.asOf())
        .putBoolean(w.published()).putInt(w.times().length);
    for (int i = 0; i < w.times().length; i++) {
      out.putLong(w.times()[i]).putDouble(w.weights()[i]);
    }
    writeContributions(out, w.drivers());
    writeContributions(out, w.signals());
    return out.toByteArray();
  }

  public static DyadWarmth decode(byte[] data) {
    StateFormat.Reader in = new StateFormat.Reader(data, STORE, FIRST_VERSION, VERSION);
    double residual = in.getDouble();
    long residualTime = in.getLong();
    int eventCount = in.getInt();
    long asOf = in.getLong();
    boolean published = in.getBoolean();
    int n = in.getInt();
    if (n < 0 || n > data.length / 16) {
      throw new IllegalStateException(STORE + ": damaged state (" + n + " event times)");
    }
    long[] times = new long[n];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      times[i] = in.getLong();
      weights[i] = in.getDouble();
    }
    List<Contribution> drivers = readContributions(in);
    List<Contribution> signals = readContributions(in);
    return new DyadWarmth(residual, residualTime, times, weights, drivers, signals, eventCount, asOf, published);
  }

  private static void writeContributions(StateFormat.Writer out, List<Contribution> contributions) {
    out.putInt(contributions.size());
    contributions.forEach(c -> writeContribution(out, c));
  }

  private static List<Contribution> readContributions(StateFormat.Reader in) {
    int n = in.getInt();
    List<Contribution> contributions = new ArrayList<>(Math.max(0, Math.min(n, 1024)));
    for (int i = 0; i < n; i++) {
      contributions.add(readContribution(in));
    }
    return contributions;
  }

  /** One contribution's fields (also the body of a record on signals-by-dyad), in the current version's form. */
  static void writeContribution(StateFormat.Writer out, Contribution c) {
    out.putString(c.eventId()).putString(c.type()).putString(c.actor()).putStrings(c.targets()).putString(c.date())
        .putLong(c.eventTime()).putDouble(c.weight()).putInt(c.corroboration()).putString(c.evidence()).putStrings(c.urls());
    out.putString(c.modality()).putInt(c.sources().size());
    for (Contribution.Source s : c.sources()) {
      out.putString(s.articleId()).putString(s.outlet()).putString(s.title()).putString(s.url()).putLong(s.published());
    }
    out.putInt(c.cited().size());
    for (Contribution cited : c.cited()) {
      writeContribution(out, cited);
    }
  }

  static Contribution readContribution(StateFormat.Reader in) {
    String eventId = in.getString();
    String type = in.getString();
    String actor = in.getString();
    List<String> targets = in.getStrings();
    String date = in.getString();
    long eventTime = in.getLong();
    double weight = in.getDouble();
    int corroboration = in.getInt();
    String evidence = in.getString();
    List<String> urls = in.getStrings();
    if (in.version() < 2) {
      return new Contribution(eventId, type, actor, targets, date, eventTime, weight, corroboration, evidence, urls);
    }
    String modality = in.getString();
    int n = in.getInt();
    if (n < 0 || n > Contribution.MAX_SOURCES) {
      throw new IllegalStateException(STORE + ": damaged state (" + n + " sources)");
    }
    List<Contribution.Source> sources = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      sources.add(new Contribution.Source(in.getString(), in.getString(), in.getString(), in.getString(), in.getLong()));
    }
    int m = in.getInt();
    if (m < 0 || m > 16) {
      throw new IllegalStateException(STORE + ": damaged state (" + m + " cited events)");
    }
    List<Contribution> cited = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      cited.add(readContribution(in));
    }
    return new Contribution(eventId, type, actor, targets, date, eventTime, weight, corroboration, evidence, urls, modality,
        sources, cited);
  }
}
