-- Lock the row with SELECT ... FOR UPDATE, check the quantity, then write.
\set item random(1, :items)
BEGIN;
SELECT quantity FROM stock WHERE item = :item FOR UPDATE \gset
WITH changed AS (
    UPDATE stock SET quantity = quantity - 1, version = version + 1
    WHERE item = :item AND :quantity >= 1 RETURNING item)
INSERT INTO ledger (id, item, delta, occurred_at)
    SELECT gen_random_uuid(), item, -1, 0 FROM changed;
COMMIT;
