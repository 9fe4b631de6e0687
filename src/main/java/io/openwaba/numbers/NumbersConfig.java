package io.openwaba.numbers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class NumbersConfig {

    @Bean
    PolicyProfile policyProfile(PolicySettings settings) {
        return settings.resolve();
    }
}
