#include "schema.h"

#include "database.h"
#include "migration.h"
#include "model/domain/tr.h"

#include <QDateTime>
#include <QSqlQuery>

#include <span>

namespace Stockroom {

namespace {

// Version 1: the catalogue, the ledger and its projections.
//
// Conventions: ids are local INTEGER keys; uuid columns carry the identity that other
// databases share. Foreign keys are checked when a transaction commits, not after each
// statement: a violation fails the commit, which is where a batch's other failures land
// too (see Transaction::atomic). lot_id and warehouse_id use 0 for "none" where they are
// part of a key, because SQLite treats NULLs in a UNIQUE key as distinct. Times are UTC
// milliseconds.
const char *const version1[] = {
    R"(CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID)",

    R"(CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL CHECK (role IN ('clerk', 'manager', 'admin')),
        password_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        version INTEGER NOT NULL DEFAULT 1
    ))",

    R"(CREATE TABLE locations (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        parent_id INTEGER REFERENCES locations(id) DEFERRABLE INITIALLY DEFERRED,
        warehouse_id INTEGER REFERENCES locations(id) DEFERRABLE INITIALLY DEFERRED,
        kind TEXT NOT NULL CHECK (kind IN ('warehouse', 'zone', 'bin')),
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        barcode TEXT UNIQUE,
        archived INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        CHECK ((kind = 'warehouse') = (parent_id IS NULL))
    ))",
    "CREATE INDEX locations_parent ON locations(parent_id)",
    "CREATE INDEX locations_warehouse ON locations(warehouse_id)",
    // Every location knows its warehouse (the root of its tree), so stock can be
    // filtered by warehouse without walking the tree.
    R"(CREATE TRIGGER locations_set_warehouse AFTER INSERT ON locations
    BEGIN
        UPDATE locations SET warehouse_id = CASE
            WHEN NEW.parent_id IS NULL THEN NEW.id
            ELSE (SELECT warehouse_id FROM locations WHERE id = NEW.parent_id) END
        WHERE id = NEW.id;
    END)",
    R"(CREATE TRIGGER locations_no_reparent BEFORE UPDATE OF parent_id ON locations
    WHEN NEW.parent_id IS NOT OLD.parent_id
    BEGIN
        SELECT RAISE(ABORT, 'a location cannot move to another parent');
    END)",

    R"(CREATE TABLE products (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        sku TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        local_name TEXT NOT NULL DEFAULT '',
        unit TEXT NOT NULL DEFAULT 'EA',
        lot_tracked INTEGER NOT NULL DEFAULT 0,
        archived INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1
    ))",
    "CREATE INDEX products_name ON products(name)",

    R"(CREATE TABLE product_barcodes (
        code TEXT PRIMARY KEY,
        product_id INTEGER NOT NULL REFERENCES products(id) DEFERRABLE INITIALLY DEFERRED,
        symbology TEXT NOT NULL CHECK (symbology IN ('ean13', 'ean8', 'upca', 'free'))
    ) WITHOUT ROWID)",
    "CREATE INDEX product_barcodes_product ON product_barcodes(product_id)",

    R"(CREATE TABLE lots (
        id INTEGER PRIMARY KEY,
        product_id INTEGER NOT NULL REFERENCES products(id) DEFERRABLE INITIALLY DEFERRED,
        code TEXT NOT NULL,
        expiry TEXT,
        UNIQUE (product_id, code)
    ))",
    "CREATE INDEX lots_expiry ON lots(expiry) WHERE expiry IS NOT NULL",

    R"(CREATE TABLE stock (
        product_id INTEGER NOT NULL REFERENCES products(id) DEFERRABLE INITIALLY DEFERRED,
        location_id INTEGER NOT NULL REFERENCES locations(id) DEFERRABLE INITIALLY DEFERRED,
        lot_id INTEGER NOT NULL DEFAULT 0,
        quantity INTEGER NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (product_id, location_id, lot_id)
    ) WITHOUT ROWID)",
    "CREATE INDEX stock_location ON stock(location_id)",
    // For the quantity sort and the expiring-lots filter of the stock grid.
    "CREATE INDEX stock_quantity ON stock(quantity)",
    "CREATE INDEX stock_lot ON stock(lot_id) WHERE lot_id <> 0",

    // Stock per product and warehouse, over every location and lot: what thresholds,
    // alerts and the low-stock filter compare against.
    R"(CREATE TABLE stock_totals (
        product_id INTEGER NOT NULL REFERENCES products(id) DEFERRABLE INITIALLY DEFERRED,
        warehouse_id INTEGER NOT NULL REFERENCES locations(id) DEFERRABLE INITIALLY DEFERRED,
        quantity INTEGER NOT NULL,
        PRIMARY KEY (product_id, warehouse_id)
    ) WITHOUT ROWID)",

    R"(CREATE TABLE movements (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        leg INTEGER NOT NULL DEFAULT 0,
        type TEXT NOT NULL
            CHECK (type = 'receipt' OR type = 'issue' OR type = 'transfer' OR type = 'adjustment' OR type = 'count'),
        product_id INTEGER NOT NULL REFERENCES products(id) DEFERRABLE INITIALLY DEFERRED,
        location_id INTEGER NOT NULL REFERENCES locations(id) DEFERRABLE INITIALLY DEFERRED,
        lot_id INTEGER NOT NULL DEFAULT 0,
        delta INTEGER NOT NULL,
        counted INTEGER,
        device_id TEXT NOT NULL,
        device_seq INTEGER NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id) DEFERRABLE INITIALLY DEFERRED,
        occurred_at INTEGER NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        reference TEXT NOT NULL DEFAULT '',
        hash TEXT NOT NULL,
        UNIQUE (id, leg),
        UNIQUE (device_id, device_seq, leg)
    ))",
    // History is read newest first, by time; each index ends in seq (the rowid).
    "CREATE INDEX movements_product ON movements(product_id, occurred_at)",
    "CREATE INDEX movements_location ON movements(location_id, occurred_at)",
    "CREATE INDEX movements_time ON movements(occurred_at)",
    // The ledger is append-only, whoever writes to the file.
    R"(CREATE TRIGGER movements_no_update BEFORE UPDATE ON movements
    BEGIN
        SELECT RAISE(ABORT, 'the movement ledger is append-only: movements cannot be changed');
    END)",
    R"(CREATE TRIGGER movements_no_delete BEFORE DELETE ON movements
    BEGIN
        SELECT RAISE(ABORT, 'the movement ledger is append-only: movements cannot be deleted');
    END)",

    // Daily totals per product, warehouse and type: the charts' read model.
    R"(CREATE TABLE daily_movements (
        day INTEGER NOT NULL,
        product_id INTEGER NOT NULL REFERENCES products(id) DEFERRABLE INITIALLY DEFERRED,
        warehouse_id INTEGER NOT NULL REFERENCES locations(id) DEFERRABLE INITIALLY DEFERRED,
        type TEXT NOT NULL,
        quantity_in INTEGER NOT NULL DEFAULT 0,
        quantity_out INTEGER NOT NULL DEFAULT 0,
        lines INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (day, product_id, warehouse_id, type)
    ) WITHOUT ROWID)",
    "CREATE INDEX daily_movements_product ON daily_movements(product_id, day)",

    R"(CREATE TABLE thresholds (
        product_id INTEGER NOT NULL REFERENCES products(id) DEFERRABLE INITIALLY DEFERRED,
        warehouse_id INTEGER NOT NULL DEFAULT 0,
        min_qty INTEGER CHECK (min_qty IS NULL OR min_qty >= 0),
        max_qty INTEGER CHECK (max_qty IS NULL OR max_qty >= 0),
        reorder_point INTEGER CHECK (reorder_point IS NULL OR reorder_point >= 0),
        version INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (product_id, warehouse_id),
        CHECK (min_qty IS NULL OR max_qty IS NULL OR min_qty <= max_qty)
    ) WITHOUT ROWID)",

    R"(CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        user_id INTEGER REFERENCES users(id) DEFERRABLE INITIALLY DEFERRED,
        entity TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        action TEXT NOT NULL,
        field TEXT NOT NULL DEFAULT '',
        old_value TEXT,
        new_value TEXT
    ))",
    "CREATE INDEX audit_log_entity ON audit_log(entity, entity_id)",
    R"(CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
    END)",
    R"(CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
    END)",
};

