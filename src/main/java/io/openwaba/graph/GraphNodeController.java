package io.openwaba.graph;

import io.openwaba.shared.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@GraphApi
@RestController
class GraphNodeController {

    private final List<GraphNode> nodes;

    GraphNodeController(List<GraphNode> nodes) {
        this.nodes = nodes;
    }

    @GetMapping({GraphApi.VERSION + "/" + GraphApi.NODE, "/" + GraphApi.NODE})
    Object read(Caller caller, @PathVariable String id, @RequestParam(required = false) String fields) {
        var selection = GraphFields.parse(fields);
        for (GraphNode node : nodes) {
            var found = node.read(caller, id, selection);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw GraphException.unknownObject(id, "get");
    }

    /** Anything under a version prefix that no controller maps answers in the Graph envelope. */
    @RequestMapping({GraphApi.VERSION + "/**", "/" + GraphApi.NODE + "/**"})
    Object unknownPath(HttpServletRequest request) {
        throw GraphException.unsupportedPath(request.getMethod().toLowerCase(), request.getRequestURI());
    }
}
