package io.emkit.examples.cli;

import io.emkit.core.Chunkable;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.LatentModel;
import io.emkit.core.SufficientStatistics;
import io.emkit.gmm.GaussianMixtureModel;

/**
 * Where the {@code em} commands run their fits: in this JVM ({@link #LOCAL}, the default) or
 * elsewhere (em-spark passes one that runs the E-steps on a cluster). The commands parse, validate,
 * read the data and write the results themselves; only the fit goes through here, so every front end
 * shares one set of flags and one JSON output.
 */
public interface Fitting {

    /** Fits in this JVM with {@link Em}. */
    Fitting LOCAL = new Fitting() {
        @Override
        public <D extends Chunkable<D>, P, S extends SufficientStatistics<S>> EmResult<P> fit(
                LatentModel<D, P, S> model, D data, P start, EmOptions options) {
            return start == null ? Em.fit(model, data, options) : Em.fit(model, data, start, options);
        }
    };

    /**
     * Fits {@code model} to {@code data}, from its initialisation or from {@code start}.
     *
     * @param model the model. Not modified.
     * @param data the data, read by the command. Not modified.
     * @param start starting parameters (one run), or null for {@link EmOptions#restarts()} initialised runs
     * @param options how to run
     * @param <D> data type
     * @param <P> parameter type
     * @param <S> statistics type
     * @return the fit, as {@link Em#fit(LatentModel, Chunkable, EmOptions)} returns it
     * @throws IllegalArgumentException if the model rejects the data
     */
    <D extends Chunkable<D>, P, S extends SufficientStatistics<S>> EmResult<P> fit(
            LatentModel<D, P, S> model, D data, P start, EmOptions options);

    /**
     * The fitting of the command tree that {@code spec} belongs to: the root {@link EmCommand}'s.
     *
     * @param spec a command's spec
     * @return the root command's fitting, or {@link #LOCAL}
     */
    static Fitting of(picocli.CommandLine.Model.CommandSpec spec) {
        Object root = spec.root().userObject();
        return root instanceof EmCommand em ? em.fitting() : LOCAL;
    }
}
