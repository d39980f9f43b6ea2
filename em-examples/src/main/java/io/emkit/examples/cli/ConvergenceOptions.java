package io.emkit.examples.cli;

import io.emkit.core.Acceleration;
import io.emkit.core.ConvergenceRule;
import io.emkit.core.EmOptions;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --accelerate squarem|none} and {@code --tol-rule absolute|relative}, mixed into every fit
 * command. A bad value is a usage error (exit 2). {@link #tolRule} stays null unless given, so a
 * command can choose its own rule by default (mclust's relative rule with {@code --init hc}).
 */
final class ConvergenceOptions {

    @Option(names = "--accelerate", paramLabel = "squarem|none", defaultValue = "none", order = 40,
            converter = AccelerationConverter.class,
            description = "squarem: SQUAREM extrapolation along EM steps with a monotone safeguard (often 2-4x"
                    + " fewer E-steps at tight --tol; models without it run plain EM); none: plain EM, step for"
                    + " step as other libraries. Default: ${DEFAULT-VALUE}.")
    Acceleration accelerate = Acceleration.NONE;

    @Option(names = "--tol-rule", paramLabel = "absolute|relative", order = 41, converter = RuleConverter.class,
            description = "absolute: stop when the mean per-sample log-likelihood changes by less than --tol;"
                    + " relative: stop when |L_t - L_t-1| <= tol (1 + |L_t|) (mclust's rule). Default: absolute.")
    ConvergenceRule tolRule;

    /** The options with these choices. */
    EmOptions.Builder apply(EmOptions.Builder builder) {
        builder.acceleration(accelerate);
        if (tolRule != null) {
            builder.convergenceRule(tolRule);
        }
        return builder;
    }

    static final class AccelerationConverter implements ITypeConverter<Acceleration> {
        @Override
        public Acceleration convert(String value) {
            switch (value.toLowerCase(Locale.ROOT)) {
                case "squarem":
                    return Acceleration.SQUAREM;
                case "none":
                    return Acceleration.NONE;
                default:
                    throw new TypeConversionException("--accelerate must be squarem or none, not \"" + value + "\"");
            }
        }
    }

    static final class RuleConverter implements ITypeConverter<ConvergenceRule> {
        @Override
        public ConvergenceRule convert(String value) {
            switch (value.toLowerCase(Locale.ROOT)) {
                case "absolute":
                    return ConvergenceRule.ABSOLUTE;
                case "relative":
                    return ConvergenceRule.RELATIVE;
                default:
                    throw new TypeConversionException("--tol-rule must be absolute or relative, not \"" + value + "\"");
            }
        }
    }
}