// Version 2: synchronisation with a Stockroom server.
//
// Stock rows remember which ledger line last changed them and from which device, and the
// last line from any other device: enough to tell, without reading the ledger, whether
// anyone else changed a stock row after a given point (a sync operation's base). The
// outbox holds a workstation's operations until the server has answered them; the
// server keeps its tokens, each device's acknowledged sequence with the stored outcomes,
// the feed of master-data changes, and the conflicts that need a person.
const char *const version2[] = {
    "ALTER TABLE stock ADD COLUMN last_seq INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE stock ADD COLUMN last_device TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE stock ADD COLUMN other_seq INTEGER NOT NULL DEFAULT 0",
    // One pass over the ledger for the backfill: per stock row, each device's last line.
    // (A correlated max() per stock row walks an index per row: hours on a ledger of
    // millions.)
    R"(CREATE TEMP TABLE stock_marks (
        product_id INTEGER NOT NULL,
        location_id INTEGER NOT NULL,
        lot_id INTEGER NOT NULL,
        device_id TEXT NOT NULL,
        last INTEGER NOT NULL,
        PRIMARY KEY (product_id, location_id, lot_id, device_id)
    ) WITHOUT ROWID)",
    R"(INSERT INTO stock_marks SELECT product_id, location_id, lot_id, device_id, max(seq)
        FROM movements GROUP BY product_id, location_id, lot_id, device_id)",
    R"(UPDATE stock SET
        last_seq = ifnull((SELECT max(k.last) FROM stock_marks k
            WHERE k.product_id = stock.product_id AND k.location_id = stock.location_id
            AND k.lot_id = stock.lot_id), 0))",
    R"(UPDATE stock SET
        last_device = ifnull((SELECT m.device_id FROM movements m WHERE m.seq = stock.last_seq), ''))",
    R"(UPDATE stock SET
        other_seq = ifnull((SELECT max(k.last) FROM stock_marks k
            WHERE k.product_id = stock.product_id AND k.location_id = stock.location_id
            AND k.lot_id = stock.lot_id AND k.device_id <> stock.last_device), 0))",
    "DROP TABLE stock_marks",

    // A workstation's operations, in the order they were made. seq is the operation's
    // number on this device; AUTOINCREMENT so that a number is never given twice.
    R"(CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        ref TEXT NOT NULL DEFAULT '',
        body BLOB,
        base BLOB,
        user_id INTEGER NOT NULL REFERENCES users(id) DEFERRABLE INITIALLY DEFERRED,
        state TEXT NOT NULL DEFAULT 'pending'
            CHECK (state IN ('pending', 'applied', 'rebased', 'conflict', 'rejected')),
        outcome BLOB,
        created_at INTEGER NOT NULL
    ))",
    "CREATE INDEX outbox_pending ON outbox(seq) WHERE state = 'pending'",

    R"(CREATE TABLE sync_tokens (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        token_hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('clerk', 'manager', 'admin')),
        warehouses TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        expires_at INTEGER,
        revoked_at INTEGER
    ))",

    // Per device: the highest operation applied, and the outcomes of each push, one row a
    // push, so that a replayed operation gets the answer it got the first time.
    R"(CREATE TABLE sync_devices (
        device_id TEXT PRIMARY KEY,
        acked_seq INTEGER NOT NULL DEFAULT 0,
        token_id INTEGER,
        last_seen INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID)",
    R"(CREATE TABLE sync_outcomes (
        device_id TEXT NOT NULL,
        last_seq INTEGER NOT NULL,
        first_seq INTEGER NOT NULL,
        outcomes BLOB NOT NULL,
        PRIMARY KEY (device_id, last_seq)
    ) WITHOUT ROWID)",

    // The master-data feed: one row per record, moved to the end each time it changes.
    R"(CREATE TABLE master_changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        entity TEXT NOT NULL,
        entity_key TEXT NOT NULL,
        UNIQUE (entity, entity_key)
    ))",
    // Triggers feed it, so that a change made by any path (a command, an import, the
    // shell) reaches the workstations.
    R"(CREATE TRIGGER users_feed_insert AFTER INSERT ON users
    BEGIN
        INSERT OR REPLACE INTO master_changes (entity, entity_key) VALUES ('user', NEW.uuid);
    END)",
    R"(CREATE TRIGGER users_feed_update AFTER UPDATE ON users
    BEGIN
        INSERT OR REPLACE INTO master_changes (entity, entity_key) VALUES ('user', NEW.uuid);
    END)",
    R"(CREATE TRIGGER locations_feed_insert AFTER INSERT ON locations
    BEGIN
        INSERT OR REPLACE INTO master_changes (entity, entity_key) VALUES ('location', NEW.uuid);
    END)",
    R"(CREATE TRIGGER locations_feed_update AFTER UPDATE ON locations
    BEGIN
        INSERT OR REPLACE INTO master_changes (entity, entity_key) VALUES ('location', NEW.uuid);
    END)",
    R"(CREATE TRIGGER products_feed_insert AFTER INSERT ON products
    BEGIN
        INSERT OR REPLACE INTO master_changes (entity, entity_key) VALUES ('product', NEW.uuid);
    END)",
    R"(CREATE TRIGGER products_feed_update AFTER UPDATE ON products
    BEGIN
        INSERT OR REPLACE INTO master_changes (entity, entity_key) VALUES ('product', NEW.uuid);
    END)",
    R"(CREATE TRIGGER barcodes_feed_insert AFTER INSERT ON product_barcodes
    BEGIN
        INSERT OR REPLACE INTO master_changes (entity, entity_key) VALUES ('product', (SELECT uuid FROM products WHERE id = NEW.product_id));
    END)",
    R"(CREATE TRIGGER barcodes_feed_delete AFTER DELETE ON product_barcodes
    BEGIN
        INSERT OR REPLACE INTO master_changes (entity, entity_key) VALUES ('product', (SELECT uuid FROM products WHERE id = OLD.product_id));
    END)",
    R"(CREATE TRIGGER thresholds_feed_insert AFTER INSERT ON thresholds
    BEGIN
        INSERT OR REPLACE INTO master_changes (entity, entity_key) VALUES ('threshold', NEW.product_id || ':' || NEW.warehouse_id);
    END)",
    R"(CREATE TRIGGER thresholds_feed_update AFTER UPDATE ON thresholds
    BEGIN
        INSERT OR REPLACE INTO master_changes (entity, entity_key) VALUES ('threshold', NEW.product_id || ':' || NEW.warehouse_id);
    END)",
    R"(INSERT INTO master_changes (entity, entity_key)
        SELECT 'user', uuid FROM users ORDER BY id)",
    R"(INSERT INTO master_changes (entity, entity_key)
        SELECT 'location', uuid FROM locations ORDER BY id)",
    R"(INSERT INTO master_changes (entity, entity_key)
        SELECT 'product', uuid FROM products ORDER BY id)",
    R"(INSERT INTO master_changes (entity, entity_key)
        SELECT 'threshold', product_id || ':' || warehouse_id FROM thresholds)",

    R"(CREATE TABLE conflicts (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL CHECK (type IN ('field', 'negative-stock', 'stale-count', 'rejected')),
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved')),
        entity TEXT NOT NULL,
        entity_key TEXT NOT NULL,
        field TEXT NOT NULL DEFAULT '',
        base TEXT,
        theirs TEXT,
        mine TEXT,
        detail TEXT NOT NULL DEFAULT '',
        warehouse TEXT NOT NULL DEFAULT '',
        device_id TEXT NOT NULL DEFAULT '',
        op_seq INTEGER NOT NULL DEFAULT 0,
        user_uuid TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        resolution TEXT NOT NULL DEFAULT '',
        resolved_by TEXT NOT NULL DEFAULT '',
        version INTEGER NOT NULL DEFAULT 1
    ))",
    "CREATE INDEX conflicts_open ON conflicts(state, created_at)",
    R"(CREATE TRIGGER conflicts_feed_insert AFTER INSERT ON conflicts
    BEGIN
        INSERT OR REPLACE INTO master_changes (entity, entity_key) VALUES ('conflict', NEW.uuid);
    END)",
    R"(CREATE TRIGGER conflicts_feed_update AFTER UPDATE ON conflicts
    BEGIN
        INSERT OR REPLACE INTO master_changes (entity, entity_key) VALUES ('conflict', NEW.uuid);
    END)",
};

