-- Read the row and its version, then write it only if the version is unchanged; the ledger
-- line is written only when the stock update was (a lost race writes nothing).
\set item random(1, :items)
BEGIN;
SELECT quantity, version FROM stock WHERE item = :item \gset
WITH changed AS (
    UPDATE stock SET quantity = quantity - 1, version = version + 1
    WHERE item = :item AND version = :version AND :quantity >= 1 RETURNING item)
INSERT INTO ledger (id, item, delta, occurred_at)
    SELECT gen_random_uuid(), item, -1, 0 FROM changed;
COMMIT;
