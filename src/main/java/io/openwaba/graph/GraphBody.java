package io.openwaba.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Graph request body (JSON, form fields and query parameters merged) read the way Cloud API
 * clients write it: {@code null} means absent, objects may arrive as JSON-encoded strings,
 * booleans and numbers as strings. Errors name the parameter as Meta does ({@code text['body']}).
 */
public final class GraphBody {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ObjectNode node;
    private final String path;

    private GraphBody(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    public static GraphBody of(ObjectNode node) {
        return new GraphBody(node, "");
    }

    public ObjectNode json() {
        return node;
    }

    /** The parameter's name as error messages show it. */
    public String param(String field) {
        return path.isEmpty() ? field : path + "['" + field + "']";
    }

    /** Every WhatsApp call names its product: {@code messaging_product} must be {@code whatsapp} (any case). */
    public void requireMessagingProduct() {
        var product = string("messaging_product")
                .orElseThrow(() -> GraphException.requiredParameter("messaging_product"));
        if (!product.equalsIgnoreCase("whatsapp")) {
            throw GraphException.invalidParameter("Param messaging_product must be 'whatsapp'.");
        }
    }

    public boolean has(String field) {
        var value = node.get(field);
        return value != null && !value.isNull();
    }

    public Optional<String> string(String field) {
        var value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isContainer()) {
            throw GraphException.invalidParameter("Param " + param(field) + " must be a string.");
        }
        return Optional.of(value.asString());
    }

    public String requiredString(String field) {
        return string(field).filter(s -> !s.isBlank())
                .orElseThrow(() -> GraphException.missingParameter("Param " + param(field) + " is required."));
    }

    public Optional<Boolean> bool(String field) {
        return string(field).map(raw -> {
            if (raw.equalsIgnoreCase("true") || raw.equals("1")) {
                return true;
            }
            if (raw.equalsIgnoreCase("false") || raw.equals("0")) {
                return false;
            }
            throw GraphException.invalidParameter("Param " + param(field) + " must be a boolean.");
        });
    }

    /** A number, given as a JSON number or as a numeric string. */
    public Optional<Double> number(String field) {
        var value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            return Optional.of(value.asDouble());
        }
        if (value.isString()) {
            try {
                double parsed = Double.parseDouble(value.asString().trim());
                if (Double.isFinite(parsed)) {
                    return Optional.of(parsed);
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
        }
        throw GraphException.invalidParameter("Param " + param(field) + " must be a number.");
    }

    public Optional<GraphBody> object(String field) {
        return container(field).map(value -> {
            if (!value.isObject()) {
                throw GraphException.invalidParameter("Param " + param(field) + " must be a JSON object.");
            }
            return new GraphBody((ObjectNode) value, param(field));
        });
    }

    public GraphBody requiredObject(String field) {
        return object(field).orElseThrow(() ->
                GraphException.missingParameter("Param " + param(field) + " is required."));
    }

    public Optional<List<GraphBody>> objects(String field) {
        return container(field).map(value -> {
            if (!value.isArray()) {
                throw GraphException.invalidParameter("Param " + param(field) + " must be an array.");
            }
            var items = new ArrayList<GraphBody>();
            for (int i = 0; i < value.size(); i++) {
                var item = value.get(i);
                if (!item.isObject()) {
                    throw GraphException.invalidParameter("Param " + param(field) + "[" + i + "] must be a JSON object.");
                }
                items.add(new GraphBody((ObjectNode) item, param(field) + "[" + i + "]"));
            }
            return items;
        });
    }

    /** An array of strings (or the array as a JSON string). */
    public Optional<List<String>> strings(String field) {
        return container(field).map(value -> {
            if (!value.isArray()) {
                throw GraphException.invalidParameter("Param " + param(field) + " must be an array of strings.");
            }
            var items = new ArrayList<String>();
            for (int i = 0; i < value.size(); i++) {
                var item = value.get(i);
                if (item.isContainer() || item.isNull()) {
                    throw GraphException.invalidParameter("Param " + param(field) + "[" + i + "] must be a string.");
                }
                items.add(item.asString());
            }
            return items;
        });
    }

    private Optional<JsonNode> container(String field) {
        var value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isString()) {
            var text = value.asString().trim();
            if (text.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(JSON.readTree(text));
            } catch (JacksonException e) {
                throw GraphException.invalidParameter("Param " + param(field) + " is neither an object nor valid JSON.");
            }
        }
        return Optional.of(value);
    }
}
