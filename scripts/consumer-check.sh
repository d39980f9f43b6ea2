#!/usr/bin/env bash
# Consumer check: does emkit work as a library, from the outside?
#
#   1. installs every module into the local Maven repository (mvn -B -q install -DskipTests);
#   2. (a) builds and runs, in a temporary folder, a separate Maven project that imports
#      io.emkit:emkit-bom and depends on io.emkit:em-gmm and io.emkit:em-hmm by coordinates;
#   3. (b) compiles a modular application (module-info.java: requires io.emkit.gmm) with plain javac
#      and runs it with plain `java --module-path ... -m ...` (no --add-modules, no class path).
#
# Exits non-zero if any step fails. Slow (a full install plus two small builds), so it is not part
# of .ci/run. Usage: scripts/consumer-check.sh [--keep]   (--keep leaves the temporary folder)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
keep=false
[[ "${1:-}" == "--keep" ]] && keep=true

# The project version: the first <version> of the root pom is the parent's own.
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)"
[[ -n "$version" ]] || { echo "consumer-check: cannot read the version from $root/pom.xml" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/emkit-consumer.XXXXXX")"
if $keep; then
    echo "consumer-check: keeping $work"
else
    trap 'rm -rf "$work"' EXIT
fi

step() { echo "== consumer-check: $*"; }

step "installing emkit $version"
(cd "$root" && mvn -B -q -Dstyle.color=never install -DskipTests)

# ---------------------------------------------------------------------------------------------
step "(a) Maven project using io.emkit:em-gmm and io.emkit:em-hmm $version through emkit-bom"
app="$work/maven-consumer"
mkdir -p "$app/src/main/java/consumer"
cat > "$app/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>emkit-consumer</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>io.emkit</groupId>
        <artifactId>emkit-bom</artifactId>
        <version>$version</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>io.emkit</groupId>
      <artifactId>em-gmm</artifactId>
    </dependency>
    <dependency>
      <groupId>io.emkit</groupId>
      <artifactId>em-hmm</artifactId>
    </dependency>
    <dependency>
      <groupId>io.emkit</groupId>
      <artifactId>em-latent</artifactId>
    </dependency>
    <dependency>
      <groupId>io.emkit</groupId>
      <artifactId>em-io</artifactId>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.13.0</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>3.8.1</version>
      </plugin>
    </plugins>
  </build>
</project>
POM
cat > "$app/src/main/java/consumer/Main.java" <<'JAVA'
package consumer;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.FittedGaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import io.emkit.hmm.BaumWelch;
import io.emkit.hmm.EmissionFamily;
import io.emkit.hmm.FittedHmm;
import io.emkit.hmm.HmmParameters;
import io.emkit.hmm.Sequences;
import java.util.SplittableRandom;

/** Fits a two-cluster mixture and a two-state HMM on generated data; fails loudly if they are wrong. */
public final class Main {
    public static void main(String[] args) {
        SplittableRandom random = new SplittableRandom(1);
        double[][] rows = new double[400][];
        for (int i = 0; i < rows.length; i++) {
            double centre = i < 200 ? -3 : 3;
            rows[i] = new double[] {centre + random.nextGaussian(), random.nextGaussian()};
        }
        Dataset data = Dataset.of(rows);
        FittedGaussianMixture fit = GaussianMixtureModel.builder()
                .components(2)
                .covarianceType(CovarianceType.FULL)
                .build()
                .fit(data, EmOptions.builder().restarts(3).seed(42).build());
        double[][] means = fit.means();
        double low = Math.min(means[0][0], means[1][0]);
        double high = Math.max(means[0][0], means[1][0]);
        System.out.printf("gmm: weights %.3f %.3f, means[.][0] %.3f %.3f, converged %s%n",
                fit.weights()[0], fit.weights()[1], low, high, fit.result().converged());
        check(Math.abs(low + 3) < 0.5 && Math.abs(high - 3) < 0.5, "GMM means near -3 and 3");

        int[][] symbols = new int[3][300];
        for (int[] sequence : symbols) {
            boolean loaded = false;
            for (int t = 0; t < sequence.length; t++) {
                if (random.nextDouble() < 0.05) {
                    loaded = !loaded;
                }
                sequence[t] = loaded && random.nextDouble() < 0.5 ? 5 : random.nextInt(6);
            }
        }
        Sequences rolls = Sequences.ofSymbols(symbols);
        BaumWelch model = BaumWelch.builder().states(2).emission(EmissionFamily.categorical(6)).build();
        EmResult<HmmParameters> result = model.fit(rolls, EmOptions.builder().tolerance(1e-6).build());
        FittedHmm hmm = FittedHmm.of(result.parameters());
        double lnL = hmm.logLikelihood(rolls);
        int decoded = hmm.decode(rolls).get(0).states().length();
        System.out.printf("hmm: log-likelihood %.3f, %d iterations, decoded %d steps%n",
                lnL, result.iterations(), decoded);
        check(Double.isFinite(lnL) && lnL < 0 && decoded == 300, "HMM fit and decode");
        System.out.println("maven consumer: OK");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("consumer check failed: " + what);
        }
    }
}
JAVA
# Every README program that needs only the library artifacts (not em-examples, not Spark) goes into the project.
readme_programs=()
while IFS= read -r name; do readme_programs+=("$name"); done < <(python3 - "$root/README.md" "$app/src/main/java" <<'PY'
import re, sys, pathlib
text = pathlib.Path(sys.argv[1]).read_text(encoding="utf-8")
for block in re.findall(r"```java\n(.*?)```", text, re.S):
    m = re.search(r"public class (\w+)", block)
    # em-examples programs need the CLI's module; Spark ones need Spark (ReadmeSparkProgramsTest runs them)
    if m and "io.emkit.examples" not in block and "io.emkit.spark" not in block:
        pathlib.Path(sys.argv[2], m.group(1) + ".java").write_text(block, encoding="utf-8")
        print(m.group(1))
PY
)
[[ ${#readme_programs[@]} -ge 3 ]] || { echo "consumer-check: found only ${#readme_programs[@]} README programs" >&2; exit 1; }
(cd "$app" && mvn -B -q -Dstyle.color=never package dependency:copy-dependencies -DincludeScope=runtime \
        -DoutputDirectory="$work/lib")
java -cp "$app/target/classes:$work/lib/*" consumer.Main
for program in "${readme_programs[@]}"; do
    step "(a) README program $program, by coordinates"
    java -cp "$app/target/classes:$work/lib/*" "$program" > "$work/$program.out"
    [[ -s "$work/$program.out" ]] || { echo "consumer-check: $program printed nothing" >&2; exit 1; }
done

# ---------------------------------------------------------------------------------------------
step "(b) modular application: requires io.emkit.gmm, plain javac and java --module-path"
mod="$work/modular-consumer"
mkdir -p "$mod/src/emkit.consumer/consumer/modular"
cat > "$mod/src/emkit.consumer/module-info.java" <<'JAVA'
module emkit.consumer {
    requires io.emkit.gmm;
}
JAVA
cat > "$mod/src/emkit.consumer/consumer/modular/Main.java" <<'JAVA'
package consumer.modular;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.FittedGaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;

/** Runs from the module path only: emkit and Guava must resolve through their module descriptors. */
public final class Main {
    public static void main(String[] args) {
        double[][] rows = new double[200][];
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {(i % 2 == 0 ? -4 : 4) + random.nextGaussian()};
        }
        FittedGaussianMixture fit = GaussianMixtureModel.builder()
                .components(2)
                .covarianceType(CovarianceType.DIAGONAL)
                .build()
                .fit(Dataset.of(rows), EmOptions.builder().seed(7).build());
        String message = "";
        try {
            Dataset.of(new double[][] {{1}, {Double.NaN}});
        } catch (IllegalArgumentException expected) {
            message = expected.getMessage();
        }
        System.out.printf("module %s: lnL %.3f, bad input rejected with \"%s\"%n",
                Main.class.getModule().getName(), fit.logLikelihood(), message);
        if (!Main.class.getModule().isNamed() || !Dataset.class.getModule().getName().equals("io.emkit.core")
                || message.isEmpty() || !Double.isFinite(fit.logLikelihood())) {
            throw new AssertionError("modular consumer check failed");
        }
        System.out.println("modular consumer: OK");
    }
}
JAVA
javac -d "$mod/out" --module-path "$work/lib" --module-source-path "$mod/src" -m emkit.consumer
java --module-path "$mod/out:$work/lib" -m emkit.consumer/consumer.modular.Main

step "all checks passed"
