package io.relmon.coder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateResolverTest {

  @ParameterizedTest(name = "\"{0}\" published {1} -> {2}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      It happened on Jan. 4.                     | 2026-01-25 | 2026-01-04
      It happened on January 4, 2024.            | 2026-01-25 | 2024-01-04
      It happened on Sept. 3 last year.          | 2026-01-25 | 2025-09-03
      It happened on Dec. 30.                    | 2026-01-02 | 2025-12-30
      It happened on Monday.                     | 2026-01-25 | 2026-01-19
      It happened yesterday.                     | 2026-01-25 | 2026-01-24
      It happened earlier this month.            | 2026-01-25 | 2026-01
      It happened last month.                    | 2026-01-25 | 2025-12
      It happened at the end of last year.       | 2026-01-25 | 2025-12
      It happened in March.                      | 2026-01-25 | 2025-03
      It happened last year.                     | 2026-01-25 | 2025
      It happened earlier this year.             | 2026-07-25 | 2026
      It happened on 2026-01-04.                 | 2026-01-25 | 2026-01-04
      It happened three days ago.                | 2026-01-25 | 2026-01-22
      It happened 10 days ago.                   | 2026-01-25 | 2026-01-15
      It happened two weeks ago.                 | 2026-01-25 | 2026-01-11
      It happened two months ago.                | 2026-01-25 | 2025-11
      It happened a year ago.                    | 2026-01-25 | 2025
      It happened.                               | 2026-01-25 | null
      It was a year-long ban.                    | 2026-01-25 | null
      It happened on Feb. 30.                    | 2026-03-25 | null
      """)
  void shouldResolveAgainstThePublicationDate(String sentence, String published, String expected) {
    assertThat(DateResolver.resolve(sentence, 3, LocalDate.parse(published))).isEqualTo(expected);
  }
}
