package io.relmon.coder.nlp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The greedy arc-standard transition parser of Chen &amp; Manning (2014), running the network of
 * Stanford CoreNLP's {@code nndep} models (we use its {@code english_UD} model) with the same
 * features, transitions and tie-breaking as CoreNLP's {@code DependencyParser}, so that it gives
 * the same trees ({@code ArcStandardParserIT} compares the two on every sentence of our golden
 * cases, for both arithmetic paths below).
 *
 * <p>Why not CoreNLP's own class: it spent ~6 ms of CPU per news sentence, three quarters of the
 * coder's time, in loops that mix {@code double} and {@code float} and that the JIT cannot
 * vectorise, and it keeps training state (AdaGrad sums, 50 MB) and a 160-MB table of doubles
 * in memory. Here every weight row is a {@code float} array of its own and every inner loop walks
 * its arrays at the same index, which is what the JIT needs to turn it into SIMD instructions:
 * <ul>
 *   <li>the first layer's weights per feature slot and embedding dimension, so a feature's
 *       contribution is 50 scaled rows of the hidden layer; contributions of part-of-speech and
 *       label features (a few hundred pairs) and of the model's most frequent word features
 *       are computed once at load, rarer words on first use (a bounded cache);
 *   <li>the output layer transposed, so the scores are 1,000 scaled rows of 83 transitions, with
 *       fused multiply-adds where the processor has them and plain ones elsewhere.
 * </ul>
 * Steps where the transition rules allow one choice skip the network. Sums are kept in
 * {@code float} where CoreNLP keeps {@code double}; a transition whose score ties another's to
 * float precision could go the other way, which the parity test would show.
 *
 * <p>Thread-safe: all state of a parse is local to the call; the cache is concurrent.
 */
public final class ArcStandardParser {

  private static final String UNKNOWN = "-UNKNOWN-";
  private static final String ROOT = "-ROOT-";
  private static final String NULL = "-NULL-";
  private static final int NONEXIST = -1;

  /** Feature slots: 18 words, 18 parts of speech, 12 labels (CoreNLP's order). */
  private static final int POS_OFFSET = 18;
  private static final int DEP_OFFSET = 36;
  private static final int STACK_OFFSET = 6;
  private static final int STACK_NUMBER = 6;

  private final int slots;
  private final int embedding;
  private final int hidden;
  private final int transitions;
  private final int labelCount;
  private final Map<String, Integer> wordIds;
  private final Map<String, Integer> posIds;
  private final int[] labelIds;
  private final String[] labels;
  private final int unknownWord;
  private final int unknownPos;
  private final int nullWord;
  private final int nullPos;
  private final int rootWord;
  private final int rootPos;
  private final int nullLabel;
  private final int unknownLabel;
  /** Embeddings, one row of {@code embedding} floats per id (words, then tags, then labels). */
  private final float[] embeddings;
  /** First layer: for slot s and dimension d, row s * embedding + d holds its weight for every hidden unit. */
  private final float[][] firstRows;
  private final float[] bias;
  /** Output layer transposed: for hidden unit h, its weight for every transition (padded with zeros). */
  private final float[][] outputRows;
  /** Whether to use fused multiply-adds (when the processor has them: one rounding, half the instructions). */
  private final boolean fused;
  /** Transitions rounded up to a multiple of 8 (the padding weighs nothing); hidden units are padded to a multiple of 8 too. */
  private final int paddedTransitions;
  private final float[] zeros;
  /** Hidden-layer contributions computed at load, at {@code id * slots + slot} (null where not computed). */
  private final float[][] precomputed;
  /** Contributions of rarer words, computed on first use (4 KB each; Caffeine keeps the ones that recur). */
  private final Cache<Integer, float[]> cached;

