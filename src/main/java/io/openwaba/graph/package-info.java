/**
 * The Graph API surface that Cloud API clients talk to: version-prefixed paths, Meta's error
 * envelope, request bodies with every client's quirks, node reads by id and cursor paging.
 * Feature modules put their Graph endpoints in controllers marked {@link io.openwaba.graph.GraphApi}.
 */
@ApplicationModule(allowedDependencies = "shared")
package io.openwaba.graph;

import org.springframework.modulith.ApplicationModule;
