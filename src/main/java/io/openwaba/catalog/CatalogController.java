package io.openwaba.catalog;

import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.Caller;
import io.openwaba.shared.ManagementApi;
import io.openwaba.tenancy.Tenancy;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The management API of catalogs: the business (or the BSP admin) keeps its products here. */
@ManagementApi
@RestController
@RequestMapping("/api")
class CatalogController {

    private final Catalogs catalogs;
    private final Tenancy tenancy;

    CatalogController(Catalogs catalogs, Tenancy tenancy) {
        this.catalogs = catalogs;
        this.tenancy = tenancy;
    }

    record CatalogView(String id, String wabaId, int productCount) {
    }

    record ProductView(String retailerId, String name, String description, String price, String currency,
                       String imageUrl, boolean available) {
        static ProductView of(Product p) {
            return new ProductView(p.retailerId(), p.name(), p.description(), p.price().toPlainString(), p.currency(),
                    p.imageUrl(), p.available());
        }
    }

    /** Creates the WABA's catalog; a WABA has one, so a second call answers the same catalog. */
    @PostMapping("/wabas/{wabaId}/catalog")
    @ResponseStatus(HttpStatus.CREATED)
    CatalogView create(Caller caller, @PathVariable String wabaId) {
        var waba = tenancy.waba(caller, wabaId).orElseThrow(() -> ApiProblem.notFound("WABA", wabaId));
        var id = catalogs.create(waba.id());
        return new CatalogView(id, waba.id(), catalogs.products(id).size());
    }

    @GetMapping("/wabas/{wabaId}/catalog")
    CatalogView read(Caller caller, @PathVariable String wabaId) {
        var waba = tenancy.waba(caller, wabaId).orElseThrow(() -> ApiProblem.notFound("WABA", wabaId));
        var id = catalogs.catalogOfWaba(waba.id()).orElseThrow(() -> ApiProblem.notFound("catalog of WABA", wabaId));
        return new CatalogView(id, waba.id(), catalogs.products(id).size());
    }

    @GetMapping("/catalogs/{catalogId}/products")
    List<ProductView> products(Caller caller, @PathVariable String catalogId) {
        return catalogs.products(visible(caller, catalogId)).stream().map(ProductView::of).toList();
    }

    /** Creates or replaces the product with this retailer id. */
    @PutMapping("/catalogs/{catalogId}/products/{retailerId}")
    ProductView save(Caller caller, @PathVariable String catalogId, @PathVariable String retailerId,
                     @RequestBody Catalogs.ProductRequest request) {
        return ProductView.of(catalogs.save(visible(caller, catalogId), retailerId, request));
    }

    @GetMapping("/catalogs/{catalogId}/products/{retailerId}")
    ProductView product(Caller caller, @PathVariable String catalogId, @PathVariable String retailerId) {
        return catalogs.productOf(visible(caller, catalogId), retailerId).map(ProductView::of)
                .orElseThrow(() -> ApiProblem.notFound("product", retailerId));
    }

    @DeleteMapping("/catalogs/{catalogId}/products/{retailerId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable String catalogId, @PathVariable String retailerId) {
        if (!catalogs.delete(visible(caller, catalogId), retailerId)) {
            throw ApiProblem.notFound("product", retailerId);
        }
    }

    private String visible(Caller caller, String catalogId) {
        return catalogs.wabaOfCatalog(catalogId).flatMap(wabaId -> tenancy.waba(caller, wabaId))
                .map(waba -> catalogId).orElseThrow(() -> ApiProblem.notFound("catalog", catalogId));
    }
}
