package io.relmon.scoring.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.scoring.StateFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The store form of a state's partners and the pivots it signalled, and the form before it. */
class PartnersFormatTest {

  @Test
  void shouldKeepPartnersAndSignalledPivotsThroughItsForm() {
    PivotProcessor.Partners partners = new PivotProcessor.Partners(
        Map.of("CHN", new PivotProcessor.Partner(-9.5, 1_767_830_400_000L, 3, List.of("e1", "e2")),
            "RUS", new PivotProcessor.Partner(12.0, 1_767_916_800_000L, 2, List.of())),
        Map.of("CHN>RUS", 1_767_916_800_000L));

    assertThat(PivotProcessor.Partners.decode(PivotProcessor.Partners.encode(partners))).isEqualTo(partners);
  }

  @Test
  void shouldReadTheFormWrittenBeforeSignalledPivotsWereKeptThere() {
    // Version 1: the partners alone (the pivots signalled were a store of their own then).
    byte[] version1 = new StateFormat.Writer(64, (byte) 1)
        .putInt(1).putString("CHN").putDouble(-9.5).putLong(1_767_830_400_000L).putInt(3).putStrings(List.of("e1"))
        .toByteArray();

    PivotProcessor.Partners read = PivotProcessor.Partners.decode(version1);

    assertThat(read.partners()).containsOnlyKeys("CHN");
    assertThat(read.partners().get("CHN").driverIds()).containsExactly("e1");
    assertThat(read.signalled()).isEmpty();
  }
}
