package io.emkit.spark.readme;

import io.emkit.core.ReadmeProgramsContract;

/** The README's programs on Spark, compiled and run on em-spark's class path (local mode, loopback only). */
class ReadmeSparkProgramsTest extends ReadmeProgramsContract {

    @Override
    protected boolean runsHere(String program) {
        return program.contains("import io.emkit.spark");
    }

    @Override
    protected int minimumPrograms() {
        return 1;
    }
}
