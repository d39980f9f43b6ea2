package io.emkit.examples.usermodel;

import io.emkit.hmm.Emission;
import io.emkit.hmm.FamilyEmission;
import io.emkit.io.model.EmissionCodec;
import io.emkit.io.model.ModelFields;
import io.emkit.io.model.ModelFieldsWriter;

/**
 * How HMM model files store {@link BernoulliFamily} emissions: {@code "emission": "bernoulli"} and
 * {@code "emissions": {"probabilities": [S][d]}} ({@code P(x_a = 1)} per state and bit). Register it with
 * {@code ModelFiles.withCodec(new BernoulliCodec())}, as the {@code em} tool does: this is how a user's own
 * family plugs into model files.
 */
public final class BernoulliCodec implements EmissionCodec {

    /** The codec. */
    public BernoulliCodec() {}

    @Override
    public String name() {
        return "bernoulli";
    }

    @Override
    public boolean writes(Emission emission) {
        return emission instanceof FamilyEmission<?, ?> family && family.components() instanceof BernoulliFamily.Components;
    }

    @Override
    public void write(Emission emission, ModelFieldsWriter model) {
        FamilyEmission<?, ?> family = (FamilyEmission<?, ?>) emission;
        BernoulliFamily.Components c = (BernoulliFamily.Components) family.components();
        double[][] p = new double[c.k][c.d];
        for (int j = 0; j < c.k; j++) {
            for (int a = 0; a < c.d; a++) {
                p[j][a] = c.get(j, a);
            }
        }
        model.object("emissions").put("probabilities", p);
    }

    @Override
    public Emission read(ModelFields model, int states) {
        ModelFields emissions = model.object("emissions");
        double[][] p = emissions.matrix("probabilities", states, -1);
        int d = p[0].length;
        double[] flat = new double[states * d];
        for (int j = 0; j < states; j++) {
            System.arraycopy(p[j], 0, flat, j * d, d);
        }
        try {
            return FamilyEmission.of(new BernoulliFamily(), new BernoulliFamily.Components(states, d, flat));
        } catch (IllegalArgumentException e) {
            throw emissions.error("probabilities", "is not a set of probabilities: " + e.getMessage());
        }
    }
}
