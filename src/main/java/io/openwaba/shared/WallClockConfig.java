package io.openwaba.shared;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class WallClockConfig {

    @Bean
    WallClock wallClock() {
        return new WallClock(Clock.systemUTC());
    }
}
