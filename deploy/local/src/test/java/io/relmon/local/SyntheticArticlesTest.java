package io.relmon.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.CodedEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bench's load has the dev set's shape (docs/benchmarks.md), and is the same on every run. */
class SyntheticArticlesTest {

  private static final int ARTICLES = 4_000;

  @Test
  void theSameSeedMakesTheSameArticles() {
    SyntheticArticles a = new SyntheticArticles(7);
    SyntheticArticles b = new SyntheticArticles(7);
    for (int i = 0; i < 200; i++) {
      assertThat(a.next()).isEqualTo(b.next());
    }
  }

  @Test
  void articlesHaveTheDevSetsShape() {
    List<ArticleEvent> articles = make();
    List<CodedEvent> events = articles.stream().flatMap(a -> a.getEvents().stream()).toList();
    assertThat((double) events.size() / ARTICLES).isCloseTo(8.0, within(0.4));

    long untargeted = events.stream().filter(e -> e.getTargets().isEmpty()).count();
    long twoTargets = events.stream().filter(e -> e.getTargets().size() == 2).count();
    assertThat((double) untargeted / events.size()).isBetween(0.01, 0.06);
    assertThat((double) twoTargets / events.size()).isBetween(0.03, 0.10);
    assertThat((double) events.stream().filter(e -> e.getDate() == null).count() / events.size()).isBetween(0.12, 0.24);

    // Another article on the same news: the same event again, about three in ten.
    Set<CodedEvent> distinct = new HashSet<>(events);
    assertThat(1 - (double) distinct.size() / events.size()).isBetween(0.2, 0.4);

    // A few states most of the time: the most reported one in far more events than the median one.
    Map<String, Integer> perState = new HashMap<>();
    events.forEach(e -> perState.merge(e.getActor(), 1, Integer::sum));
    List<Integer> counts = new ArrayList<>(perState.values());
    counts.sort(null);
    assertThat(counts.get(counts.size() - 1)).isGreaterThan(5 * counts.get(counts.size() / 2));
    assertThat(perState).hasSizeGreaterThan(50);
  }

  @Test
  void anArticleTellsOneStoryAsTheDevSetsDo() {
    // The dev set's gold codes: 2.74 routes per article (dyads, or an actor alone), 75% of an
    // article's events on its busiest one. Re-reports drawn from any recent article made 5.5.
    double routes = 0;
    double busiestShare = 0;
    for (ArticleEvent article : make()) {
      Map<String, Integer> perRoute = new HashMap<>();
      for (CodedEvent e : article.getEvents()) {
        List<String> dyads = e.getTargets().stream().filter(t -> !t.equals(e.getActor()))
            .map(t -> e.getActor().compareTo(t) < 0 ? e.getActor() + "-" + t : t + "-" + e.getActor()).toList();
        (dyads.isEmpty() ? List.of(e.getActor()) : dyads).forEach(route -> perRoute.merge(route, 1, Integer::sum));
      }
      routes += perRoute.size();
      busiestShare += (double) perRoute.values().stream().mapToInt(Integer::intValue).max().orElseThrow()
          / perRoute.values().stream().mapToInt(Integer::intValue).sum();
    }
    assertThat(routes / ARTICLES).isCloseTo(2.74, within(0.3));
    assertThat(busiestShare / ARTICLES).isCloseTo(0.75, within(0.06));
  }

  @Test
  void aDyadKeepsItsCharacter() {
    // Of the events between the two most reported states, most lean the way the dyad's tone does.
    double tone = SyntheticArticles.tone("USA", "CHN");
    long friendly = 0;
    long hostile = 0;
    for (ArticleEvent article : make()) {
      for (CodedEvent e : article.getEvents()) {
        boolean usaChn = e.getActor().equals("USA") && e.getTargets().equals(List.of("CHN"))
            || e.getActor().equals("CHN") && e.getTargets().equals(List.of("USA"));
        if (usaChn && e.getWeight() > 0) {
          friendly++;
        } else if (usaChn && e.getWeight() < 0) {
          hostile++;
        }
      }
    }
    assertThat(friendly + hostile).isGreaterThan(200);
    assertThat((double) friendly / (friendly + hostile)).isCloseTo(0.5 + 0.45 * tone, within(0.08));
  }

  @Test
  void newsArrivesInOrderAndNeverDatedAfterItsArticle() {
    Object previous = null;
    for (ArticleEvent article : make()) {
      if (previous != null) {
        assertThat(article.getPublished()).isAfterOrEqualTo((java.time.Instant) previous);
      }
      previous = article.getPublished();
      String day = article.getPublished().toString().substring(0, 10);
      article.getEvents().stream().filter(e -> e.getDate() != null)
          .forEach(e -> assertThat(e.getDate().compareTo(day)).isLessThanOrEqualTo(0));
    }
  }

  private static List<ArticleEvent> make() {
    SyntheticArticles load = new SyntheticArticles(2026);
    List<ArticleEvent> articles = new ArrayList<>();
    for (int i = 0; i < ARTICLES; i++) {
      articles.add(load.next());
    }
    return articles;
  }
}
