package io.openwaba.graph;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Graph API controller: its errors are answered in Meta's envelope. Paths are written
 * with {@link #VERSION} first; the same paths without a version are mapped too where clients use them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface GraphApi {

    /** Any {@code v{major}.{minor}} prefix: the API answers every version alike. */
    String VERSION = "/{version:v\\d+\\.\\d+}";

    /** A node id: Graph ids are numeric strings. */
    String NODE = "{id:\\d+}";
}
