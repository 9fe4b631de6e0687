package io.openwaba.media;

import io.openwaba.shared.BackgroundWork;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Removes media whose time is up (sandbox clock): the row first, then the file, so a node
 * removes only files whose rows it deleted itself.
 */
@Component
class MediaPurge extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(MediaPurge.class);
    private static final int BATCH = 100;

    private final MediaRows rows;
    private final MediaStorage storage;
    private final Clock clock;

    MediaPurge(MediaRows rows, MediaStorage storage, Clock clock,
               @Value("${openwaba.media.purge-interval:1m}") Duration interval) {
        super("media-purge", 1, interval);
        this.rows = rows;
        this.storage = storage;
        this.clock = clock;
    }

    @Override
    protected int step() {
        var expired = rows.expired(clock.instant(), BATCH);
        int removed = 0;
        for (var row : expired) {
            if (rows.delete(row.media().id())) {
                try {
                    storage.delete(row.storageKey());
                    removed++;
                } catch (IOException e) {
                    log.warn("Could not delete the file of expired media {}", row.media().id(), e);
                }
            }
        }
        // A full batch means more may be waiting; otherwise wait for the interval.
        return expired.size() == BATCH ? removed : 0;
    }
}
