package io.openwaba.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GraphListTest {

    @Test
    void readsACommaListTrimmedWithoutEmptyValues() {
        assertThat(GraphList.parse("status", " APPROVED, PENDING,,")).containsExactly("APPROVED", "PENDING");
    }

    @Test
    void readsAJsonArrayOfStringsNumbersAndBooleans() {
        assertThat(GraphList.parse("status", "[\"APPROVED\", \" PENDING \", \"\", 7, true]"))
                .containsExactly("APPROVED", "PENDING", "7", "true");
    }

    @Test
    void anAbsentOrBlankParameterAndAnEmptyArrayAreNoValues() {
        assertThat(GraphList.parse("status", null)).isEmpty();
        assertThat(GraphList.parse("status", "  ")).isEmpty();
        assertThat(GraphList.parse("status", "[]")).isEmpty();
    }

    @Test
    void keepsCommasInsideAFieldModifierTogether() {
        assertThat(GraphList.parse("fields", "code,qr_image_url.format(SVG),picture{url,width}"))
                .containsExactly("code", "qr_image_url.format(SVG)", "picture{url,width}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[", "[APPROVED]", "[\"A\",]", "[\"A\"] x", "[null]", "[[\"A\"]]", "[{\"a\":1}]"})
    void refusesAMalformedArrayWithCode100(String raw) {
        assertThatThrownBy(() -> GraphList.parse("status", raw))
                .isInstanceOfSatisfying(GraphException.class, e -> {
                    assertThat(e.code()).isEqualTo(100);
                    assertThat(e.getMessage()).contains("Param status must be a JSON array");
                });
    }
}
