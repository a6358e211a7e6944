package io.relmon.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StateFormatTest {

  @Test
  void shouldReadBackEverythingWrittenPastManyGrowthsOfItsBuffer() {
    // The writer starts at 64 bytes and doubles: this crosses its growth several times, at
    // values of every width, so a growth that lost the position or a byte would show.
    StateFormat.Writer out = new StateFormat.Writer(0, (byte) 3);
    for (int i = 0; i < 500; i++) {
      out.putInt(i).putLong(-i * 1_000_003L).putDouble(i / 7.0).putBoolean(i % 2 == 0)
          .putString("sentence " + i + " — évidence").putStrings(List.of("a" + i, "b")).putString(null);
    }
    String longer = "x".repeat(100_000); // more than twice what the buffer holds by now
    out.putString(longer).putInt(42);

    StateFormat.Reader in = new StateFormat.Reader(out.toByteArray(), "test-store", (byte) 3);
    assertThat(in.version()).isEqualTo((byte) 3);
    for (int i = 0; i < 500; i++) {
      assertThat(in.getInt()).isEqualTo(i);
      assertThat(in.getLong()).isEqualTo(-i * 1_000_003L);
      assertThat(in.getDouble()).isEqualTo(i / 7.0);
      assertThat(in.getBoolean()).isEqualTo(i % 2 == 0);
      assertThat(in.getString()).isEqualTo("sentence " + i + " — évidence");
      assertThat(in.getStrings()).containsExactly("a" + i, "b");
      assertThat(in.getString()).isNull();
    }
    assertThat(in.getString()).isEqualTo(longer);
    assertThat(in.getInt()).isEqualTo(42);
    in.end();
  }
}
