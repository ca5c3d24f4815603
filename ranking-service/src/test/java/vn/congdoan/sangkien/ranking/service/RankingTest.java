package vn.congdoan.sangkien.ranking.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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
}