// Version 3: alert acknowledgments. Alerts are derived, so an acknowledgment is kept by the
// alert's key while the alert lasts; once it clears the row goes, and a recurrence is new.
// The audit log keeps every acknowledgment for good.
const char *const version3[] = {
    R"(CREATE TABLE alert_acks (
        alert_key TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) DEFERRABLE INITIALLY DEFERRED,
        at INTEGER NOT NULL
    ) WITHOUT ROWID)",
};

// Version 4: the replies of REST writes, by the token and the Idempotency-Key that made
// them, so that a retried request gets its first reply instead of being applied again.
// Written in the write's own transaction; kept for a day.
const char *const version4[] = {
    R"(CREATE TABLE rest_requests (
        token_id INTEGER NOT NULL,
        idempotency_key TEXT NOT NULL,
        request_hash BLOB NOT NULL,
        status INTEGER NOT NULL,
        headers BLOB NOT NULL,
        body BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (token_id, idempotency_key)
    ) WITHOUT ROWID)",
    "CREATE INDEX rest_requests_age ON rest_requests(created_at)",
};

// Version 5: the ledger's type check without IN. SQLite 3.15 checks "type IN (...)" by
// building a temporary table of the five names for every row it inserts, which cost the
// sync server a tenth of its pushes' time; five comparisons say the same (version 1 now
// creates the table so; this rewrites databases made before). SQLite cannot alter a
// CHECK, and rebuilding the ledger would copy every line: the table's recorded definition
// is edited instead, as SQLite's documentation allows for a constraint that every row
// already satisfies, and a schema change makes every other connection read it again (the
// connection that migrates keeps its reading until it is opened again; see
// Database::connect).
const char *const version5[] = {
    "PRAGMA writable_schema = ON",
    R"(UPDATE sqlite_master SET sql = replace(sql,
        'CHECK (type IN (''receipt'', ''issue'', ''transfer'', ''adjustment'', ''count''))',
        'CHECK (type = ''receipt'' OR type = ''issue'' OR type = ''transfer'' OR '
            || 'type = ''adjustment'' OR type = ''count'')')
        WHERE type = 'table' AND name = 'movements')",
    "PRAGMA writable_schema = OFF",
    "CREATE TABLE schema_changed (changed INTEGER)",
    "DROP TABLE schema_changed",
};

