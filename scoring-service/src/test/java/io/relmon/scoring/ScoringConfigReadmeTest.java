package io.relmon.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.service.SettingsTable;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's table of settings is the code's: every key with its default and description, and no other. */
class ScoringConfigReadmeTest {

  @Test
  void shouldDocumentEverySettingWithItsDefaultAndNoOther() {
    assertThat(SettingsTable.problems(Path.of("README.md"), ScoringConfig.SETTINGS)).isEmpty();
  }
}
