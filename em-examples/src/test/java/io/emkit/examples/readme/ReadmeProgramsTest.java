package io.emkit.examples.readme;

import io.emkit.core.ReadmeProgramsContract;

/** The README's programs that need only the library and the examples (the Spark ones run in em-spark). */
class ReadmeProgramsTest extends ReadmeProgramsContract {

    @Override
    protected boolean runsHere(String program) {
        return !program.contains("import io.emkit.spark");
    }

    @Override
    protected int minimumPrograms() {
        return 5;
    }
}