// Version 6: tamper evidence anchored outside the file (docs/security.md). A workstation
// keeps, on the last operation of each push the server answered, its history chain's link
// there (sync/protocol/historychain.h); the server keeps each device's newest link, and
// the checkpoints of its own ledger it signed with a key kept apart from the database's.
const char *const version6[] = {
    "ALTER TABLE outbox ADD COLUMN chain BLOB",
    "ALTER TABLE sync_devices ADD COLUMN chain_seq INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE sync_devices ADD COLUMN chain_link BLOB",
    R"(CREATE TABLE ledger_checkpoints (
        seq INTEGER PRIMARY KEY,
        hash TEXT NOT NULL,
        signed_at INTEGER NOT NULL,
        signer TEXT NOT NULL,
        signature BLOB NOT NULL
    ))",
};

// Version 7: the clerk's scan basket, kept as its scans are made, so that scans not yet
// posted outlive a crash or a quit (ScanSession). One row per scan still in the basket,
// replayed in order when the same user signs in again.
const char *const version7[] = {
    R"(CREATE TABLE scan_basket (
        seq INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL,
        mode TEXT NOT NULL,
        code TEXT NOT NULL,
        scanned_on TEXT NOT NULL
    ))",
    "CREATE INDEX scan_basket_user ON scan_basket(user_id, seq)",
};