  private ArcStandardParser(Model m, int cacheSize, boolean fused) {
    this.fused = fused;
    this.cached = Caffeine.newBuilder().maximumSize(cacheSize).build();
    this.slots = m.slots;
    this.embedding = m.embedding;
    this.hidden = (m.hidden + 7) / 8 * 8;
    this.labelCount = m.labels.size() - 1;
    this.transitions = 2 * labelCount + 1;
    this.wordIds = m.wordIds;
    this.posIds = m.posIds;
    this.labels = m.labels.subList(1, m.labels.size()).toArray(new String[0]);
    this.labelIds = new int[m.labels.size()];
    this.embeddings = m.embeddings;
    this.firstRows = rows(m.firstLayer, m.slots * m.embedding, m.hidden, hidden, m.slots * m.embedding);
    this.bias = java.util.Arrays.copyOf(m.bias, hidden);
    this.paddedTransitions = (transitions + 7) / 8 * 8;
    this.outputRows = rows(m.outputLayer, m.hidden, transitions, paddedTransitions, hidden);
    this.zeros = new float[hidden];
    Map<String, Integer> labelIndex = new HashMap<>();
    for (int i = 0; i < m.labels.size(); i++) {
      labelIndex.put(m.labels.get(i), m.labelBase + i);
    }
    this.unknownWord = wordIds.get(UNKNOWN);
    this.unknownPos = posIds.get(UNKNOWN);
    this.nullWord = wordIds.get(NULL);
    this.nullPos = posIds.get(NULL);
    this.rootWord = wordIds.get(ROOT);
    this.rootPos = posIds.get(ROOT);
    this.nullLabel = labelIndex.get(NULL);
    this.unknownLabel = labelIndex.getOrDefault(UNKNOWN, nullLabel);
    // Label i of the transition system (labels[i]) has embedding id labelIndex.get(labels[i]).
    for (int i = 0; i < labels.length; i++) {
      labelIds[i] = labelIndex.get(labels[i]);
    }
    // One reference per (id, slot), mostly null: ~15 MB, but no boxing or hashing on the hot path.
    this.precomputed = new float[(m.labelBase + m.labels.size()) * slots][];
    // Every tag and label feature (a few hundred), then the model's own list of frequent features.
    for (int slot = POS_OFFSET; slot < slots; slot++) {
      int first = slot < DEP_OFFSET ? m.posBase : m.labelBase;
      int last = slot < DEP_OFFSET ? m.labelBase : m.labelBase + m.labels.size();
      for (int id = first; id < last; id++) {
        precomputed[id * slots + slot] = contribution(id, slot);
      }
    }
    for (int key : m.frequent) {
      if (key >= 0 && key < precomputed.length && precomputed[key] == null) {
        precomputed[key] = contribution(key / slots, key % slots);
      }
    }
  }

