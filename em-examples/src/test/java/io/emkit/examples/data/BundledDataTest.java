package io.emkit.examples.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BundledDataTest {

    @Test
    void oldFaithfulIs272ByTwo() {
        LabelledData faithful = BundledData.oldFaithful();
        assertThat(faithful.size()).isEqualTo(272);
        assertThat(faithful.columns()).containsExactly("eruptions", "waiting");
        assertThat(faithful.features()[0]).containsExactly(3.6, 79.0);
        assertThat(faithful.labels()).isEmpty();
    }

    @Test
    void irisHasFiftyOfEachSpecies() {
        LabelledData iris = BundledData.iris();
        assertThat(iris.size()).isEqualTo(150);
        assertThat(iris.dimension()).isEqualTo(4);
        assertThat(iris.classes()).containsExactly("setosa", "versicolor", "virginica");
        int[] counts = new int[3];
        for (int label : iris.labels()) {
            counts[label]++;
        }
        assertThat(counts).containsExactly(50, 50, 50);
        assertThat(iris.features()[0]).containsExactly(5.1, 3.5, 1.4, 0.2);
    }

    @Test
    void digitsAre1797ImagesOf64PixelCounts() {
        LabelledData digits = BundledData.digits();
        assertThat(digits.size()).isEqualTo(1797);
        assertThat(digits.dimension()).isEqualTo(64);
        for (double[] row : digits.features()) {
            for (double v : row) {
                assertThat(v).isBetween(0.0, 16.0);
            }
        }
        assertThat(digits.labels()[0]).isEqualTo(0);
        assertThat(digits.head(10).size()).isEqualTo(10);
    }
}
