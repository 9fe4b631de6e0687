package io.openwaba.graph;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code fields=a,b,c} selection of a Graph read (or a JSON array: {@link GraphList}). Unknown
 * names are ignored (clients ask for long lists), modifiers such as {@code .format(SVG)} are
 * stripped, and {@code id} always comes back.
 */
public record GraphFields(Set<String> requested) {

    public static GraphFields parse(String raw) {
        return new GraphFields(GraphList.parse("fields", raw).stream()
                .map(name -> name.contains(".") ? name.substring(0, name.indexOf('.')) : name)
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    /** Picks the requested fields from everything the node has, or {@code defaults} when none were asked for. */
    public Map<String, Object> select(Map<String, Object> all, List<String> defaults) {
        var names = requested.isEmpty() ? defaults : List.copyOf(requested);
        var out = new LinkedHashMap<String, Object>();
        for (String name : names) {
            if (all.containsKey(name)) {
                out.put(name, all.get(name));
            }
        }
        out.put("id", all.get("id"));
        return out;
    }
}
