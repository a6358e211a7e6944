package io.relmon.scoring.warmth;

import io.relmon.scoring.StateFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The dyads of a task changed since their last publication, as committed with their states: what
 * a task opened after a crash publishes first (WarmthProcessor). One record per task, written at
 * most once per commit (a write-behind store), where a flag in each state cost a second changelog
 * record whenever a commit fell between a dyad's change and its publication (docs/benchmarks.md).
 * Immutable, and built one dyad at a time without copying: each dyad added is a new head on the
 * list before it, so the store holds each put as it was put. Its store form: a version byte, the
 * count, the dyads, oldest first.
 */
public final class UnpublishedDyads {

  public static final UnpublishedDyads NONE = new UnpublishedDyads(null, null, 0);
  static final byte VERSION = 1;
  private static final String STORE = "unpublished-dyads-store";

  private final String dyad;
  private final UnpublishedDyads before;
  private final int size;

  private UnpublishedDyads(String dyad, UnpublishedDyads before, int size) {
    this.dyad = dyad;
    this.before = before;
    this.size = size;
  }

  /** {@code dyads}, in their order (each once). */
  public static UnpublishedDyads of(Iterable<String> dyads) {
    UnpublishedDyads list = NONE;
    for (String dyad : dyads) {
      list = list.with(dyad);
    }
    return list;
  }

  /** These dyads and {@code dyad} (which the caller knows not to be among them). */
  public UnpublishedDyads with(String dyad) {
    return new UnpublishedDyads(dyad, this, size + 1);
  }

  public int size() {
    return size;
  }

  /** The dyads, in the order they were added. */
  public List<String> dyads() {
    List<String> out = new ArrayList<>(size);
    for (UnpublishedDyads at = this; at.size > 0; at = at.before) {
      out.add(at.dyad);
    }
    Collections.reverse(out);
    return out;
  }

  public static byte[] encode(UnpublishedDyads dyads) {
    List<String> all = dyads.dyads();
    StateFormat.Writer out = new StateFormat.Writer(16 + 12 * all.size(), VERSION);
    out.putStrings(all);
    return out.toByteArray();
  }

  public static UnpublishedDyads decode(byte[] data) {
    return of(new StateFormat.Reader(data, STORE, VERSION).getStrings());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof UnpublishedDyads that && dyads().equals(that.dyads());
  }

  @Override
  public int hashCode() {
    return dyads().hashCode();
  }

  @Override
  public String toString() {
    return "UnpublishedDyads" + dyads();
  }
}
