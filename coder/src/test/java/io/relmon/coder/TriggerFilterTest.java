package io.relmon.coder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TriggerFilterTest {

  private static TriggerFilter filter(String regex) {
    return TriggerFilter.of(new Dictionaries.Trigger(null, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), null));
  }

  @Test
  void shouldRequireALiteralOfEachAlternative() {
    assertThat(filter("\\b(launch(ed|es)?|fir(e|ed))\\b[^.;]{0,60}?\\bmissiles?\\b|\\bnuclear test\\b").literals())
        .containsExactlyInAnyOrder("missile", "nuclear test");
  }

  @Test
  void shouldTakeEveryWordOfARequiredGroup() {
    assertThat(filter("\\b(sent|send)\\b[^.;]{0,60}\\b(troops|soldiers)\\b").literals())
        .containsExactlyInAnyOrder("troops", "soldiers");
  }

  @Test
  void shouldIgnoreOptionalPartsAndLookarounds() {
    assertThat(filter("\\bvisit(ed|s)? (?-i:(?=\\p{Lu}))").literals()).containsExactly("visit");
    assertThat(filter("(x|y)z").literals()).isEmpty();
  }

  @Test
  void shouldNeverRejectASentenceTheExpressionMatches() {
    for (var trigger : Dictionaries.load().triggers()) {
      TriggerFilter f = TriggerFilter.of(trigger);
      for (String sentence : new String[] {
          "Pyongyang test-fired a cruise missile.", "Seoul sent 200 soldiers to Kyiv.", "Xi held talks with Kim.",
          "Moscow delivered humanitarian aid to Pyongyang.", "They were only referred to by title and grouped with others.",
          "Beijing has not met Pyongyang's expectations.", "Lee arrived in Tokyo.", "KCNA gave extensive coverage to Putin."}) {
        if (trigger.pattern().matcher(sentence).find()) {
          assertThat(f.mayMatch(sentence.toLowerCase())).as("%s on %s", trigger.pattern(), sentence).isTrue();
        }
      }
    }
  }
}
