package io.emkit.gmm;

/** Test helper: every parameter of a mixture in one flat vector. */
final class GaussianMixtureFlat {
    private GaussianMixtureFlat() {}

    static double[] all(GaussianMixture m) {
        double[] w = m.weights();
        double[] mu = GmmFixtureTest.flat(m.means());
        double[] c = GmmFixtureTest.flatNative(m);
        double[] out = new double[w.length + mu.length + c.length];
        System.arraycopy(w, 0, out, 0, w.length);
        System.arraycopy(mu, 0, out, w.length, mu.length);
        System.arraycopy(c, 0, out, w.length + mu.length, c.length);
        return out;
    }
}
