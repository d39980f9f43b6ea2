package io.emkit.latent.lda;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sparse document-term counts over a vocabulary of string terms, stored as compressed rows: for each
 * document the ids of its terms ({@code 0 <= id < V}) and their counts. Immutable; a chunk from
 * {@link #split} is a view sharing the arrays.
 *
 * <p>Validated at construction: at least one document, every count finite and {@code > 0}, every id
 * in range, vocabulary terms distinct. A document may be empty (no terms); it then contributes
 * nothing to a fit. Counts need not be integers (weighted counts are accepted, as scikit-learn does).
 *
 * <p>Build from triples with {@link #builder()} (vocabulary collected and sorted) or
 * {@link #builder(List)} (a fixed vocabulary, e.g. a fitted model's, where an unknown term is an
 * error), or from arrays with {@link #of}.
 */
public final class Documents implements io.emkit.core.Chunkable<Documents> {

    private final List<String> vocabulary;
    private final List<String> ids;
    private final int[] offsets;
    private final int[] terms;
    private final double[] counts;
    private final int from;
    private final int to;
    private final double tokens;

    private Documents(List<String> vocabulary, List<String> ids, int[] offsets, int[] terms, double[] counts,
            int from, int to) {
        this.vocabulary = vocabulary;
        this.ids = ids;
        this.offsets = offsets;
        this.terms = terms;
        this.counts = counts;
        this.from = from;
        this.to = to;
        double sum = 0;
        for (int i = offsets[from]; i < offsets[to]; i++) {
            sum += counts[i];
        }
        this.tokens = sum;
    }

    /**
     * Documents from arrays: document {@code d} holds terms {@code termIds[d][j]} with counts
     * {@code counts[d][j]}. Documents are named {@code "0"}, {@code "1"}, ...
     *
     * @param vocabulary the V terms, distinct; id {@code i} is {@code vocabulary.get(i)}. Copied.
     * @param termIds per document, term ids in {@code [0, V)}. Copied.
     * @param counts per document, counts finite and {@code > 0}, the same lengths as {@code termIds}. Copied.
     * @return the documents
     * @throws IllegalArgumentException naming the document and position of a bad id or count, for
     *     ragged arrays, no documents, an empty vocabulary or repeated terms
     */
    public static Documents of(List<String> vocabulary, int[][] termIds, double[][] counts) {
        Objects.requireNonNull(termIds, "termIds");
        Objects.requireNonNull(counts, "counts");
        List<String> terms = checkedVocabulary(vocabulary);
        checkArgument(termIds.length >= 1, "there are no documents: termIds is empty; give at least one document");
        checkArgument(termIds.length == counts.length, "termIds has %s documents but counts has %s",
                termIds.length, counts.length);
        int n = termIds.length;
        int[] offsets = new int[n + 1];
        for (int d = 0; d < n; d++) {
            Objects.requireNonNull(termIds[d], "termIds[" + d + "]");
            Objects.requireNonNull(counts[d], "counts[" + d + "]");
            checkArgument(termIds[d].length == counts[d].length,
                    "termIds[%s] has %s entries but counts[%s] has %s", d, termIds[d].length, d, counts[d].length);
            offsets[d + 1] = Math.addExact(offsets[d], termIds[d].length);
        }
        int[] flatTerms = new int[offsets[n]];
        double[] flatCounts = new double[offsets[n]];
        int v = terms.size();
        for (int d = 0; d < n; d++) {
            for (int j = 0; j < termIds[d].length; j++) {
                int id = termIds[d][j];
                double c = counts[d][j];
                if (!(id >= 0 && id < v)) {
                    throw new IllegalArgumentException("termIds[" + d + "][" + j + "] (" + id
                            + ") must be in [0, " + v + "), the vocabulary size");
                }
                if (!(c > 0 && c < Double.POSITIVE_INFINITY)) {
                    throw new IllegalArgumentException("counts[" + d + "][" + j + "] (" + c
                            + ") must be finite and > 0 (leave a term out of a document instead of a zero count)");
                }
                flatTerms[offsets[d] + j] = id;
                flatCounts[offsets[d] + j] = c;
            }
        }
        return new Documents(terms, null, offsets, flatTerms, flatCounts, 0, n);
    }

    /**
     * A builder that collects the vocabulary from the added triples; {@link Builder#build()} sorts it
     * (by {@link String#compareTo}), so term ids do not depend on the order of the triples.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder(null);
    }

    /**
     * A builder over a fixed vocabulary (for example a fitted model's terms, to transform new
     * documents): term ids are positions in it and a term not in it is an error.
     *
     * @param vocabulary the V distinct terms. Copied.
     * @return a new builder
     * @throws IllegalArgumentException for an empty vocabulary or repeated terms
     */
    public static Builder builder(List<String> vocabulary) {
        return new Builder(checkedVocabulary(vocabulary));
    }

    /**
     * Number of documents.
     *
     * @return {@code >= 1}
     */
    public int size() {
        return to - from;
    }

    /**
     * The vocabulary; term id {@code i} is element {@code i}.
     *
     * @return an unmodifiable list of V terms
     */
    public List<String> vocabulary() {
        return vocabulary;
    }

    /**
     * Vocabulary size V.
     *
     * @return {@code >= 1}
     */
    public int vocabularySize() {
        return vocabulary.size();
    }

    /**
     * The name of a document: the id given to the builder, or its position in the whole set for
     * documents made with {@link #of}.
     *
     * @param document index in {@code [0, size())}
     * @return the name
     * @throws IndexOutOfBoundsException if out of range
     */
    public String documentId(int document) {
        int d = index(document);
        return ids == null ? Integer.toString(d) : ids.get(d);
    }

    /**
     * Term ids of a document, in stored order.
     *
     * @param document index in {@code [0, size())}
     * @return a new array
     * @throws IndexOutOfBoundsException if out of range
     */
    public int[] termIds(int document) {
        int d = index(document);
        return Arrays.copyOfRange(terms, offsets[d], offsets[d + 1]);
    }

    /**
     * Counts of a document, aligned with {@link #termIds}.
     *
     * @param document index in {@code [0, size())}
     * @return a new array
     * @throws IndexOutOfBoundsException if out of range
     */
    public double[] counts(int document) {
        int d = index(document);
        return Arrays.copyOfRange(counts, offsets[d], offsets[d + 1]);
    }

    /**
     * Total count over all documents (the number of tokens for integer counts).
     *
     * @return {@code >= 0}
     */
    public double tokenCount() {
        return tokens;
    }

    /**
     * Largest number of distinct entries in one document.
     *
     * @return {@code >= 0}
     */
    public int maxDocumentLength() {
        int max = 0;
        for (int d = from; d < to; d++) {
            max = Math.max(max, offsets[d + 1] - offsets[d]);
        }
        return max;
    }

    /**
     * Consecutive documents {@code [fromDocument, toDocument)} as a view.
     *
     * @param fromDocument first document, inclusive
     * @param toDocument last document, exclusive, {@code > fromDocument}
     * @return the view
     * @throws IllegalArgumentException for an empty or out-of-range interval
     */
    public Documents range(int fromDocument, int toDocument) {
        checkArgument(0 <= fromDocument && fromDocument < toDocument && toDocument <= size(),
                "range [%s, %s) must be non-empty and within [0, %s)", fromDocument, toDocument, size());
        return new Documents(vocabulary, ids, offsets, terms, counts, from + fromDocument, from + toDocument);
    }

    /**
     * The number of documents, the unit chunks are measured in.
     *
     * @return {@link #size()}
     */
    @Override
    public long units() {
        return size();
    }

    /**
     * Chunks of {@code unitsPerChunk} documents: {@link #split(int)}.
     *
     * @param unitsPerChunk documents per chunk, {@code >= 1}
     * @return the chunks in document order
     */
    @Override
    public List<Documents> chunks(int unitsPerChunk) {
        return split(unitsPerChunk);
    }

    /**
     * Splits into consecutive chunks of {@code documentsPerChunk} documents (the last may be shorter).
     * The split depends only on the number of documents, never on a thread count.
     *
     * @param documentsPerChunk {@code >= 1}
     * @return views covering all documents in order
     * @throws IllegalArgumentException if {@code documentsPerChunk < 1}
     */
    public List<Documents> split(int documentsPerChunk) {
        checkArgument(documentsPerChunk >= 1, "documentsPerChunk (%s) must be >= 1", documentsPerChunk);
        List<Documents> chunks = new ArrayList<>();
        for (int start = 0; start < size(); start += documentsPerChunk) {
            chunks.add(range(start, (int) Math.min((long) start + documentsPerChunk, size())));
        }
        return chunks;
    }

    /** First entry of a document in the raw arrays (no checks; {@code document} is view-relative). */
    int start(int document) {
        return offsets[from + document];
    }

    /** End (exclusive) of a document's entries in the raw arrays. */
    int end(int document) {
        return offsets[from + document + 1];
    }

    /** Raw term ids (shared; never modify). */
    int[] rawTerms() {
        return terms;
    }

    /** Raw counts (shared; never modify). */
    double[] rawCounts() {
        return counts;
    }

    private int index(int document) {
        if (document < 0 || document >= size()) {
            throw new IndexOutOfBoundsException("document " + document + " out of range [0, " + size() + ")");
        }
        return from + document;
    }

    private static List<String> checkedVocabulary(List<String> vocabulary) {
        Objects.requireNonNull(vocabulary, "vocabulary");
        List<String> terms = List.copyOf(vocabulary);
        checkArgument(!terms.isEmpty(), "the vocabulary is empty; give at least one term");
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < terms.size(); i++) {
            Integer previous = seen.put(terms.get(i), i);
            if (previous != null) {
                throw new IllegalArgumentException("vocabulary[" + i + "] (\"" + terms.get(i)
                        + "\") repeats vocabulary[" + previous + "]; terms must be distinct");
            }
        }
        return terms;
    }

    @Override
    public String toString() {
        return "Documents[" + size() + " documents, " + vocabulary.size() + " terms, " + tokens + " tokens]";
    }

    /**
     * Collects {@code (document, term, count)} triples. Documents are kept in order of first
     * appearance; repeated {@code (document, term)} pairs add their counts. Not thread-safe.
     */
    public static final class Builder {
        private final List<String> fixed;
        private final Map<String, Integer> termIndex = new HashMap<>();
        private final List<String> collected = new ArrayList<>();
        private final Map<String, Integer> documentIndex = new LinkedHashMap<>();
        private final List<Map<Integer, Double>> entries = new ArrayList<>();

        private Builder(List<String> fixed) {
            this.fixed = fixed;
            if (fixed != null) {
                for (int i = 0; i < fixed.size(); i++) {
                    termIndex.put(fixed.get(i), i);
                }
            }
        }

        /**
         * Adds a count.
         *
         * @param document the document's name
         * @param term the term
         * @param count finite and {@code >= 0}; a zero count registers the document (it may stay empty)
         *     but no entry
         * @return this builder
         * @throws IllegalArgumentException for a negative or non-finite count, or a term outside a fixed
         *     vocabulary (naming both)
         */
        public Builder add(String document, String term, double count) {
            Objects.requireNonNull(document, "document");
            Objects.requireNonNull(term, "term");
            if (!(count >= 0 && count < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("the count of term \"" + term + "\" in document \"" + document
                        + "\" (" + count + ") must be finite and >= 0");
            }
            Integer id = termIndex.get(term);
            if (id == null) {
                if (fixed != null) {
                    throw new IllegalArgumentException("unknown term \"" + term + "\" in document \"" + document
                            + "\": it is not among the model's " + fixed.size() + " terms");
                }
                id = collected.size();
                collected.add(term);
                termIndex.put(term, id);
            }
            Integer d = documentIndex.get(document);
            if (d == null) {
                d = entries.size();
                documentIndex.put(document, d);
                entries.add(new HashMap<>());
            }
            if (count > 0) {
                entries.get(d).merge(id, count, Double::sum);
            }
            return this;
        }

        /**
         * The documents; each document's entries are sorted by term id.
         *
         * @return the documents
         * @throws IllegalArgumentException if no document was added (or, for a collected vocabulary,
         *     no term)
         */
        public Documents build() {
            checkArgument(!entries.isEmpty(), "there are no documents: nothing was added");
            List<String> vocabulary;
            int[] remap;
            if (fixed != null) {
                vocabulary = fixed;
                remap = null;
            } else {
                checkArgument(!collected.isEmpty(), "the vocabulary is empty: no term was added");
                vocabulary = collected.stream().sorted().toList();
                remap = new int[collected.size()];
                Map<String, Integer> sortedIndex = new HashMap<>();
                for (int i = 0; i < vocabulary.size(); i++) {
                    sortedIndex.put(vocabulary.get(i), i);
                }
                for (int i = 0; i < collected.size(); i++) {
                    remap[i] = sortedIndex.get(collected.get(i));
                }
            }
            int n = entries.size();
            int[] offsets = new int[n + 1];
            for (int d = 0; d < n; d++) {
                offsets[d + 1] = Math.addExact(offsets[d], entries.get(d).size());
            }
            int[] terms = new int[offsets[n]];
            double[] counts = new double[offsets[n]];
            for (int d = 0; d < n; d++) {
                Map<Integer, Double> doc = entries.get(d);
                int[] ids = new int[doc.size()];
                int j = 0;
                for (int id : doc.keySet()) {
                    ids[j++] = remap == null ? id : remap[id];
                }
                Arrays.sort(ids);
                Map<Integer, Double> byFinal = new HashMap<>();
                for (Map.Entry<Integer, Double> e : doc.entrySet()) {
                    byFinal.put(remap == null ? e.getKey() : remap[e.getKey()], e.getValue());
                }
                for (j = 0; j < ids.length; j++) {
                    terms[offsets[d] + j] = ids[j];
                    counts[offsets[d] + j] = byFinal.get(ids[j]);
                }
            }
            List<String> names = List.copyOf(documentIndex.keySet());
            return new Documents(vocabulary, names, offsets, terms, counts, 0, n);
        }
    }
}
