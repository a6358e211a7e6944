package io.relmon.scoring;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Pieces of the binary forms of the state stores that every record reads and writes (the dyad's
 * warmth, a state's partners): fixed-width numbers, strings as length + UTF-8 (null as −1), lists
 * as count + items. On byte arrays directly: stream wrappers (DataInputStream over a
 * ByteArrayInputStream) read byte by byte through synchronized calls and cost more than the
 * state itself. Internal state, not a contract; each form starts with a version byte of its own.
 */
public final class StateFormat {
  private StateFormat() {}

  /** A store serde from a form's encode and decode. */
  public static <T> Serde<T> serde(Function<T, byte[]> encode, Function<byte[], T> decode) {
    return Serdes.serdeFrom((topic, value) -> value == null ? null : encode.apply(value),
        (topic, bytes) -> bytes == null ? null : decode.apply(bytes));
  }

  /** A growing byte array. */
  public static final class Writer {
    private ByteBuffer buffer;

    /** A form starting with its {@code version} byte. */
    public Writer(int expectedSize, byte version) {
      buffer = ByteBuffer.allocate(Math.max(64, expectedSize));
      putByte(version);
    }

    private ByteBuffer room(int bytes) {
      if (buffer.remaining() < bytes) {
        // Arrays.copyOf, not ByteBuffer.put(ByteBuffer): on Java 17 the latter copies through
        // Unsafe with checks per call, which showed in the stream thread's profile.
        int position = buffer.position();
        buffer = ByteBuffer.wrap(Arrays.copyOf(buffer.array(), Math.max(buffer.capacity() * 2, position + bytes)));
        buffer.position(position);
      }
      return buffer;
    }

    public Writer putByte(byte b) {
      room(1).put(b);
      return this;
    }

    public Writer putBoolean(boolean b) {
      return putByte((byte) (b ? 1 : 0));
    }

    public Writer putInt(int i) {
      room(4).putInt(i);
      return this;
    }

    public Writer putLong(long l) {
      room(8).putLong(l);
      return this;
    }

    public Writer putDouble(double d) {
      room(8).putDouble(d);
      return this;
    }

    public Writer putString(String s) {
      if (s == null) {
        return putInt(-1);
      }
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      room(4 + utf8.length).putInt(utf8.length).put(utf8);
      return this;
    }

    public Writer putStrings(List<String> list) {
      putInt(list.size());
      list.forEach(this::putString);
      return this;
    }

    public byte[] toByteArray() {
      return Arrays.copyOf(buffer.array(), buffer.position());
    }
  }

  /** Reads a form written by {@link Writer}; a truncated form is an {@link IllegalStateException}. */
  public static final class Reader {
    private final ByteBuffer buffer;
    private final String store;
    private final byte version;

    /**
     * Reads the form of {@code store} at {@code version}; refuses the JSON these stores held in
     * relmon 0.1, saying what to do, and any other version.
     */
    public Reader(byte[] data, String store, byte version) {
      this(data, store, version, version);
    }

    /** Reads any version of the form from {@code oldest} to {@code newest}; {@link #version()} says which. */
    public Reader(byte[] data, String store, byte oldest, byte newest) {
      this.buffer = ByteBuffer.wrap(data);
      this.store = store;
      if (data.length > 0 && data[0] == '{') {
        throw new IllegalStateException(store + " holds the JSON state of relmon 0.1 (before the binary form):"
            + " reset the scoring application and replay (docs/runbook.md, 'Reset a Streams application')");
      }
      byte found = getByte();
      if (found < oldest || found > newest) {
        throw new IllegalStateException(store + ": unknown state version " + found);
      }
      this.version = found;
    }

    /** The version of the form being read. */
    public byte version() {
      return version;
    }

    /** Throws unless every byte of the form was read: a longer form is damaged, or not this one. */
    public void end() {
      if (buffer.hasRemaining()) {
        throw new IllegalStateException(store + ": damaged state (" + buffer.remaining() + " bytes past its end)");
      }
    }

    /** Fails with a clear message when fewer than {@code bytes} remain. */
    private ByteBuffer need(int bytes) {
      if (buffer.remaining() < bytes) {
        throw new IllegalStateException(store + ": truncated or damaged state");
      }
      return buffer;
    }

    public byte getByte() {
      return need(1).get();
    }

    public boolean getBoolean() {
      return getByte() != 0;
    }

    public int getInt() {
      return need(4).getInt();
    }

    public long getLong() {
      return need(8).getLong();
    }

    public double getDouble() {
      return need(8).getDouble();
    }

    public String getString() {
      int length = getInt();
      if (length < 0) {
        return null;
      }
      need(length);
      String s = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
      buffer.position(buffer.position() + length);
      return s;
    }

    public List<String> getStrings() {
      int n = getInt();
      if (n < 0 || 4L * n > buffer.remaining()) { // each string takes at least its length
        throw new IllegalStateException(store + ": truncated or damaged state");
      }
      List<String> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(getString());
      }
      return list;
    }
  }
}
