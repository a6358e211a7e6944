package io.relmon.scoring.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An event's identity keys the identity store and every event id: its form must never change
 * (a stored identity would no longer be found, and the event would count twice).
 */
class EventIdentityTest {

  private static final Instant PUBLISHED = Instant.parse("2026-03-04T10:00:00Z");

  @Test
  void shouldNameTypeActorSortedTargetsAndDate() {
    assertThat(EventIdentity.of("MISSILE_TEST", "PRK", List.of(), "2026-01-04", PUBLISHED)).isEqualTo("MISSILE_TEST|PRK||2026-01-04");
    assertThat(EventIdentity.of("SUMMIT", "CHN", List.of("RUS"), "2026-03", PUBLISHED)).isEqualTo("SUMMIT|CHN|RUS|2026-03");
    assertThat(EventIdentity.of("STATEMENT_HOSTILE", "PRK", List.of("USA", "KOR", "JPN"), "2026-01-04", PUBLISHED))
        .isEqualTo("STATEMENT_HOSTILE|PRK|JPN,KOR,USA|2026-01-04");
  }

  @Test
  void shouldNameAnUndatedEventByItsPublicationsIsoWeek() {
    assertThat(EventIdentity.of("AID", "JPN", List.of("PHL"), null, PUBLISHED)).isEqualTo("AID|JPN|PHL|2026-W10");
    // Week-based years: 2027-01-01 (a Friday) is in 2026's week 53, 2024-12-30 (a Monday) in 2025's first.
    assertThat(EventIdentity.of("AID", "JPN", List.of("PHL"), null, Instant.parse("2027-01-01T23:59:59Z"))).endsWith("|2026-W53");
    assertThat(EventIdentity.of("AID", "JPN", List.of("PHL"), null, Instant.parse("2024-12-30T00:00:00Z"))).endsWith("|2025-W01");
    assertThat(EventIdentity.id("AID|JPN|PHL|2026-W10")).hasSize(32);
  }
}
