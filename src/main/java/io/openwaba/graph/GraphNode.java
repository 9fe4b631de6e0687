package io.openwaba.graph;

import io.openwaba.shared.Caller;
import java.util.Optional;

/**
 * A kind of object that {@code GET /{id}} can read. Each module that owns such objects
 * registers one; the first that knows the id and lets the caller see it answers.
 */
public interface GraphNode {

    Optional<Object> read(Caller caller, String id, GraphFields fields);
}
