package io.emkit.hmm;

import io.emkit.core.Dataset;
import io.emkit.core.FitWarning;
import io.emkit.core.IterationContext;
import io.emkit.core.family.Accumulator;
import io.emkit.core.family.Family;
import io.emkit.core.family.Repairs;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/** A family of the family layer as HMM emissions; see {@link EmissionFamily}. */
final class FamilyEmissions<C, A extends Accumulator<A>> implements EmissionFamily {

    /** A start for S states from the sequences. */
    @FunctionalInterface
    interface Start<C> extends java.io.Serializable {
        C start(Sequences data, int states, RandomGenerator random);
    }

    private final Family<C, A> family;
    private final Start<C> start; // null: the family's own initialize on all observations
    private final Wrap<C, A> wrap;

    /** Wraps estimated components as the emission (serialisable, for cluster executors). */
    interface Wrap<C, A extends Accumulator<A>> extends Function<C, FamilyEmission<C, A>>, java.io.Serializable {}

    FamilyEmissions(Family<C, A> family, Start<C> start, Wrap<C, A> wrap) {
        this.family = family;
        this.start = start;
        this.wrap = wrap;
    }

    @Override
    public Family<?, ?> family() {
        return family;
    }

    /** Every observation of every sequence as the rows of one data set (a view for starts). */
    static Dataset observations(Sequences data) {
        int d = data.observationDimension();
        // missing steps are no observations; partly missing ones are left out of the start too
        long total = data.totalLength() - data.missingSteps() - data.partlyMissingSteps();
        double[] all = new double[Math.toIntExact(Math.multiplyExact(total, (long) d))];
        int offset = 0;
        for (int r = 0; r < data.size(); r++) {
            double[] x = data.observations(r);
            boolean[] mask = data.missingMask(r);
            boolean[] partial = data.partialMask(r);
            if (mask == null && partial == null) {
                System.arraycopy(x, 0, all, offset, data.length(r) * d);
                offset += data.length(r) * d;
                continue;
            }
            for (int t = 0; t < data.length(r); t++) {
                if (!(mask != null && mask[t]) && !(partial != null && partial[t])) {
                    System.arraycopy(x, t * d, all, offset, d);
                    offset += d;
                }
            }
        }
        return Dataset.ofRowMajor(all, (int) total, d);
    }

    @Override
    public void checkCompatible(Sequences data) {
        boolean categorical = family instanceof io.emkit.discrete.CategoricalFamily;
        if (data.isCategorical() && !categorical) {
            throw new IllegalArgumentException(family.name() + " emissions need numeric sequences, got " + data);
        }
        if (!data.isCategorical() && categorical) {
            throw new IllegalArgumentException("categorical emissions need categorical sequences, got " + data);
        }
        FamilyEmission.validateValues(family, data);
    }

    @Override
    public Emission initialize(Sequences data, int states, RandomGenerator random) {
        C set = start != null ? start.start(data, states, random)
                : family.initialize(observations(data), states, random);
        return wrap.apply(set);
    }

    @Override
    @SuppressWarnings("unchecked")
    public EmissionStatistics newStatistics(Emission current) {
        return ((FamilyEmission<C, A>) current).newStatistics();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Emission estimate(EmissionStatistics total, Emission previous, IterationContext context) {
        FamilyEmission<C, A> old = (FamilyEmission<C, A>) previous;
        A merged = FamilyEmission.merged(total);
        Repairs repairs = Repairs.of(context, (component, weight) -> context.warn(new FitWarning.ModelWarning(
                context.iteration(), "state " + component + " has no posterior weight (" + weight
                        + "); its emission was kept")));
        return wrap.apply(family.estimate(merged, old.components(), repairs));
    }

    @Override
    public boolean isRegularised() {
        return family.isRegularised();
    }

    @Override
    public String toString() {
        return "EmissionFamily[" + family + "]";
    }
}
