CREATE TABLE catalog_catalog (
    id         VARCHAR(20) PRIMARY KEY,
    waba_id    VARCHAR(20) NOT NULL UNIQUE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE catalog_product (
    catalog_id   VARCHAR(20)    NOT NULL,
    retailer_id  VARCHAR(100)   NOT NULL,
    name         VARCHAR(150)   NOT NULL,
    description  VARCHAR(5000),
    price        DECIMAL(14, 2) NOT NULL,
    currency     VARCHAR(3)     NOT NULL,
    image_url    VARCHAR(2048),
    available    BOOLEAN        NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (catalog_id, retailer_id)
);
