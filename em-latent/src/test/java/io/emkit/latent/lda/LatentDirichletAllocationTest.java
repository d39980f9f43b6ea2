package io.emkit.latent.lda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatentDirichletAllocationTest {

    /** The recovery criterion: each true bar matched by a learned topic this close. */
    private static final double BAR_COSINE = 0.95;

    /** The 10 bars of Griffiths &amp; Steyvers (2004) on a 5×5 grid: term 5 r + c; rows then columns. */
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

    /** Documents drawn from LDA with the bars as topics and θ ~ Dirichlet(1) (uniform on the simplex). */
    static Documents barsCorpus(int documents, int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] bars = bars();
        int[][] ids = new int[documents][];
        double[][] counts = new double[documents][];
        for (int d = 0; d < documents; d++) {
            double[] theta = new double[10];
            double sum = 0;
            for (int k = 0; k < 10; k++) {
                theta[k] = -Math.log(1 - random.nextDouble());       // Gamma(1) = Exp(1)
                sum += theta[k];
            }
            double[] histogram = new double[25];
            for (int t = 0; t < length; t++) {
                int topic = draw(theta, sum, random);
                histogram[draw(bars[topic], 1.0, random)] += 1;
            }
            int nonZero = 0;
            for (double h : histogram) {
                nonZero += h > 0 ? 1 : 0;
            }
            ids[d] = new int[nonZero];
            counts[d] = new double[nonZero];
            for (int w = 0, j = 0; w < 25; w++) {
                if (histogram[w] > 0) {
                    ids[d][j] = w;
                    counts[d][j++] = histogram[w];
                }
            }
        }
        List<String> terms = new java.util.ArrayList<>();
        for (int w = 0; w < 25; w++) {
            terms.add("r" + (w / 5) + "c" + (w % 5));
        }
        return Documents.of(terms, ids, counts);
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

    @Test
    void barsAreRecovered() {
        Documents corpus = barsCorpus(300, 100, 2004);
        LatentDirichletAllocation model = LatentDirichletAllocation.builder().topics(10).docTopicPrior(1.0)
                .topicWordPrior(0.1).build();
        FittedLda fitted = model.fit(corpus, EmOptions.builder().maxIterations(200).tolerance(1e-6).restarts(3)
                .seed(1).threads(2).build());
        double[][] learned = fitted.parameters().topicWordDistributions();
        double[][] bars = bars();
        for (int b = 0; b < bars.length; b++) {
            double best = 0;
            for (double[] topic : learned) {
                best = Math.max(best, cosine(bars[b], topic));
            }
            assertThat(best).as("best cosine of bar %d", b).isGreaterThanOrEqualTo(BAR_COSINE);
        }
        // A row bar's top five terms are its five cells.
        assertThat(fitted.topTerms(0, 5)).hasSize(5);
    }

    @Test
    void oneAndTwoThreadsAreBitIdentical() {
        Documents corpus = barsCorpus(120, 40, 5);
        LatentDirichletAllocation model = LatentDirichletAllocation.builder().topics(6).build();
        EmOptions options = EmOptions.builder().maxIterations(15).tolerance(0).seed(3).chunkSize(10).build();
        EmResult<LdaParameters> one = Em.fit(model, corpus, options.toBuilder().threads(1).build());
        EmResult<LdaParameters> two = Em.fit(model, corpus, options.toBuilder().threads(2).build());
        assertThat(corpus.chunks(10)).hasSize(12);
        double[][] a = one.parameters().topicWord();
        double[][] b = two.parameters().topicWord();
        for (int k = 0; k < a.length; k++) {
            assertThat(b[k]).containsExactly(a[k]);
        }
        assertThat(two.trace().toArray()).containsExactly(one.trace().toArray());
        assertThat(two.logLikelihood()).isEqualTo(one.logLikelihood());
    }

    @Test
    void fittingLowersHeldOutPerplexityBelowTheStart() {
        Documents corpus = barsCorpus(100, 50, 9);
        Documents heldOut = barsCorpus(40, 50, 99);
        LatentDirichletAllocation model = LatentDirichletAllocation.builder().topics(10).build();
        FittedLda fitted = model.fit(corpus, EmOptions.builder().maxIterations(30).tolerance(0).threads(1).build());
        double[] trace = fitted.result().orElseThrow().trace().toArray();
        assertThat(fitted.result().orElseThrow().logLikelihood()).isGreaterThan(trace[0]);
        FittedLda start = FittedLda.of(model.initialize(corpus, new SplittableRandom(0)), corpus.vocabulary());
        assertThat(fitted.perplexity(heldOut)).isLessThan(0.8 * start.perplexity(heldOut));
    }

    @Test
    void transformRowsSumToOneAndFollowTheDocument() {
        Documents corpus = barsCorpus(200, 100, 17);
        FittedLda fitted = LatentDirichletAllocation.builder().topics(10).docTopicPrior(1.0).topicWordPrior(0.1).build()
                .fit(corpus, EmOptions.builder().maxIterations(100).tolerance(1e-6).seed(2).threads(2).build());
        // A document of only the first row's cells belongs to one topic.
        Documents row = Documents.builder(fitted.terms()).add("d", "r0c0", 4).add("d", "r0c1", 3)
                .add("d", "r0c2", 5).add("d", "r0c3", 2).add("d", "r0c4", 6).build();
        double[] theta = fitted.transform(row)[0];
        double sum = 0;
        double max = 0;
        for (double t : theta) {
            sum += t;
            max = Math.max(max, t);
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(max).isGreaterThan(0.6);
    }

    @Test
    void badInputIsReportedWithTheOffendingValue() {
        List<String> terms = List.of("a", "b");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Documents.of(terms, new int[][] {{0, 1}}, new double[][] {{1, -2}}))
                .withMessageContaining("counts[0][1] (-2.0) must be finite and > 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Documents.of(terms, new int[][] {{0, 2}}, new double[][] {{1, 1}}))
                .withMessageContaining("termIds[0][1] (2) must be in [0, 2)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Documents.builder().add("d1", "cat", -1))
                .withMessageContaining("\"cat\"").withMessageContaining("(-1.0)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Documents.of(terms, new int[0][], new double[0][]))
                .withMessageContaining("no documents");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Documents.builder().build())
                .withMessageContaining("no documents");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Documents.of(List.of("a", "a"), new int[][] {{0}}, new double[][] {{1}}))
                .withMessageContaining("vocabulary[1] (\"a\") repeats vocabulary[0]");

        FittedLda fitted = FittedLda.of(LdaParameters.of(new double[][] {{1, 2}, {2, 1}}, 0.5, 0.5), terms);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Documents.builder(fitted.terms()).add("doc7", "zebra", 1))
                .withMessageContaining("unknown term \"zebra\" in document \"doc7\"");
        Documents other = Documents.builder().add("x", "a", 1).add("x", "zebra", 2).build();
        assertThatIllegalArgumentException().isThrownBy(() -> fitted.transform(other))
                .withMessageContaining("vocabulary");

        Documents empty = Documents.of(terms, new int[][] {{}, {}}, new double[][] {{}, {}});
        LatentDirichletAllocation model = LatentDirichletAllocation.builder().topics(2).build();
        assertThatIllegalArgumentException().isThrownBy(() -> model.fit(empty, EmOptions.defaults()))
                .withMessageContaining("the 2 documents hold no tokens");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LdaParameters.of(new double[][] {{1, 0}}, 0.5, 0.5))
                .withMessageContaining("topicWord[0][1] (0.0) must be finite and > 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LatentDirichletAllocation.builder().topics(2).docTopicPrior(Double.NaN).build())
                .withMessageContaining("docTopicPrior (NaN)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LatentDirichletAllocation.builder().build())
                .withMessageContaining("topics (0) must be >= 1");
    }

    @Test
    void builderSortsTheVocabularyAndAddsRepeatedPairs() {
        Documents docs = Documents.builder().add("b", "pear", 1).add("a", "apple", 2).add("b", "pear", 2)
                .add("a", "fig", 0).add("c", "fig", 0).build();
        assertThat(docs.vocabulary()).containsExactly("apple", "fig", "pear");
        assertThat(docs.size()).isEqualTo(3);
        assertThat(docs.documentId(0)).isEqualTo("b");
        assertThat(docs.termIds(0)).containsExactly(2);
        assertThat(docs.counts(0)).containsExactly(3.0);
        assertThat(docs.termIds(2)).isEmpty();
        assertThat(docs.tokenCount()).isEqualTo(5.0);
        assertThat(docs.split(2)).extracting(Documents::size).containsExactly(2, 1);
    }
}
