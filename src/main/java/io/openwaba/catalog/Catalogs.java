package io.openwaba.catalog;

import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.HttpUrls;
import io.openwaba.shared.NodeIds;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Each WABA's catalog and its products; other modules look products up by retailer id. */
@Service
public class Catalogs {

    static final int MAX_RETAILER_ID = 100;
    static final int MAX_NAME = 150;
    static final int MAX_DESCRIPTION = 5000;

    private final CatalogRows rows;
    private final Clock clock;

    Catalogs(CatalogRows rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    /** The WABA's catalog id, if it has one. */
    public Optional<String> catalogOfWaba(String wabaId) {
        return rows.catalogOfWaba(wabaId).map(CatalogRows.CatalogRow::id);
    }

    Optional<String> wabaOfCatalog(String catalogId) {
        return rows.catalog(catalogId).map(CatalogRows.CatalogRow::wabaId);
    }

    /** A product of the WABA's catalog. */
    public Optional<Product> product(String wabaId, String catalogId, String retailerId) {
        return rows.catalog(catalogId).filter(c -> c.wabaId().equals(wabaId))
                .flatMap(c -> rows.product(c.id(), retailerId));
    }

    /** Creates the WABA's catalog, or answers the one it has. */
    @Transactional
    public String create(String wabaId) {
        rows.insertCatalog(NodeIds.next(), wabaId, clock.instant());
        return catalogOfWaba(wabaId).orElseThrow();
    }

    Optional<Product> productOf(String catalogId, String retailerId) {
        return rows.product(catalogId, retailerId);
    }

    List<Product> products(String catalogId) {
        return rows.products(catalogId);
    }

    /** Creates or replaces a product; refuses a bad one with problem details. */
    @Transactional
    public Product save(String catalogId, String retailerId, ProductRequest request) {
        if (retailerId.isBlank() || retailerId.length() > MAX_RETAILER_ID) {
            throw ApiProblem.badRequest("the retailer id must be 1 to " + MAX_RETAILER_ID + " characters long");
        }
        var name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw ApiProblem.badRequest("name is required and at most " + MAX_NAME + " characters long");
        }
        if (request.description() != null && request.description().length() > MAX_DESCRIPTION) {
            throw ApiProblem.badRequest("description must be at most " + MAX_DESCRIPTION + " characters long");
        }
        var price = price(request.price());
        var currency = currency(request.currency());
        var image = imageUrl(request.imageUrl());
        var product = new Product(catalogId, retailerId, name, request.description(), price, currency, image,
                request.available() == null || request.available());
        rows.saveProduct(product, clock.instant());
        return product;
    }

    boolean delete(String catalogId, String retailerId) {
        return rows.deleteProduct(catalogId, retailerId);
    }

    public record ProductRequest(String name, String description, String price, String currency, String imageUrl,
                                 Boolean available) {
    }

    private static BigDecimal price(String value) {
        try {
            var price = new BigDecimal(value == null ? "" : value.trim());
            if (price.signum() < 0 || price.scale() > 2 || price.precision() - price.scale() > 12) {
                throw new NumberFormatException();
            }
            return price.setScale(2);
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("price is required: a non-negative amount with at most 2 decimals, as a string such as \"19.99\"");
        }
    }

    private static String currency(String value) {
        try {
            return Currency.getInstance(value == null ? "" : value.trim().toUpperCase(Locale.ROOT)).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("currency is required: an ISO 4217 code such as EUR or BRL");
        }
    }

    private static String imageUrl(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (HttpUrls.isHttp(value.trim()) && value.length() <= 2048) {
            return value.trim();
        }
        throw ApiProblem.badRequest("image_url must be an http or https URL of at most 2048 characters");
    }
}
