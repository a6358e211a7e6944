package io.relmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relmon.schemas.avro.SourceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceRegistryTest {

  private final SourceRegistry registry = SourceRegistry.load();

  @TempDir
  Path dir;

  @Test
  void shouldKnowTheOutletsOfTheRegionByNameAndByDomain() {
    assertThat(registry.lookup("KCNA", null)).isEqualTo(new SourceRegistry.Outlet("KCNA", SourceKind.STATE_MEDIA, "PRK"));
    assertThat(registry.lookup("rodong sinmun", null).country()).isEqualTo("PRK");
    assertThat(registry.lookup(null, "https://www.globaltimes.cn/page/1.shtml").kind()).isEqualTo(SourceKind.STATE_MEDIA);
    assertThat(registry.lookup("Some blog", "https://en.yna.co.kr/view/AEN1").name()).isEqualTo("Yonhap");
    assertThat(registry.lookup(null, "https://tass.com/politics/1").country()).isEqualTo("RUS");
    assertThat(registry.lookup("Kyodo News", null).kind()).isEqualTo(SourceKind.WIRE);
    assertThat(registry.lookup(null, "https://www.nytimes.com/2026/01/05/world/asia/x.html").country()).isEqualTo("USA");
    assertThat(registry.lookup(null, "https://www.mofa.go.jp/press").kind()).isEqualTo(SourceKind.GOVERNMENT);
    assertThat(registry.lookup(null, "https://beyondparallel.csis.org/x").kind()).isEqualTo(SourceKind.THINK_TANK);
  }

  @Test
  void shouldCallAnUnknownOutletOtherWithNoCountry() {
    assertThat(registry.lookup("The Village Gazette", "https://gazette.example/a"))
        .isEqualTo(new SourceRegistry.Outlet("The Village Gazette", SourceKind.OTHER, null));
  }

  @Test
  void shouldAddAnExtraFileAndReportItsBadRowsByLine() throws Exception {
    Path extra = dir.resolve("more.tsv");
    Files.writeString(extra, "# mine\nDaily NK\tdailynk.com\tNEWSPAPER\tKOR\n");
    assertThat(SourceRegistry.load(extra).lookup(null, "https://www.dailynk.com/english/x").name()).isEqualTo("Daily NK");

    Files.writeString(extra, "Daily NK\tdailynk.com\tBLOG\tKOR\nNK Pro\tnknews.org\tNEWSPAPER\tKorea\nonly two\tcolumns\n");
    assertThatThrownBy(() -> SourceRegistry.load(extra))
        .hasMessageContaining("more.tsv:1: kind 'BLOG' is not one of")
        .hasMessageContaining("more.tsv:2: country 'Korea' is not an ISO3 code")
        .hasMessageContaining("more.tsv:3: expected 4 tab-separated columns");
  }
}
