package io.relmon.schemas;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12.2 refuses to instantiate classes it does not trust — when decoding, and when a
 * generated builder fills in a default value. relmon's generated classes are trusted here, once,
 * instead of asking every process for a system property. {@link AvroSerde} and {@link Topics}
 * call it; code that builds records before either is loaded (a test fixture) calls it itself.
 */
public final class AvroTrust {

  private static boolean installed;

  private AvroTrust() {}

  public static synchronized void install() {
    if (installed) {
      return;
    }
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(
            ClassSecurityValidator.getGlobal(),
            type -> type.getName().startsWith("io.relmon.schemas.avro.")));
    installed = true;
  }
}
