package vn.congdoan.sangkien.ranking.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class RankingTest {

    record P(String name, long submissions) {
    }

    @Test
    void tiesShareARankAndTheNextRankSkips() {
        var ranked = Ranking.rank(List.of(new P("Hà Tĩnh", 8761), new P("Thanh Hóa", 31035),
                new P("Nghệ An", 13386), new P("Quảng Bình", 8761)), P::submissions, P::name);

        assertThat(ranked).extracting(Ranking.Ranked::rank).containsExactly(1, 2, 3, 3);
        assertThat(ranked).extracting(r -> r.item().name())
                .containsExactly("Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình");
    }

    @Test
    void tiesAreInVietnameseAlphabeticalOrder() {
        var ranked = Ranking.rank(List.of(new P("Gia Lai", 0), new P("Đắk Lắk", 0), new P("Cà Mau", 0),
                new P("Đà Nẵng", 0), new P("Dak To", 0)), P::submissions, P::name);

        assertThat(ranked).extracting(r -> r.item().name())
                .containsExactly("Cà Mau", "Dak To", "Đà Nẵng", "Đắk Lắk", "Gia Lai");
        assertThat(ranked).extracting(Ranking.Ranked::rank).containsOnly(1);
    }

    @Test
    void ranksByIndexAsSortingTheItemsByValueThenNameWould() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = random.nextInt(60);
            double[] values = new double[n];
            int[] names = new int[n];
            // few distinct values, so that ties are many; name places distinct in some rounds, shared or far apart
            // in others
            boolean distinctNames = round % 3 != 0;
            List<Integer> shuffled = IntStream.range(0, n).boxed().collect(Collectors.toList());
            Collections.shuffle(shuffled, random);
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(4) == 0 ? Double.NEGATIVE_INFINITY : random.nextInt(5) / 2.0;
                names[i] = distinctNames ? shuffled.get(i) * (round % 2 == 0 ? 1 : 1_000) : random.nextInt(5);
            }

            Ranking.Ranks ranks = Ranking.rank(values, names);

            Integer[] expected = IntStream.range(0, n).boxed().toArray(Integer[]::new);
            Arrays.sort(expected, Comparator.comparingDouble((Integer i) -> values[i]).reversed()
                    .thenComparingInt(i -> names[i]).thenComparingInt(i -> i));
            assertThat(ranks.order()).as("round %d", round).containsExactly(
                    Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
            for (int k = 0; k < n; k++) {
                int i = expected[k];
                int first = k;
                while (first > 0 && values[expected[first - 1]] == values[i]) {
                    first--;
                }
                assertThat(ranks.rank()[i]).as("round %d, item %d", round, i).isEqualTo(first + 1);
            }
        }
    }
}
