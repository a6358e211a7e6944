package io.relmon.coder.world;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * People who act for a state, with their terms of office (leaders.tsv): the same title names a
 * different person in a different year, so a name counts for its state only around its terms.
 */
public final class Leaders {

  /** The kind of office: head of state, of government, both, foreign or defence minister, other. */
  public enum Kind { HOS, HOG, HOSG, FM, DM, OTHER;

    public boolean leads() {
      return this == HOS || this == HOG || this == HOSG;
    }
  }

  /** One term of office. */
  public record Term(String iso3, List<String> names, List<String> surnames, String role, Kind kind, LocalDate from,
      LocalDate to) {

    public boolean inOfficeOn(LocalDate date) {
      return !date.isBefore(from) && (to == null || !date.isAfter(to));
    }
  }

  private final List<Term> terms;

  private Leaders(List<Term> terms) {
    this.terms = List.copyOf(terms);
  }

  public static Leaders load() {
    List<Term> terms = new ArrayList<>();
    java.util.Set<String> codes = States.isoCodes();
    for (String[] row : DataFiles.rows("leaders.tsv")) {
      String iso3 = DataFiles.column(row, 0);
      if (!codes.contains(iso3)) {
        throw new IllegalStateException("leaders.tsv: not an ISO 3166 alpha-3 code: " + iso3 + " in " + String.join(" ", row));
      }
      String to = DataFiles.column(row, 6);
      terms.add(new Term(iso3, DataFiles.values(row, 1), DataFiles.values(row, 2), DataFiles.column(row, 3),
          Kind.valueOf(DataFiles.column(row, 4)), LocalDate.parse(DataFiles.column(row, 5)),
          to.isEmpty() ? null : LocalDate.parse(to)));
    }
    return new Leaders(terms);
  }

  public List<Term> terms() {
    return terms;
  }
}