  /**
   * The rows of a row-major matrix as arrays of their own, widened with zeros, and extra rows of
   * zeros. One array per row keeps every inner loop at the same index in each array it touches,
   * which is what the JIT needs to vectorise it.
   */
  private static float[][] rows(float[] matrix, int rows, int columns, int width, int paddedRows) {
    float[][] out = new float[paddedRows][width];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(matrix, r * columns, out[r], 0, columns);
    }
    return out;
  }

  /** Whether this JVM runs {@link Math#fma} as one instruction (else it is a slow exact emulation). */
  static boolean fmaInHardware() {
    try {
      com.sun.management.HotSpotDiagnosticMXBean bean =
          java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
      return bean != null && Boolean.parseBoolean(bean.getVMOption("UseFMA").getValue());
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /**
   * Loads a CoreNLP nndep model (text, optionally gzipped) from the class path, computing the
   * contributions of its {@code frequentFeatures} most frequent features at once and keeping up to
   * {@code cacheSize} others as they are met (each costs 4 KB of heap).
   */
  public static ArcStandardParser load(String resource, int frequentFeatures, int cacheSize) {
    return load(resource, frequentFeatures, cacheSize, fmaInHardware());
  }

  /** As {@link #load(String, int, int)}, choosing whether to use fused multiply-adds (tests try both). */
  static ArcStandardParser load(String resource, int frequentFeatures, int cacheSize, boolean fused) {
    try (InputStream raw = ArcStandardParser.class.getClassLoader().getResourceAsStream(resource)) {
      if (raw == null) {
        throw new IllegalStateException("parser model not on the class path: " + resource);
      }
      InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
      return new ArcStandardParser(Model.read(reader, frequentFeatures), cacheSize, fused);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read parser model " + resource, e);
    }
  }

  /** The parse of one tagged sentence. */
  public record Arcs(int[] heads, String[] relations) {}

  /**
   * Heads (0-based token index, -1 for the root) and relations ("root" for the root) of a
   * sentence given its words and part-of-speech tags.
   */
  public Arcs parse(List<String> words, List<String> tags) {
    int n = words.size();
    // Node 0 is ROOT; tokens are 1..n. Ids of each node's word and tag, looked up once.
    int[] wordOf = new int[n + 1];
    int[] posOf = new int[n + 1];
    wordOf[0] = rootWord;
    posOf[0] = rootPos;
    for (int i = 1; i <= n; i++) {
      wordOf[i] = wordIds.getOrDefault(words.get(i - 1), unknownWord);
      posOf[i] = posIds.getOrDefault(tags.get(i - 1), unknownPos);
    }
    int[] head = new int[n + 1];
    int[] label = new int[n + 1];
    java.util.Arrays.fill(head, NONEXIST);
    java.util.Arrays.fill(label, -1);
    int[] stack = new int[n + 1];
    int depth = 0;
    stack[depth++] = 0;
    int next = 1;
    int[] feature = new int[slots];
    float[] layer = new float[hidden];
    float[] scores = new float[paddedTransitions];
    float[][] parts = new float[slots][];
    Configuration c = new Configuration(n, head, label);
    c.stack = stack;
    while (!(depth == 1 && next > n)) {
      int s0 = depth >= 1 ? stack[depth - 1] : NONEXIST;
      int s1 = depth >= 2 ? stack[depth - 2] : NONEXIST;
      int buffered = n - next + 1;
      int best = onlyTransition(s0, s1, depth, buffered);
      if (best < 0) {
        c.depth = depth;
        c.next = next;
        features(c, wordOf, posOf, feature);
        score(feature, parts, layer, scores);
        float bestScore = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < transitions; t++) {
          if (scores[t] > bestScore && canApply(t, s0, s1, depth, buffered)) {
            bestScore = scores[t];
            best = t;
          }
        }
      }
      if (best < 0) {
        // No transition scores above -inf (cannot happen with finite weights): shift or attach to finish.
        best = next <= n ? 2 * labelCount : labelCount;
      }
      if (best < labelCount) {
        head[s1] = s0;
        label[s1] = best;
        stack[depth - 2] = s0;
        depth--;
      } else if (best < 2 * labelCount) {
        head[s0] = s1;
        label[s0] = best - labelCount;
        depth--;
      } else {
        stack[depth++] = next++;
      }
    }
    int[] heads = new int[n];
    String[] relations = new String[n];
    for (int i = 1; i <= n; i++) {
      heads[i - 1] = head[i] - 1;
      relations[i - 1] = head[i] == 0 ? "root" : label[i] < 0 ? "dep" : labels[label[i]];
    }
    passiveSubjects(heads, relations);
    return new Arcs(heads, relations);
  }

  /**
   * The model labels a passive clause's subject {@code nsubj}; CoreNLP relabels it afterwards when
   * its head has an {@code aux:pass} child ({@code UniversalEnglishGrammaticalStructure.correctSubjPass}),
   * and so do we.
   */
  private static void passiveSubjects(int[] heads, String[] relations) {
    boolean[] passive = new boolean[heads.length];
    for (int i = 0; i < heads.length; i++) {
      if (relations[i].equals("aux:pass") && heads[i] >= 0) {
        passive[heads[i]] = true;
      }
    }
    for (int i = 0; i < heads.length; i++) {
      if (heads[i] >= 0 && passive[heads[i]]) {
        if (relations[i].equals("nsubj")) {
          relations[i] = "nsubj:pass";
        } else if (relations[i].equals("csubj")) {
          relations[i] = "csubj:pass";
        }
      }
    }
  }

  /**
   * The one transition the rules allow, or -1 when there is a choice. With ROOT and one word on the
   * stack only a shift is allowed while words remain, and only attaching the word to ROOT once none
   * remain; such steps (about one in four) need no scores: CoreNLP takes the only allowed transition
   * whatever its score.
   */
  private int onlyTransition(int s0, int s1, int depth, int buffered) {
    if (depth <= 2 && buffered > 0) {
      return 2 * labelCount;
    }
    if (depth == 2 && s1 == 0) {
      return labelCount; // R(root): the root label is label 0
    }
    return -1;
  }

  private boolean canApply(int t, int s0, int s1, int depth, int buffered) {
    if (t < 2 * labelCount) {
      boolean left = t < labelCount;
      int l = left ? t : t - labelCount;
      int h = left ? s0 : s1;
      if (h < 0) {
        return false;
      }
      boolean rootLabel = l == 0;
      if (h == 0 && !rootLabel) {
        return false;
      }
      if (h > 0 && rootLabel) {
        return false;
      }
      return left ? depth > 2 : depth > 2 || (depth == 2 && buffered == 0);
    }
    return buffered > 0;
  }

  /** The parser state read by the features: the stack, the first buffered token, the arcs so far. */
  private static final class Configuration {
    final int n;
    final int[] head;
    final int[] label;
    int[] stack;
    int depth;
    int next;

    Configuration(int n, int[] head, int[] label) {
      this.n = n;
      this.head = head;
      this.label = label;
    }

    int stack(int k) {
      return k < depth ? stack[depth - 1 - k] : NONEXIST;
    }

    int buffer(int k) {
      int i = next + k;
      return i <= n ? i : NONEXIST;
    }

    /** The cnt-th child left of k, counting from the leftmost. */
    int leftChild(int k, int cnt) {
      if (k < 0 || k > n) {
        return NONEXIST;
      }
      int c = 0;
      for (int i = 1; i < k; i++) {
        if (head[i] == k && ++c == cnt) {
          return i;
        }
      }
      return NONEXIST;
    }

    /** The cnt-th child right of k, counting from the rightmost. */
    int rightChild(int k, int cnt) {
      if (k < 0 || k > n) {
        return NONEXIST;
      }
      int c = 0;
      for (int i = n; i > k; i--) {
        if (head[i] == k && ++c == cnt) {
          return i;
        }
      }
      return NONEXIST;
    }
  }

  private void features(Configuration c, int[] wordOf, int[] posOf, int[] f) {
    for (int j = 2; j >= 0; j--) {
      int index = c.stack(j);
      f[2 - j] = word(index, wordOf);
      f[POS_OFFSET + 2 - j] = pos(index, posOf);
    }
    for (int j = 0; j <= 2; j++) {
      int index = c.buffer(j);
      f[3 + j] = word(index, wordOf);
      f[POS_OFFSET + 3 + j] = pos(index, posOf);
    }
    for (int j = 0; j <= 1; j++) {
      int k = c.stack(j);
      int base = STACK_OFFSET + j * STACK_NUMBER;
      int dep = DEP_OFFSET + j * STACK_NUMBER;
      int[] nodes = {
        c.leftChild(k, 1), c.rightChild(k, 1), c.leftChild(k, 2), c.rightChild(k, 2),
        c.leftChild(c.leftChild(k, 1), 1), c.rightChild(c.rightChild(k, 1), 1)};
      for (int m = 0; m < nodes.length; m++) {
        int index = nodes[m];
        f[base + m] = word(index, wordOf);
        f[POS_OFFSET + base + m] = pos(index, posOf);
        f[dep + m] = label(index, c);
      }
    }
  }

  private int word(int index, int[] wordOf) {
    return index < 0 || index >= wordOf.length ? nullWord : wordOf[index];
  }

  private int pos(int index, int[] posOf) {
    return index < 0 || index >= posOf.length ? nullPos : posOf[index];
  }

  private int label(int index, Configuration c) {
    if (index <= 0 || index > c.n) {
      return nullLabel;
    }
    int l = c.label[index];
    return l < 0 ? unknownLabel : labelIds[l];
  }

  /** Scores of every transition for one feature vector: hidden = (sum of contributions + bias)^3, then the output layer. */
  private void score(int[] feature, float[][] parts, float[] layer, float[] scores) {
    System.arraycopy(bias, 0, layer, 0, hidden);
    for (int slot = 0; slot < slots; slot++) {
      int key = feature[slot] * slots + slot;
      float[] part = precomputed[key];
      if (part == null) {
        part = cached.get(key, k -> contribution(k / slots, k % slots));
      }
      parts[slot] = part;
    }
    // Four contributions per pass: a quarter of the loads and stores of the running sum.
    int slot = 0;
    for (; slot + 4 <= slots; slot += 4) {
      add4(layer, parts[slot], parts[slot + 1], parts[slot + 2], parts[slot + 3]);
    }
    for (; slot < slots; slot++) {
      add4(layer, parts[slot], zeros, zeros, zeros);
    }
    for (int h = 0; h < hidden; h++) {
      float x = layer[h];
      layer[h] = x * x * x;
    }
    // Several hidden units per pass over the (padded) transition scores: the loop over 83 transitions
    // is short, so each pass does as much work per load and store of the scores as it can.
    java.util.Arrays.fill(scores, 0f);
    float[][] w = outputRows;
    if (fused) {
      for (int h = 0; h < hidden; h += 4) {
        float a = layer[h];
        float b = layer[h + 1];
        float c = layer[h + 2];
        float d = layer[h + 3];
        float[] r0 = w[h];
        float[] r1 = w[h + 1];
        float[] r2 = w[h + 2];
        float[] r3 = w[h + 3];
        for (int t = 0; t < scores.length; t++) {
          scores[t] = Math.fma(r3[t], d, Math.fma(r2[t], c, Math.fma(r1[t], b, Math.fma(r0[t], a, scores[t]))));
        }
      }
      return;
    }
    for (int h = 0; h < hidden; h += 8) {
      float a = layer[h];
      float b = layer[h + 1];
      float c = layer[h + 2];
      float d = layer[h + 3];
      float e = layer[h + 4];
      float f = layer[h + 5];
      float g = layer[h + 6];
      float k = layer[h + 7];
      float[] r0 = w[h];
      float[] r1 = w[h + 1];
      float[] r2 = w[h + 2];
      float[] r3 = w[h + 3];
      float[] r4 = w[h + 4];
      float[] r5 = w[h + 5];
      float[] r6 = w[h + 6];
      float[] r7 = w[h + 7];
      for (int t = 0; t < scores.length; t++) {
        scores[t] += ((r0[t] * a + r1[t] * b) + (r2[t] * c + r3[t] * d)) + ((r4[t] * e + r5[t] * f) + (r6[t] * g + r7[t] * k));
      }
    }
  }

  private static void add4(float[] into, float[] a, float[] b, float[] c, float[] d) {
    for (int i = 0; i < into.length; i++) {
      into[i] += (a[i] + b[i]) + (c[i] + d[i]);
    }
  }

  /** The first layer's product with the embedding of {@code id} in {@code slot}. */
  private float[] contribution(int id, int slot) {
    float[] out = new float[hidden];
    int e = id * embedding;
    for (int d = 0; d < embedding; d++) {
      axpy(out, firstRows[slot * embedding + d], embeddings[e + d]);
    }
    return out;
  }

  private static void axpy(float[] into, float[] row, float scale) {
    for (int i = 0; i < into.length; i++) {
      into[i] += row[i] * scale;
    }
  }

  /** The model file's contents, in the layout above. */
  private static final class Model {
    int slots;
    int embedding;
    int hidden;
    int posBase;
    int labelBase;
    Map<String, Integer> wordIds = new HashMap<>();
    Map<String, Integer> posIds = new HashMap<>();
    List<String> labels = new ArrayList<>();
    float[] embeddings;
    float[] firstLayer;
    float[] bias;
    float[] outputLayer;
    int[] frequent;

    /** CoreNLP's format: a header of counts, the embeddings, W1 by columns, b1, W2 by columns, the precomputed feature ids. */
    static Model read(BufferedReader in, int frequentFeatures) throws IOException {
      Model m = new Model();
      String line = in.readLine();
      if (line.startsWith("language=")) {
        in.readLine(); // the treebank language pack
        line = in.readLine();
      }
      int words = count(line);
      int tags = count(in.readLine());
      int labelCount = count(in.readLine());
      m.embedding = count(in.readLine());
      m.hidden = count(in.readLine());
      m.slots = count(in.readLine());
      int frequentCount = count(in.readLine());
      int ids = words + tags + labelCount;
      m.posBase = words;
      m.labelBase = words + tags;
      m.embeddings = new float[ids * m.embedding];
      for (int id = 0; id < ids; id++) {
        String[] parts = in.readLine().split(" ");
        String name = parts[0];
        if (id < words) {
          m.wordIds.put(name, id);
        } else if (id < m.labelBase) {
          m.posIds.put(name, id);
        } else {
          m.labels.add(name);
        }
        for (int d = 0; d < m.embedding; d++) {
          m.embeddings[id * m.embedding + d] = Float.parseFloat(parts[d + 1]);
        }
      }
      // W1 is [hidden][slots * embedding]; the file holds one line per column. Column j = slot * embedding + d
      // is exactly the row this class wants at j * hidden.
      int columns = m.slots * m.embedding;
      m.firstLayer = new float[columns * m.hidden];
      for (int j = 0; j < columns; j++) {
        floats(in.readLine(), m.firstLayer, j * m.hidden, m.hidden);
      }
      m.bias = new float[m.hidden];
      floats(in.readLine(), m.bias, 0, m.hidden);
      int outputs = labelCount * 2 - 1;
      // W2 is [outputs][hidden]; one line per hidden unit holds that unit's weight for every output.
      m.outputLayer = new float[m.hidden * outputs];
      for (int h = 0; h < m.hidden; h++) {
        floats(in.readLine(), m.outputLayer, h * outputs, outputs);
      }
      List<Integer> frequent = new ArrayList<>();
      while (frequent.size() < Math.min(frequentCount, frequentFeatures)) {
        String l = in.readLine();
        if (l == null) {
          break;
        }
        for (String id : l.split(" ")) {
          if (!id.isEmpty() && frequent.size() < frequentFeatures) {
            frequent.add(Integer.parseInt(id));
          }
        }
      }
      m.frequent = frequent.stream().mapToInt(Integer::intValue).toArray();
      return m;
    }

    private static int count(String line) {
      return Integer.parseInt(line.substring(line.indexOf('=') + 1).trim());
    }

    private static void floats(String line, float[] into, int offset, int expected) {
      int start = 0;
      int n = 0;
      int len = line.length();
      while (start < len && n < expected) {
        int end = line.indexOf(' ', start);
        if (end < 0) {
          end = len;
        }
        if (end > start) {
          into[offset + n++] = Float.parseFloat(line.substring(start, end));
        }
        start = end + 1;
      }
      if (n != expected) {
        throw new IllegalStateException("parser model line holds " + n + " numbers, expected " + expected);
      }
    }
  }
}
