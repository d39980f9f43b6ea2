package io.emkit.core.mixture;

import io.emkit.core.ParameterVector;
import io.emkit.core.family.Family;
import io.emkit.core.family.VectorFamily;
import io.emkit.core.numeric.LogRatios;

/**
 * Mixture parameters as a flat vector: the weights' log-ratios against the last component with a
 * non-zero weight (left out when the weights are frozen), then the family's coordinates.
 *
 * @param <C> the family's component-set type
 */
final class MixtureVector<C> implements ParameterVector<MixtureParameters<C>> {
    private final Family<C, ?> family;
    private final VectorFamily<C> vectors;
    private final boolean freezeWeights;

    MixtureVector(Family<C, ?> family, VectorFamily<C> vectors, boolean freezeWeights) {
        this.family = family;
        this.vectors = vectors;
        this.freezeWeights = freezeWeights;
    }

    private int weightLength(MixtureParameters<C> layout) {
        return freezeWeights ? 0 : LogRatios.length(layout.rawWeights(), 0, layout.k());
    }

    @Override
    public double[] toVector(MixtureParameters<C> params, MixtureParameters<C> layout) {
        if (params.k() != layout.k()) {
            return null;
        }
        int w = weightLength(layout);
        double[] out = new double[w + vectors.vectorLength(layout.components())];
        if (!freezeWeights && !LogRatios.write(params.rawWeights(), 0, layout.rawWeights(), 0, layout.k(), out, 0)) {
            return null;
        }
        return vectors.toVector(params.components(), layout.components(), out, w) ? out : null;
    }

    @Override
    public MixtureParameters<C> fromVector(double[] vector, MixtureParameters<C> layout) {
        int k = layout.k();
        double[] weights = new double[k];
        if (freezeWeights) {
            System.arraycopy(layout.rawWeights(), 0, weights, 0, k);
        } else if (!LogRatios.read(vector, 0, layout.rawWeights(), 0, k, weights, 0)) {
            return null;
        }
        C components = vectors.fromVector(vector, weightLength(layout), layout.components());
        return components == null ? null : MixtureParameters.of(family, weights, components);
    }
}
