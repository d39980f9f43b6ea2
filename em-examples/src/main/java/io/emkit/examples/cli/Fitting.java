package io.emkit.examples.cli;

import io.emkit.core.Chunkable;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.LatentModel;
import io.emkit.core.SufficientStatistics;
import io.emkit.gmm.GaussianMixtureModel;
import io.emkit.io.CsvOptions;
import io.emkit.io.NumericTable;
import io.emkit.io.SequenceTable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the {@code em} commands run their fits: in this JVM ({@link #LOCAL}, the default) or
 * elsewhere (em-spark passes one that runs the E-steps on a cluster). The commands parse, validate
 * and write the results themselves; only the fit and the reading of {@code --data} files go through
 * here (em-spark reads them with Spark's CSV reader), so every front end shares one set of flags, one
 * set of messages and one JSON output.
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
     * Reads a {@code --data} file of numbers. The default reads it in this JVM with em-io.
     *
     * @param data the file
     * @param options how to read it
     * @return the table
     * @throws IOException if the file cannot be read (message names the file)
     * @throws IllegalArgumentException as {@link NumericTable#read(Path, CsvOptions)}
     */
    default NumericTable readNumbers(Path data, CsvOptions options) throws IOException {
        return NumericTable.read(data, options);
    }

    /**
     * Reads a {@code --data} file of sequences. The default reads it in this JVM with em-io.
     *
     * @param data the file
     * @param options how to read it
     * @param kind symbols or vectors
     * @return the sequences
     * @throws IOException if the file cannot be read (message names the file)
     * @throws IllegalArgumentException as {@link SequenceTable#read(Path, CsvOptions, SequenceTable.Kind)}
     */
    default SequenceTable readSequences(Path data, CsvOptions options, SequenceTable.Kind kind) throws IOException {
        return SequenceTable.read(data, options, kind);
    }

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
