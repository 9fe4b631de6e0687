package io.openwaba.shared;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON objects whose keys keep the order they are given in, as Meta writes them ({@code Map.of} does not). */
public final class OrderedMaps {

    private OrderedMaps() {
    }

    public static Map<String, Object> of(String k1, Object v1) {
        var map = new LinkedHashMap<String, Object>();
        map.put(k1, v1);
        return map;
    }

    public static Map<String, Object> of(String k1, Object v1, String k2, Object v2) {
        var map = of(k1, v1);
        map.put(k2, v2);
        return map;
    }

    public static Map<String, Object> of(String k1, Object v1, String k2, Object v2, String k3, Object v3) {
        var map = of(k1, v1, k2, v2);
        map.put(k3, v3);
        return map;
    }
}
