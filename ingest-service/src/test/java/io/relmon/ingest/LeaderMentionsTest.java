package io.relmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.coder.Coding;
import io.relmon.coder.KeywordCoder;
import io.relmon.coder.LeaderMention;
import io.relmon.schemas.avro.SourceKind;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderMentionsTest {

  private static final KeywordCoder CODER = new KeywordCoder();

  private static List<LeaderMention> mentions(String body, String published) {
    return CODER.code(new Article("t", null, "KCNA", "t", body, OffsetDateTime.parse(published)).text()).leaderMentions();
  }

  @Test
  void shouldListLeadersInOrderNamedOrOnlyTitledWithTheirGroup() {
    String body = """
        Kim Jong Un sent New Year cards to the Chinese President, the Vietnamese leader and the Cuban President.
        He also sent a warm message to Vladimir Putin, wishing Russia victory.
        Putin thanked him for his friendship and support on Jan. 2.""";

    List<LeaderMention> mentions = mentions(body, "2026-01-08T09:00:00+09:00");

    assertThat(mentions).extracting(LeaderMention::leaderCountry).containsExactly("PRK", "CHN", "VNM", "CUB", "RUS");
    LeaderMention china = mentions.get(1);
    assertThat(china.named()).isFalse();
    assertThat(china.leader()).isEqualTo("Xi Jinping");
    assertThat(china.groupSize()).isEqualTo(3);
    LeaderMention russia = mentions.get(4);
    assertThat(russia.named()).isTrue();
    assertThat(russia.groupSize()).isZero();
    assertThat(russia.textShare()).isGreaterThan(china.textShare());
  }

  @Test
  void shouldTreatATitleFollowedByANameAsNamed() {
    assertThat(mentions("Kim Jong Un met Chinese President Xi Jinping in Beijing.", "2026-01-08T09:00:00+09:00"))
        .filteredOn(m -> m.leaderCountry().equals("CHN"))
        .singleElement().extracting(LeaderMention::named).isEqualTo(true);
  }

  @Test
  void shouldKeepOnlyForeignLeadersOfStateMediaArticles() {
    Coding coding = new Coding(List.of(), List.of(
        new LeaderMention("PRK", "Kim Jong Un", 1, true, 0, 0.5),
        new LeaderMention("CHN", "Xi Jinping", 2, false, 3, 0.1)));

    Coding stateMedia = ArticleIngestorAccess.forOutlet(coding, new SourceRegistry.Outlet("KCNA", SourceKind.STATE_MEDIA, "PRK"));
    Coding newspaper = ArticleIngestorAccess.forOutlet(coding, new SourceRegistry.Outlet("Daily", SourceKind.NEWSPAPER, "KOR"));

    assertThat(stateMedia.leaderMentions()).singleElement().satisfies(m -> {
      assertThat(m.leaderCountry()).isEqualTo("CHN");
      assertThat(m.order()).isEqualTo(1);
    });
    assertThat(newspaper.leaderMentions()).isEmpty();
  }
}
