package io.emkit.hmm;

import com.google.common.primitives.ImmutableDoubleArray;
import io.emkit.core.ParameterVector;
import io.emkit.core.family.Accumulator;
import io.emkit.core.family.VectorFamily;
import io.emkit.core.numeric.LogRatios;
import java.util.Set;

/**
 * HMM parameters as a flat vector, only the re-estimated parts: the start probabilities as
 * log-ratios, then each transition row as log-ratios (zeros of the layout are structural and stay
 * zero), then the emissions' family coordinates when the family is a {@link VectorFamily}.
 * Emissions of another family make {@link #toVector} answer null (plain EM steps).
 */
final class HmmVector implements ParameterVector<HmmParameters> {
    private final boolean start;
    private final boolean transitions;
    private final boolean emissions;

    HmmVector(Set<HmmPart> reestimated) {
        this.start = reestimated.contains(HmmPart.START);
        this.transitions = reestimated.contains(HmmPart.TRANSITIONS);
        this.emissions = reestimated.contains(HmmPart.EMISSIONS);
    }

    @Override
    public double[] toVector(HmmParameters params, HmmParameters layout) {
        int s = layout.states();
        if (params.states() != s) {
            return null;
        }
        double[] layoutStart = layout.startProbabilities().toArray();
        double[] layoutRows = layout.transitions().raw();
        int length = 0;
        if (start) {
            length += LogRatios.length(layoutStart, 0, s);
        }
        if (transitions) {
            for (int i = 0; i < s; i++) {
                length += LogRatios.length(layoutRows, i * s, s);
            }
        }
        int emissionLength = 0;
        if (emissions) {
            VectorFamily<Object> family = vectorFamily(layout.emission());
            if (family == null || vectorFamily(params.emission()) == null) {
                return null;
            }
            emissionLength = family.vectorLength(components(layout.emission()));
        }
        double[] out = new double[length + emissionLength];
        int o = 0;
        if (start) {
            if (!LogRatios.write(params.startProbabilities().toArray(), 0, layoutStart, 0, s, out, o)) {
                return null;
            }
            o += LogRatios.length(layoutStart, 0, s);
        }
        if (transitions) {
            double[] rows = params.transitions().raw();
            for (int i = 0; i < s; i++) {
                if (!LogRatios.write(rows, i * s, layoutRows, i * s, s, out, o)) {
                    return null;
                }
                o += LogRatios.length(layoutRows, i * s, s);
            }
        }
        if (emissions) {
            VectorFamily<Object> family = vectorFamily(layout.emission());
            if (!family.toVector(components(params.emission()), components(layout.emission()), out, o)) {
                return null;
            }
        }
        return out;
    }

    @Override
    public HmmParameters fromVector(double[] vector, HmmParameters layout) {
        int s = layout.states();
        ImmutableDoubleArray startProbabilities = layout.startProbabilities();
        TransitionMatrix matrix = layout.transitions();
        Emission emission = layout.emission();
        int o = 0;
        if (start) {
            double[] layoutStart = startProbabilities.toArray();
            double[] next = new double[s];
            if (!LogRatios.read(vector, o, layoutStart, 0, s, next, 0)) {
                return null;
            }
            o += LogRatios.length(layoutStart, 0, s);
            startProbabilities = ImmutableDoubleArray.copyOf(next);
        }
        if (transitions) {
            double[] layoutRows = matrix.raw();
            double[] next = new double[s * s];
            for (int i = 0; i < s; i++) {
                if (!LogRatios.read(vector, o, layoutRows, i * s, s, next, i * s)) {
                    return null;
                }
                o += LogRatios.length(layoutRows, i * s, s);
            }
            matrix = TransitionMatrix.wrap(s, next);
        }
        if (emissions) {
            Object components = vectorFamily(emission).fromVector(vector, o, components(emission));
            if (components == null) {
                return null;
            }
            emission = with(emission, components);
        }
        return new HmmParameters(startProbabilities, matrix, emission);
    }

    @SuppressWarnings("unchecked")
    private static VectorFamily<Object> vectorFamily(Emission emission) {
        if (emission instanceof FamilyEmission<?, ?> e && e.family() instanceof VectorFamily<?> family) {
            return (VectorFamily<Object>) family;
        }
        return null;
    }

    private static Object components(Emission emission) {
        return ((FamilyEmission<?, ?>) emission).components();
    }

    @SuppressWarnings("unchecked")
    private static <C, A extends Accumulator<A>> Emission with(Emission emission, Object components) {
        return ((FamilyEmission<C, A>) emission).with((C) components);
    }
}
