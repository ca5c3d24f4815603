package vn.congdoan.sangkien.ranking.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class VietnameseOrderTest {

    /**
     * The short names of the 63 provinces of 2022 as a Vietnamese dictionary lists them: "Bà Rịa - Vũng Tàu" before
     * "Bạc Liêu" and "Hà Tĩnh" before "Hải Dương" (word by word, so "Bà" and "Hà" end before "Bạc" and "Hải" go on),
     * a before ă before â ("Bạc", "Bắc"; "Cao", "Cần"), d before đ ("Bình Dương", "Bình Định"), o before ô before ơ
     * before u before ư ("Hòa", "Hồ", "Hưng"; "Sóc", "Sơn").
     */
    private static final List<String> DICTIONARY_ORDER = List.of(
            "An Giang",
            "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre", "Bình Dương", "Bình Định",
            "Bình Phước", "Bình Thuận",
            "Cà Mau", "Cao Bằng", "Cần Thơ",
            "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp",
            "Gia Lai",
            "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình",
            "Hồ Chí Minh", "Hưng Yên",
            "Khánh Hòa", "Kiên Giang", "Kon Tum",
            "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An",
            "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận",
            "Phú Thọ", "Phú Yên",
            "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị",
            "Sóc Trăng", "Sơn La",
            "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh",
            "Tuyên Quang",
            "Vĩnh Long", "Vĩnh Phúc",
            "Yên Bái");

    @Test
    void theSixtyThreeProvincesSortAsInAVietnameseDictionary() {
        assertThat(DICTIONARY_ORDER).hasSize(63).doesNotHaveDuplicates();
        for (long seed = 0; seed < 20; seed++) {
            List<String> shuffled = new ArrayList<>(DICTIONARY_ORDER);
            Collections.shuffle(shuffled, new Random(seed));

            shuffled.sort(VietnameseOrder.NAMES);

            assertThat(shuffled).containsExactlyElementsOf(DICTIONARY_ORDER);
        }
    }

    @Test
    void tonesDecideOnlyBetweenOtherwiseEqualNames() {
        List<String> names = new ArrayList<>(List.of("Bạ", "Bá", "Bã", "Bả", "Bà", "Ba"));

        names.sort(VietnameseOrder.NAMES);

        assertThat(names).containsExactly("Ba", "Bà", "Bả", "Bã", "Bá", "Bạ");
    }
}
