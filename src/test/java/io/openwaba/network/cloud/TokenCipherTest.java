package io.openwaba.network.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenCipherTest {

    @Test
    void aTokenComesBackOnlyWithTheKeyItWasSealedWith() {
        var cipher = new TokenCipher("a-secret-key-of-the-bsp");
        var sealed = cipher.encrypt("EAAGm0PX4ZCpsBAMeta");
        assertThat(sealed).doesNotContain("EAAGm0PX4ZCpsBAMeta");
        assertThat(cipher.encrypt("EAAGm0PX4ZCpsBAMeta")).as("a fresh IV each time").isNotEqualTo(sealed);
        assertThat(cipher.decrypt(sealed)).isEqualTo("EAAGm0PX4ZCpsBAMeta");
        assertThatThrownBy(() -> new TokenCipher("another-key-entirely").decrypt(sealed))
                .hasMessageContaining("openwaba.cloud.secret-key");
    }
}
