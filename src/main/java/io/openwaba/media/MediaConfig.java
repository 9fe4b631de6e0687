package io.openwaba.media;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where media files go: the disk under the data directory (another store implements {@link MediaStorage}). */
@Configuration(proxyBeanMethods = false)
class MediaConfig {

    @Bean
    MediaStorage diskMediaStorage(@Value("${openwaba.data-dir}") String dataDir) {
        return new DiskMediaStorage(Path.of(dataDir, "media"));
    }
}
