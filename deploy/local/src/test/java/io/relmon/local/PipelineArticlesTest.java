package io.relmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.coder.ArticleText;
import io.relmon.coder.ClauseCoder;
import io.relmon.coder.CodedEvent;
import io.relmon.local.PipelineArticles.Article;
import io.relmon.local.PipelineArticles.Kind;
import io.relmon.service.Json;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pipeline's load is the same mix in every minute, for longer than a bench runs. */
class PipelineArticlesTest {

  private static final LocalDate FIRST = LocalDate.of(2026, 11, 20);
  /** Eight minutes and twenty seconds at 200 articles/s (the provocations repeat after 100,800). */
  private static final int ARTICLES = 100_000;

  @Test
  void noEventComesBackAsNewAndEveryMinuteHasTheSameMix() {
    PipelineArticles load = new PipelineArticles(FIRST);
    Set<String> reported = new HashSet<>();
    Map<String, Set<String>> summits = new java.util.HashMap<>();
    List<Map<Kind, Integer>> minutes = new ArrayList<>();
    for (int i = 0; i < ARTICLES; i++) {
      Article a = load.nextArticle();
      if (i % 12_000 == 0) {
        minutes.add(new EnumMap<>(Kind.class));
      }
      minutes.get(minutes.size() - 1).merge(a.kind(), 1, Integer::sum);
      String[] event = a.event().split("\\|", -1);
      switch (a.kind()) {
        case SUMMIT -> summits.put(event[3], Set.of(event[1], event[2]));
        case RE_REPORT -> assertThat(reported.contains(a.event())).as("a re-report of an earlier event: %s", a.event()).isTrue();
        case PROVOCATION -> {
          assertThat(summits).as("a provocation on a summit's date").containsKey(event[3]);
          assertThat(summits.get(event[3])).as("the provoker not at the summit: %s", a.event()).doesNotContain(event[1]);
          assertThat(reported.add(a.event())).as("a new provocation, article %d: %s", i, a.event()).isTrue();
        }
        case EVERYDAY -> {
          assertThat(reported.add(a.event())).as("a new everyday event, article %d: %s", i, a.event()).isTrue();
          assertThat(event[1]).isNotEqualTo(event[2]);
        }
      }
    }
    assertThat(summits).hasSize(PipelineArticles.DATES);
    // After the summits, each minute: 5% provocations, and of the everyday news three in ten re-reports.
    for (Map<Kind, Integer> minute : minutes.subList(1, ARTICLES / 12_000)) {
      assertThat(minute.get(Kind.PROVOCATION)).isEqualTo(600);
      assertThat(minute.get(Kind.RE_REPORT)).isBetween(3_410, 3_430);
      assertThat(minute.get(Kind.EVERYDAY)).isBetween(7_970, 7_990);
    }
  }

  @Test
  void aMinuteSpansTheYearAndEveryDyadAndEveryKindOfProvocation() {
    PipelineArticles load = new PipelineArticles(FIRST);
    Set<String> dates = new HashSet<>();
    Set<String> pairs = new HashSet<>();
    Set<String> provocationKinds = new HashSet<>();
    for (int i = 0; i < 12_000; i++) {
      Article a = load.nextArticle();
      String[] event = a.event().split("\\|", -1);
      if (a.kind() == Kind.EVERYDAY) {
        dates.add(event[3]);
        pairs.add(event[1] + "|" + event[2]);
      } else if (a.kind() == Kind.PROVOCATION) {
        provocationKinds.add(event[0]);
      }
    }
    assertThat(dates).hasSize(PipelineArticles.EVERYDAY_DAYS);
    assertThat(pairs).hasSize(16 * 15);
    assertThat(provocationKinds).containsExactlyInAnyOrder("MISSILE_TEST", "NUCLEAR_TEST", "MILITARY_EXERCISE");
  }

  @Test
  void theCoderReadsEachKindOfArticleAsTheEventItSaysItIs() throws Exception {
    PipelineArticles load = new PipelineArticles(FIRST);
    Map<Kind, Integer> checked = new EnumMap<>(Kind.class);
    Set<String> provocationKinds = new HashSet<>();
    ClauseCoder coder = new ClauseCoder();
    for (int i = 0; i < 400; i++) {
      Article a = load.nextArticle();
      String[] event = a.event().split("\\|", -1);
      boolean newProvocationKind = a.kind() == Kind.PROVOCATION && provocationKinds.add(event[0]);
      if (checked.getOrDefault(a.kind(), 0) >= 3 && !newProvocationKind) {
        continue;
      }
      checked.merge(a.kind(), 1, Integer::sum);
      var json = Json.MAPPER.readTree(a.json());
      List<CodedEvent> coded = coder.code(new ArticleText(json.path("title").asText(), json.path("body").asText(),
          OffsetDateTime.parse(json.path("published").asText()))).events();
      assertThat(coded).as(a.json()).hasSize(1);
      CodedEvent e = coded.get(0);
      assertThat(e.type().name()).as(a.json()).isEqualTo(event[0]);
      assertThat(e.targets()).as(a.json()).hasSize(event[2].isEmpty() ? 0 : 1);
      assertThat(e.date()).as(a.json()).isEqualTo(event[3]);
    }
    assertThat(checked.keySet()).containsExactlyInAnyOrder(Kind.values());
    assertThat(provocationKinds).hasSize(3);
  }
}
