package io.openwaba.media;

import io.openwaba.numbers.PhoneNumber;
import io.openwaba.shared.MetaError;
import java.util.Optional;

/**
 * Where uploaded media must also go when messages leave through another network: Meta's Cloud API
 * in cloud mode. The network implements it; without an implementation (sandbox mode) an upload is
 * only stored here.
 */
public interface MediaRelay {

    /**
     * Copies a file just uploaded through the number (its bytes in {@code file}, which the relay
     * closes); Meta's error when it refused or could not be asked, and then the upload is undone.
     */
    Optional<MetaError> uploaded(PhoneNumber number, Media.Download file);
}
