-- The baseline's tables: what one Stockroom movement writes at its core, a stock row with
-- a version and a ledger line, without Stockroom around it.
CREATE TABLE stock (
    item BIGINT PRIMARY KEY,
    quantity BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE TABLE ledger (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id UUID NOT NULL UNIQUE,
    item BIGINT NOT NULL,
    delta BIGINT NOT NULL,
    occurred_at BIGINT NOT NULL
);
INSERT INTO stock (item, quantity) SELECT i, 1000000000 FROM generate_series(1, 1000) AS i;
