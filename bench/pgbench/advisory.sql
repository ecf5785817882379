-- Take the item's advisory transaction lock, check the quantity, then write.
\set item random(1, :items)
BEGIN;
SELECT pg_advisory_xact_lock(:item);
SELECT quantity FROM stock WHERE item = :item \gset
WITH changed AS (
    UPDATE stock SET quantity = quantity - 1, version = version + 1
    WHERE item = :item AND :quantity >= 1 RETURNING item)
INSERT INTO ledger (id, item, delta, occurred_at)
    SELECT gen_random_uuid(), item, -1, 0 FROM changed;
COMMIT;
