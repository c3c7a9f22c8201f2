package org.newplos.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The firewall's header rules, written as a loop for speed, say exactly what Spring Security's regular
 * expressions say, for every code point (and for unpaired surrogates).
 */
class FirewallHeaderRulesTests {

    static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void sameAnswerAsTheRegularExpressionsForEveryCodePoint() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = "a" + Character.toString(codePoint) + "b";
            assertThat(RejectedRequests.assignedAndNotControl(text, false))
                    .as("name U+%04X", codePoint)
                    .isEqualTo(NAME.matcher(text).matches());
            assertThat(RejectedRequests.assignedAndNotControl(text, true))
                    .as("value U+%04X", codePoint)
                    .isEqualTo(VALUE.matcher(text).matches());
        }
    }

    @Test
    void typicalHeaders() {
        assertThat(RejectedRequests.assignedAndNotControl("application/json, text/plain;q=0.9", true))
                .isTrue();
        assertThat(RejectedRequests.assignedAndNotControl("a\tb", true)).isTrue();
        assertThat(RejectedRequests.assignedAndNotControl("a\tb", false)).isFalse();
        assertThat(RejectedRequests.assignedAndNotControl("evil\r\nSet-Cookie: x", true))
                .isFalse();
        assertThat(RejectedRequests.assignedAndNotControl("", true)).isTrue();
    }
}
