-- One statement: qty = qty + delta with the non-negative rule in its WHERE clause.
\set item random(1, :items)
WITH changed AS (
    UPDATE stock SET quantity = quantity - 1, version = version + 1
    WHERE item = :item AND quantity >= 1 RETURNING item)
INSERT INTO ledger (id, item, delta, occurred_at)
    SELECT gen_random_uuid(), item, -1, 0 FROM changed;
