package io.emkit.examples.viz;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emkit.examples.cli.ModelJson;
import io.emkit.hmm.FittedHmm;
import io.emkit.hmm.HmmParameters;
import io.emkit.hmm.Sequences;
import java.util.Arrays;

/**
 * The trace of a Baum-Welch fit for the step-through page: every iteration's parameters (as in the
 * model JSON of {@code em hmm fit}), total log-likelihood over all sequences, and the state
 * posteriors {@code P(state_t | sequence)} of one chosen sequence, plus the Viterbi path of that
 * sequence under the final parameters. All numbers come from emkit ({@link EmSteps} over
 * {@link io.emkit.hmm.BaumWelch}, {@link FittedHmm#posteriors} and {@link FittedHmm#decode}).
 *
 * <p>JSON shape: {@code {"kind":"hmm", "emission":"categorical|gaussian", "states":S,
 * "data":[T'][1 or d], "sequence":{"index":r,"id":...,"length":T,"shown":T'},
 * "iterations":[{"startProb":[S],"transitions":[S][S],"emissions":{...},"logLikelihood":total,
 * "posteriors":[T'][S]}, ...], "viterbi":{"states":[T'],"logProbability":...}, "warnings":[...]}}.
 * Only the first {@code T' = min(T, maxSteps)} steps of the sequence are embedded; the parameters
 * and log-likelihoods use every sequence in full.
 */
public final class HmmViz {

    private HmmViz() {}

    /**
     * Builds the trace.
     *
     * @param title what the page shows
     * @param sequenceId the chosen sequence's id in the CSV
     * @param data all sequences. Not modified.
     * @param sequence the 0-based index of the shown sequence
     * @param steps the iterations from {@link EmSteps#run}
     * @param maxSteps at most this many steps of the sequence are embedded, {@code >= 1}
     * @return the JSON object of {@code window.emTrace}
     * @throws IllegalArgumentException if {@code sequence} is out of range or the sequence is
     *     impossible under some iteration's parameters
     */
    public static ObjectNode trace(String title, String sequenceId, Sequences data, int sequence,
            EmSteps<HmmParameters> steps, int maxSteps) {
        if (sequence < 0 || sequence >= data.size()) {
            throw new IllegalArgumentException("--sequence (" + sequence + ") must be in [0, " + data.size()
                    + "): the data hold " + data.size() + " sequences");
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        int length = data.length(sequence);
        int shown = Math.min(length, maxSteps);
        HmmParameters last = steps.parameters().get(steps.parameters().size() - 1);
        ObjectNode root = f.objectNode();
        root.put("kind", "hmm");
        root.put("title", title);
        root.put("emission", data.isCategorical() ? "categorical" : "gaussian");
        root.put("states", last.states());
        root.put("dimension", data.isCategorical() ? 1 : data.dimension());
        root.put("sequenceCount", data.size());
        root.put("totalLength", data.totalLength());
        ObjectNode seq = root.putObject("sequence");
        seq.put("index", sequence);
        seq.put("id", sequenceId);
        seq.put("length", length);
        seq.put("shown", shown);
        seq.put("rule", shown == length ? "the whole sequence is shown"
                : "the first " + shown + " of " + length + " steps are shown; parameters and log-likelihoods"
                        + " use every sequence in full");
        ArrayNode points = root.putArray("data");
        if (data.isCategorical()) {
            int[] symbols = data.symbols(sequence);
            for (int t = 0; t < shown; t++) {
                points.addArray().add(symbols[t]);
            }
        } else {
            int d = data.dimension();
            double[] values = data.values(sequence);
            for (int t = 0; t < shown; t++) {
                points.add(GmmViz.vector(f, Arrays.copyOfRange(values, t * d, (t + 1) * d)));
            }
        }
        ArrayNode iterations = root.putArray("iterations");
        for (int i = 0; i < steps.parameters().size(); i++) {
            HmmParameters p = steps.parameters().get(i);
            ObjectNode it = ModelJson.toJson(p);
            it.remove("kind");
            it.remove("emission");
            it.put("logLikelihood", steps.logLikelihoods().get(i));
            double[][] posteriors = FittedHmm.of(p).posteriors(data, sequence);
            it.set("posteriors", GmmViz.matrix(f, Arrays.copyOf(posteriors, shown)));
            iterations.add(it);
        }
        FittedHmm.ViterbiPath path = FittedHmm.of(last).decode(data.range(sequence, sequence + 1)).get(0);
        ObjectNode viterbi = root.putObject("viterbi");
        ArrayNode states = viterbi.putArray("states");
        int[] decoded = path.states().toArray();
        for (int t = 0; t < shown; t++) {
            states.add(decoded[t]);
        }
        viterbi.put("logProbability", path.logProbability());
        viterbi.put("iteration", steps.iterations());
        root.set("warnings", GmmViz.warnings(f, steps));
        root.put("converged", steps.converged());
        root.put("stopNote", steps.stopNote());
        return root;
    }
}
