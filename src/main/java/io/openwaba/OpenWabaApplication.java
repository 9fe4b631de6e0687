package io.openwaba;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class OpenWabaApplication {
    public static void main(String[] args) {
        SpringApplication.run(OpenWabaApplication.class, args);
    }
}
