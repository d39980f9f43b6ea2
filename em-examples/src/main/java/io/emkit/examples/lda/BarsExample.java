package io.emkit.examples.lda;

import io.emkit.core.EmOptions;
import io.emkit.latent.lda.Documents;
import io.emkit.latent.lda.FittedLda;
import io.emkit.latent.lda.LatentDirichletAllocation;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Latent Dirichlet allocation on the "bars" corpus of Griffiths &amp; Steyvers (2004): 10 topics, each a
 * row or a column of a 5×5 grid of terms; documents mix them with {@code θ ~ Dirichlet(1)}. Fits LDA
 * and writes {@code lda-bars.png}: the true topics on top, the learned ones (matched to them by cosine)
 * below, each as a 5×5 image. Then fits three topics to a tiny corpus of sentences
 * ({@code sentences.txt}, public domain) and prints each topic's top terms.
 *
 * <p>Usage: {@code java -cp em.jar io.emkit.examples.lda.BarsExample [output-folder]}.
 */
public final class BarsExample {

    private static final Set<String> STOP_WORDS = Set.of("the", "and", "a", "in", "of", "to", "at", "on",
            "then", "for", "it", "from", "over", "while", "before", "through", "toward", "where", "beyond",
            "let", "put", "add", "as", "each", "near", "first", "make", "new");

    private BarsExample() {}

    /**
     * Runs the example.
     *
     * @param args optional output folder (default: the working directory)
     * @throws IOException if the picture cannot be written
     */
    public static void main(String[] args) throws IOException {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        run(out, Path.of(args.length > 0 ? args[0] : "."), 400, 100);
        out.flush();
    }

    /**
     * The example's work.
     *
     * @param out where the summary goes
     * @param folder where {@code lda-bars.png} goes
     * @param documents number of bars documents
     * @param length tokens per document
     * @return the smallest cosine between a true bar and its best learned topic
     * @throws IOException if the picture cannot be written
     */
    public static double run(PrintWriter out, Path folder, int documents, int length) throws IOException {
        double[][] bars = bars();
        Documents corpus = sample(bars, documents, length, new SplittableRandom(2004));
        FittedLda fitted = LatentDirichletAllocation.builder().topics(10).docTopicPrior(1.0).topicWordPrior(0.1)
                .build().fit(corpus, EmOptions.builder().maxIterations(200).tolerance(1e-6).restarts(3).seed(1).build());
        double[][] learned = fitted.parameters().topicWordDistributions();
        double[][] matched = new double[10][];
        double worst = 1;
        for (int b = 0; b < 10; b++) {
            double best = -1;
            for (double[] topic : learned) {
                double c = cosine(bars[b], topic);
                if (c > best) {
                    best = c;
                    matched[b] = topic;
                }
            }
            worst = Math.min(worst, best);
        }
        Path png = folder.resolve("lda-bars.png");
        Files.createDirectories(folder);
        ImageIO.write(picture(bars, matched), "png", png.toFile());
        out.printf(Locale.ROOT, "bars: %d documents x %d tokens, K = 10: bound %.6g after %d iterations;"
                + " worst bar-to-topic cosine %.4f; wrote %s%n", documents, length,
                fitted.result().orElseThrow().logLikelihood(), fitted.result().orElseThrow().iterations(), worst, png);

        Documents sentences = sentences();
        FittedLda topics = LatentDirichletAllocation.builder().topics(3).docTopicPrior(0.5).topicWordPrior(0.1).build()
                .fit(sentences, EmOptions.builder().maxIterations(200).tolerance(1e-6).restarts(5).seed(3).build());
        out.printf(Locale.ROOT, "sentences: %d documents, %d terms, K = 3%n", sentences.size(),
                sentences.vocabularySize());
        for (int k = 0; k < 3; k++) {
            out.printf(Locale.ROOT, "  topic %d: %s%n", k, String.join(" ", topics.topTerms(k, 6)));
        }
        return worst;
    }

    static double[][] bars() {
        double[][] bars = new double[10][25];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                bars[i][5 * i + j] = 0.2;
                bars[5 + i][5 * j + i] = 0.2;
            }
        }
        return bars;
    }

    static Documents sample(double[][] topics, int documents, int length, SplittableRandom random) {
        Documents.Builder builder = Documents.builder(cells());
        for (int d = 0; d < documents; d++) {
            double[] theta = new double[topics.length];
            double sum = 0;
            for (int k = 0; k < theta.length; k++) {
                theta[k] = -Math.log(1 - random.nextDouble());      // Dirichlet(1) via Exp(1) draws
                sum += theta[k];
            }
            for (int t = 0; t < length; t++) {
                int topic = draw(theta, sum, random);
                builder.add("d" + d, cells().get(draw(topics[topic], 1.0, random)), 1);
            }
        }
        return builder.build();
    }

    private static List<String> cells() {
        List<String> cells = new ArrayList<>(25);
        for (int w = 0; w < 25; w++) {
            cells.add("r" + (w / 5) + "c" + (w % 5));
        }
        return cells;
    }

    private static int draw(double[] weights, double total, SplittableRandom random) {
        double u = random.nextDouble() * total;
        for (int i = 0; i < weights.length - 1; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    static double cosine(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    /** Two rows of ten 5×5 tiles (true above, learned below), grey level = probability / row max. */
    private static BufferedImage picture(double[][] top, double[][] bottom) {
        int cell = 12;
        int gap = 8;
        int tile = 5 * cell;
        BufferedImage image = new BufferedImage(10 * (tile + gap) + gap, 2 * (tile + gap) + gap, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 60, 60));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        double[][][] rows = {top, bottom};
        for (int r = 0; r < 2; r++) {
            for (int t = 0; t < 10; t++) {
                double max = 0;
                for (double v : rows[r][t]) {
                    max = Math.max(max, v);
                }
                for (int w = 0; w < 25; w++) {
                    int level = (int) Math.round(255 * rows[r][t][w] / max);
                    g.setColor(new Color(level, level, level));
                    g.fillRect(gap + t * (tile + gap) + (w % 5) * cell, gap + r * (tile + gap) + (w / 5) * cell, cell, cell);
                }
            }
        }
        g.dispose();
        return image;
    }

    static Documents sentences() {
        Documents.Builder builder = Documents.builder();
        try (InputStream in = Objects.requireNonNull(BarsExample.class.getResourceAsStream("sentences.txt"),
                "sentences.txt resource");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int d = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                for (String word : line.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
                    if (!word.isEmpty() && !STOP_WORDS.contains(word)) {
                        builder.add("s" + d, word, 1);
                    }
                }
                d++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return builder.build();
    }
}