const Migration embeddedMigrations[] = {
    {1, "catalogue, ledger, projections, thresholds, users, audit log", version1},
    {2, "synchronisation: stock change marks, outbox, tokens, outcomes, feed, conflicts", version2},
    {3, "alert acknowledgments", version3},
    {4, "REST replies by idempotency key", version4},
    {5, "the ledger's type check without a temporary table per line", version5},
    {6, "history chain links and signed ledger checkpoints", version6},
    {7, "the scan basket, kept until it is posted", version7},
};

std::span<const Migration> migrationsOf(const Database &db)
{
    if (db.isPostgres())
        return postgresMigrations();
    return embeddedMigrations;
}

Status ensureVersionTable(Database &db)
{
    return db.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version ("
                                  "version INTEGER PRIMARY KEY, "
                                  "description TEXT NOT NULL, "
                                  "applied_at BIGINT NOT NULL)"));
}

Status apply(Database &db, const Migration &migration)
{
    auto tx = Transaction::begin(db);
    if (!tx)
        return std::unexpected(tx.error());
    // Another server starting on the same PostgreSQL database may have applied it while
    // this one waited for the writer lock.
    auto current = Schema::currentVersion(db);
    if (!current)
        return std::unexpected(current.error());
    if (*current >= migration.version)
        return tx->commit();
    for (const char *statement : migration.statements) {
        if (auto done = db.exec(QString::fromUtf8(statement)); !done) {
            Error error = done.error();
            error.message = Tr::tr("Migration to schema version %1 failed: %2")
                                .arg(migration.version)
                                .arg(error.message);
            return std::unexpected(error);
        }
    }
    auto record = db.prepare(QStringLiteral(
        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)"));
    if (!record)
        return std::unexpected(record.error());
    record->addBindValue(migration.version);
    record->addBindValue(QString::fromUtf8(migration.description));
    // When it was applied, for an operator: the machine's time (a database is opened before
    // any Clock is handed to the code that works on it).
    record->addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (auto done = Database::exec(*record); !done)
        return done;
    return tx->commit();
}

} // namespace

