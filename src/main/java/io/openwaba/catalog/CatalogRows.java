package io.openwaba.catalog;

import io.openwaba.shared.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CatalogRows {

    private final JdbcClient jdbc;

    CatalogRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record CatalogRow(String id, String wabaId) {
    }

    Optional<CatalogRow> catalogOfWaba(String wabaId) {
        return jdbc.sql("SELECT id, waba_id FROM catalog_catalog WHERE waba_id = :waba").param("waba", wabaId)
                .query((rs, row) -> new CatalogRow(rs.getString("id"), rs.getString("waba_id"))).optional();
    }

    Optional<CatalogRow> catalog(String id) {
        return jdbc.sql("SELECT id, waba_id FROM catalog_catalog WHERE id = :id").param("id", id)
                .query((rs, row) -> new CatalogRow(rs.getString("id"), rs.getString("waba_id"))).optional();
    }

    void insertCatalog(String id, String wabaId, Instant at) {
        jdbc.sql("INSERT INTO catalog_catalog (id, waba_id, created_at) VALUES (:id, :waba, :at) ON CONFLICT DO NOTHING")
                .param("id", id).param("waba", wabaId).param("at", SqlTime.utc(at)).update();
    }

    /** Inserts the product, or replaces it when the retailer id exists (safe when two requests race). */
    void saveProduct(Product product, Instant at) {
        int created = jdbc.sql("""
                INSERT INTO catalog_product (catalog_id, retailer_id, name, description, price, currency, image_url,
                    available, updated_at)
                VALUES (:catalog, :retailer, :name, :description, :price, :currency, :image, :available, :at)
                ON CONFLICT DO NOTHING""")
                .params(params(product, at)).update();
        if (created == 0) {
            jdbc.sql("""
                    UPDATE catalog_product SET name = :name, description = :description, price = :price,
                        currency = :currency, image_url = :image, available = :available, updated_at = :at
                    WHERE catalog_id = :catalog AND retailer_id = :retailer""")
                    .params(params(product, at)).update();
        }
    }

    Optional<Product> product(String catalogId, String retailerId) {
        return jdbc.sql("SELECT * FROM catalog_product WHERE catalog_id = :catalog AND retailer_id = :retailer")
                .param("catalog", catalogId).param("retailer", retailerId).query(CatalogRows::product).optional();
    }

    List<Product> products(String catalogId) {
        return jdbc.sql("SELECT * FROM catalog_product WHERE catalog_id = :catalog ORDER BY retailer_id")
                .param("catalog", catalogId).query(CatalogRows::product).list();
    }

    boolean deleteProduct(String catalogId, String retailerId) {
        return jdbc.sql("DELETE FROM catalog_product WHERE catalog_id = :catalog AND retailer_id = :retailer")
                .param("catalog", catalogId).param("retailer", retailerId).update() > 0;
    }

    private static java.util.Map<String, Object> params(Product p, Instant at) {
        var params = new java.util.HashMap<String, Object>();
        params.put("catalog", p.catalogId());
        params.put("retailer", p.retailerId());
        params.put("name", p.name());
        params.put("description", p.description());
        params.put("price", p.price());
        params.put("currency", p.currency());
        params.put("image", p.imageUrl());
        params.put("available", p.available());
        params.put("at", SqlTime.utc(at));
        return params;
    }

    private static Product product(ResultSet rs, int row) throws SQLException {
        return new Product(rs.getString("catalog_id"), rs.getString("retailer_id"), rs.getString("name"),
                rs.getString("description"), rs.getBigDecimal("price"), rs.getString("currency"),
                rs.getString("image_url"), rs.getBoolean("available"));
    }
}
