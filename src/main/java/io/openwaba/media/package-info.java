/**
 * Media files: upload through a business number, description by id, download for the owning
 * business, deletion. Files are typed by their content and kept by a
 * {@code MediaStorage} (the disk under the data directory). {@link io.openwaba.media.Media}
 * lets messaging check the media a message names.
 */
@ApplicationModule(allowedDependencies = {"shared", "graph", "numbers"})
package io.openwaba.media;

import org.springframework.modulith.ApplicationModule;