int Schema::latestVersion()
{
    return std::end(embeddedMigrations)[-1].version;
}

int Schema::latestVersion(const Database &db)
{
    return migrationsOf(db).back().version;
}

Result<bool> Schema::hasVersionTable(const Database &db)
{
    QSqlQuery query = db.newQuery();
    const QString exists = db.isPostgres()
                               ? QStringLiteral("SELECT to_regclass('schema_version') IS NOT NULL")
                               : QStringLiteral("SELECT count(*) FROM sqlite_master WHERE "
                                                "type = 'table' AND name = 'schema_version'");
    if (!query.exec(exists) || !query.next())
        return std::unexpected(queryError(query));
    return query.value(0).toBool();
}

Result<int> Schema::currentVersion(const Database &db)
{
    auto exists = hasVersionTable(db);
    if (!exists || !*exists)
        return exists ? Result<int>(0) : std::unexpected(exists.error());
    QSqlQuery query = db.newQuery();
    if (!query.exec(QStringLiteral("SELECT max(version) FROM schema_version")) || !query.next())
        return std::unexpected(queryError(query));
    return query.value(0).toInt();
}

Status Schema::migrate(Database &db, int targetVersion)
{
    const int latest = latestVersion(db);
    const int target = targetVersion < 0 ? latest : targetVersion;
    if (auto done = ensureVersionTable(db); !done)
        return done;
    auto read = currentVersion(db);
    if (!read)
        return std::unexpected(read.error());
    const int current = *read;
    if (current > latest) {
        return fail(ErrorCode::SchemaTooNew,
                    Tr::tr("This database has schema version %1, but this Stockroom only "
                           "knows up to %2. Update Stockroom to open it.")
                        .arg(current)
                        .arg(latest));
    }
    for (const Migration &migration : migrationsOf(db)) {
        if (migration.version <= current || migration.version > target)
            continue;
        if (auto done = apply(db, migration); !done)
            return done;
    }
    return {};
}

} // namespace Stockroom
