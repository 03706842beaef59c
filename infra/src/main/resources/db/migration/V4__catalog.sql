CREATE TABLE categories (
    tenant_id  UUID        NOT NULL,
    id         UUID        NOT NULL,
    name       TEXT        NOT NULL,
    slug       TEXT        NOT NULL,
    parent_id  UUID,
    position   INTEGER     NOT NULL,
    active     BOOLEAN     NOT NULL,
    version    BIGINT      NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX categories_parent ON categories (tenant_id, parent_id, position);
CALL isolate_tenant('categories');

CREATE TABLE products (
    tenant_id   UUID        NOT NULL,
    id          UUID        NOT NULL,
    name        TEXT        NOT NULL,
    slug        TEXT        NOT NULL,
    description TEXT,
    kind        TEXT        NOT NULL,
    price_minor BIGINT      NOT NULL,
    currency    CHAR(3)     NOT NULL,
    stock       INTEGER     NOT NULL,
    category_id UUID,
    active      BOOLEAN     NOT NULL,
    metadata    JSONB       NOT NULL DEFAULT '{}',
    version     BIGINT      NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX products_page ON products (tenant_id, created_at, id);
CREATE INDEX products_slug ON products (tenant_id, slug);
CREATE INDEX products_category ON products (tenant_id, category_id);
CALL isolate_tenant('products');

-- The command side's view of the category tree, to refuse cycles when a category moves.
CREATE TABLE category_tree (
    tenant_id   UUID NOT NULL,
    category_id UUID NOT NULL,
    parent_id   UUID,
    PRIMARY KEY (tenant_id, category_id)
);
CALL isolate_tenant('category_tree');
