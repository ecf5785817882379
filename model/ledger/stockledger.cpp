#include "stockledger.h"

#include "model/domain/digest.h"
#include "model/domain/limits.h"
#include "model/domain/tr.h"

#include <QSqlError>

#include <algorithm>
#include <bit>
#include <charconv>
#include <memory>

namespace Stockroom {

namespace {

constexpr qint64 julianDayOfEpoch = 2440588; // QDate(1970, 1, 1).toJulianDay()

} // namespace

Error StockLedger::ledgerError(Error error)
{
    error.message = Tr::tr("The ledger could not be written: %1").arg(error.message);
    return error;
}

Error StockLedger::ledgerError(const QSqlQuery &query)
{
    return ledgerError(queryError(query));
}

StockLedger::StockLedger(Database &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    qRegisterMetaType<StockLevel>();
    qRegisterMetaType<MovementLine>();
    m_zone = db.dayZone();
}

StockLedger::~StockLedger()
{
    // Sums held for an open transaction belong to it: write them now, or make sure the
    // transaction cannot commit without them.
    if (!m_heldDaily.isEmpty() || !m_heldTotals.isEmpty() || !m_heldLines.isEmpty()) {
        if (auto flushed = flush(); !flushed)
            m_db.poison(flushed.error());
    }
    m_db.withdraw(this);
}

QString StockLedger::genesisHash()
{
    return QString(64, QLatin1Char('0'));
}

QString StockLedger::lineHash(const QString &previousHash, const MovementLine &line)
{
    // Every field a person or a report relies on is in the hash, in UTF-8, separated by
    // 0x1F; seq is not, because the chain itself fixes the order. The fields are gathered
    // into one buffer and hashed in one call: per-field hashing cost more than the hash.
    QByteArray message;
    message.reserve(384);
    bool first = true;
    const auto separate = [&] {
        if (!first)
            message.append('\x1f');
        first = false;
    };
    const auto addText = [&](const QString &field) {
        separate();
        message.append(field.toUtf8());
    };
    const auto addNumber = [&](qint64 value) {
        separate();
        char digits[24];
        const auto written = std::to_chars(std::begin(digits), std::end(digits), value);
        message.append(digits, written.ptr - digits);
    };
    addText(previousHash);
    addText(line.id);
    addNumber(line.index);
    addText(toString(line.type));
    addNumber(line.productId);
    addNumber(line.locationId);
    addNumber(line.lotId);
    addNumber(line.delta);
    if (line.counted)
        addNumber(*line.counted);
    else
        separate();
    addText(line.deviceId);
    addNumber(line.deviceSeq);
    addNumber(line.userId);
    addNumber(line.occurredAt.toMSecsSinceEpoch());
    addText(line.reason);
    addText(line.reference);
    // OpenSSL's SHA-256 (model/domain/digest.h): a fifth of QCryptographicHash's cost,
    // which was a tenth of the sync server's work per movement.
    unsigned char digest[Digest::sha256Size];
    Digest::sha256({message}, digest);
    return QString::fromLatin1(
        QByteArray::fromRawData(reinterpret_cast<const char *>(digest), Digest::sha256Size).toHex());
}

qint64 StockLedger::dayOf(const QDateTime &moment) const
{
    // Movements come in runs on the same day: remember where the last day began and ended.
    const qint64 ms = moment.toMSecsSinceEpoch();
    if (ms >= m_lastDay.start && ms < m_lastDay.end)
        return m_lastDay.number;
    const QDate date = moment.toTimeZone(m_zone).date();
    m_lastDay = {date.startOfDay(m_zone).toMSecsSinceEpoch(),
                 date.addDays(1).startOfDay(m_zone).toMSecsSinceEpoch(),
                 date.toJulianDay() - julianDayOfEpoch};
    return m_lastDay.number;
}

Result<QSqlQuery *> StockLedger::prepared(const char *sqlite, const char *postgres)
{
    return prepared(m_db.isPostgres() ? postgres : sqlite);
}

Result<QSqlQuery *> StockLedger::prepared(const char *sql)
{
    if (QSqlQuery *known = m_statements.value(sql))
        return known;
    auto query = m_db.cached(QString::fromLatin1(sql));
    if (query)
        m_statements.insert(sql, *query);
    return query;
}

Result<qint64> StockLedger::nextDeviceSeq(const QString &deviceId)
{
    if (auto written = writeHeld(); !written)
        return std::unexpected(written.error());
    auto query = prepared("SELECT coalesce(max(device_seq), 0) + 1 FROM movements "
                          "WHERE device_id = ?");
    if (!query)
        return std::unexpected(query.error());
    (*query)->bindValue(0, deviceId);
    if (!(*query)->exec() || !(*query)->next())
        return std::unexpected(ledgerError(**query));
    const qint64 next = (*query)->value(0).toLongLong();
    (*query)->finish();
    return next;
}

Result<QString> StockLedger::lastHash()
{
    if (auto written = writeHeld(); !written)
        return std::unexpected(written.error());
    auto query = prepared("SELECT hash FROM movements ORDER BY seq DESC LIMIT 1");
    if (!query)
        return std::unexpected(query.error());
    if (!(*query)->exec())
        return std::unexpected(ledgerError(**query));
    const QString hash = (*query)->next() ? (*query)->value(0).toString() : genesisHash();
    (*query)->finish();
    return hash;
}

Result<StockLevel> StockLedger::stockLevel(qint64 productId, qint64 locationId, qint64 lotId)
{
    if (const auto held = m_heldStock.constFind({productId, locationId, lotId});
        held != m_heldStock.cend())
        return held->level;
    auto query = prepared("SELECT quantity, version FROM stock "
                          "WHERE product_id = ? AND location_id = ? AND lot_id = ?");
    if (!query)
        return std::unexpected(query.error());
    (*query)->bindValue(0, productId);
    (*query)->bindValue(1, locationId);
    (*query)->bindValue(2, lotId);
    if (!(*query)->exec())
        return std::unexpected(ledgerError(**query));
    StockLevel level{productId, locationId, lotId, 0, 0};
    if ((*query)->next()) {
        level.quantity = (*query)->value(0).toLongLong();
        level.version = (*query)->value(1).toLongLong();
    }
    (*query)->finish();
    return level;
}

Result<StockLevel> StockLedger::applyToStock(const MovementLine &line,
                                             const std::optional<StockLevel> &before)
{
    StockLevel level;
    if (before) {
        level = *before;
    } else {
        auto current = stockLevel(line.productId, line.locationId, line.lotId);
        if (!current)
            return current;
        level = *current;
    }
    // Stock stays within what a row may hold, whatever the movements' sizes: 64-bit sums
    // never wrap.
    auto after = Limits::stockAfter(level.quantity, line.delta);
    if (!after)
        return std::unexpected(after.error());
    if (holdsLines())
        return holdStock(line, level);
    const qint64 previousVersion = level.version;
    level.quantity = *after;
    level.version += 1;

    const bool exists = previousVersion > 0;
    if (exists && m_db.stockStrategy() == StockStrategy::Delta)
        return addToStock(line, level);
    // Each row also remembers the line that last changed it, from which device, and the
    // last line from any other device (SET reads the row as it was before the update).
    auto query = exists
                     ? prepared("UPDATE OR FAIL stock SET quantity = ?1, version = ?2, other_seq = "
                                "CASE WHEN last_device = ?6 THEN other_seq ELSE last_seq END, "
                                "last_seq = ?7, last_device = ?6 WHERE product_id = ?3 "
                                "AND location_id = ?4 AND lot_id = ?5 AND version = ?8",
                                "UPDATE stock SET quantity = $1, version = $2, other_seq = "
                                "CASE WHEN last_device = $6 THEN other_seq ELSE last_seq END, "
                                "last_seq = $7, last_device = $6 WHERE product_id = $3 "
                                "AND location_id = $4 AND lot_id = $5 AND version = $8")
                     : prepared("INSERT INTO stock (quantity, version, product_id, location_id, "
                                "lot_id, last_device, last_seq) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!query)
        return std::unexpected(query.error());
    QSqlQuery &q = **query;
    q.bindValue(0, level.quantity);
    q.bindValue(1, level.version);
    q.bindValue(2, level.productId);
    q.bindValue(3, level.locationId);
    q.bindValue(4, level.lotId);
    q.bindValue(5, line.deviceId);
    q.bindValue(6, line.seq);
    if (exists)
        q.bindValue(7, previousVersion);
    if (!q.exec()) {
        // Another transaction made the row first (only when writers run side by side).
        if (!exists && isUniqueViolation(q))
            return fail(ErrorCode::Contended, changedMeanwhile(line));
        return std::unexpected(ledgerError(q));
    }
    if (exists && q.numRowsAffected() != 1)
        return fail(ErrorCode::Contended, changedMeanwhile(line));
    return level;
}

QString StockLedger::changedMeanwhile(const MovementLine &line)
{
    return Tr::tr("The stock of product %1 at location %2 changed while it was being written.")
        .arg(line.productId)
        .arg(line.locationId);
}

Result<StockLevel> StockLedger::addToStock(const MovementLine &line, StockLevel level)
{
    // The delta strategy: one statement adds the delta to whatever the row holds by then.
    // When the caller's reading left stock at or above zero, the same statement insists on
    // it; a row that another writer emptied meanwhile is not written, and the caller tries
    // again from a fresh reading (which then refuses, or reports the negative stock).
    const bool guard = line.delta < 0 && level.quantity >= 0;
    auto query = prepared("UPDATE stock SET quantity = quantity + ?1, version = version + 1, "
                          "other_seq = CASE WHEN last_device = ?5 THEN other_seq ELSE last_seq "
                          "END, last_seq = ?6, last_device = ?5 WHERE product_id = ?2 AND "
                          "location_id = ?3 AND lot_id = ?4 AND (?7 = 0 OR quantity + ?1 >= 0)",
                          "UPDATE stock SET quantity = quantity + $1, version = version + 1, "
                          "other_seq = CASE WHEN last_device = $5 THEN other_seq ELSE last_seq "
                          "END, last_seq = $6, last_device = $5 WHERE product_id = $2 AND "
                          "location_id = $3 AND lot_id = $4 AND ($7 = 0 OR quantity + $1 >= 0) "
                          "RETURNING quantity, version");
    if (!query)
        return std::unexpected(query.error());
    QSqlQuery &q = **query;
    q.bindValue(0, line.delta);
    q.bindValue(1, level.productId);
    q.bindValue(2, level.locationId);
    q.bindValue(3, level.lotId);
    q.bindValue(4, line.deviceId);
    q.bindValue(5, line.seq);
    q.bindValue(6, guard ? 1 : 0);
    if (!q.exec())
        return std::unexpected(ledgerError(q));
    if (m_db.isPostgres()) {
        // The row as this statement left it, whatever others wrote before it.
        if (!q.next())
            return fail(ErrorCode::Contended, changedMeanwhile(line));
        level.quantity = q.value(0).toLongLong();
        level.version = q.value(1).toLongLong();
        q.finish();
        return level;
    }
    if (q.numRowsAffected() != 1)
        return fail(ErrorCode::Contended, changedMeanwhile(line));
    // SQLite 3.15 has no RETURNING: read the row as the statement left it.
    return stockLevel(level.productId, level.locationId, level.lotId);
}

Result<qint64> StockLedger::warehouseOf(qint64 locationId)
{
    // A location never moves to another warehouse (a trigger refuses it), so the answer
    // holds for the whole transaction; it is forgotten with the held sums.
    if (const auto known = m_warehouseOf.constFind(locationId); known != m_warehouseOf.cend())
        return *known;
    auto query = prepared("SELECT warehouse_id FROM locations WHERE id = ?");
    if (!query)
        return std::unexpected(query.error());
    QSqlQuery &q = **query;
    q.bindValue(0, locationId);
    if (!q.exec())
        return std::unexpected(ledgerError(q));
    if (!q.next()) {
        q.finish();
        return fail(ErrorCode::NotFound, Tr::tr("Location %1 does not exist.").arg(locationId));
    }
    const qint64 warehouseId = q.value(0).toLongLong();
    q.finish();
    m_warehouseOf.insert(locationId, warehouseId);
    return warehouseId;
}

void StockLedger::knowWarehouse(qint64 locationId, qint64 warehouseId)
{
    m_warehouseOf.insert(locationId, warehouseId);
}

Status StockLedger::hold(const MovementLine &line)
{
    const auto warehouseId = warehouseOf(line.locationId);
    if (!warehouseId)
        return std::unexpected(warehouseId.error());
    DailySums &daily = m_heldDaily[{dayOf(line.occurredAt), line.productId, *warehouseId, line.type}];
    daily.in += line.delta > 0 ? line.delta : 0;
    daily.out += line.delta < 0 ? -line.delta : 0;
    daily.lines += 1;
    m_heldTotals[{line.productId, *warehouseId}] += line.delta;
    m_db.enlist(this);
    return {};
}

void StockLedger::discard()
{
    m_heldDaily.clear();
    m_heldTotals.clear();
    m_warehouseOf.clear();
    m_heldLines.clear();
    m_heldStock.clear();
    m_heldIds.clear();
    m_heldNumbers.clear();
    m_nextSeq = m_seqEnd = 0;
}

Status StockLedger::flush()
{
    if (!m_heldLines.isEmpty()) {
        // The next transaction's first block: twice as many numbers as this one used, so
        // that a group a little larger than the last still reserves once.
        const auto used = quint64(2 * m_heldLines.size());
        m_seqBlock = std::clamp<qint64>(qint64(std::bit_ceil(used)), 8, 1024);
    }
    if (m_db.isPostgres()) {
        if (auto written = flushSetWise(); !written)
            return written;
        discard();
        return {};
    }
    for (auto it = m_heldDaily.cbegin(); it != m_heldDaily.cend(); ++it) {
        const DailyKey &key = it.key();
        if (auto done = writeDaily(key.day,
                                   key.productId,
                                   key.warehouseId,
                                   toString(key.type),
                                   it->in,
                                   it->out,
                                   it->lines);
            !done)
            return done;
    }
    // A total that nets to zero is still written: every product and warehouse that ever
    // moved has its row, as stock on hand does.
    for (auto it = m_heldTotals.cbegin(); it != m_heldTotals.cend(); ++it) {
        if (auto done = writeTotal(it.key().first, it.key().second, *it); !done)
            return done;
    }
    discard();
    return {};
}

// Single-row updates by key use OR FAIL: nothing earlier in the statement needs undoing
// when it fails, so SQLite needs no statement journal (which SQLCipher would encrypt).
Status StockLedger::writeDaily(qint64 day,
                               qint64 productId,
                               qint64 warehouseId,
                               const QString &type,
                               qint64 in,
                               qint64 out,
                               qint64 lines)
{
    auto update = prepared("UPDATE OR FAIL daily_movements SET quantity_in = quantity_in + ?, "
                           "quantity_out = quantity_out + ?, lines = lines + ? "
                           "WHERE day = ? AND product_id = ? AND type = ? AND warehouse_id = ?",
                           "UPDATE daily_movements SET quantity_in = quantity_in + ?, "
                           "quantity_out = quantity_out + ?, lines = lines + ? "
                           "WHERE day = ? AND product_id = ? AND type = ? AND warehouse_id = ?");
    if (!update)
        return std::unexpected(update.error());
    QSqlQuery &u = **update;
    const QVariantList values{in, out, lines, day, productId, type, warehouseId};
    for (int i = 0; i < values.size(); ++i)
        u.bindValue(i, values.at(i));
    if (!u.exec())
        return std::unexpected(ledgerError(u));
    if (u.numRowsAffected() > 0)
        return {};
    auto insert = prepared("INSERT INTO daily_movements (quantity_in, quantity_out, lines, day, "
                           "product_id, type, warehouse_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!insert)
        return std::unexpected(insert.error());
    QSqlQuery &i = **insert;
    for (int n = 0; n < values.size(); ++n)
        i.bindValue(n, values.at(n));
    if (!i.exec())
        return std::unexpected(ledgerError(i));
    return {};
}

Status StockLedger::writeTotal(qint64 productId, qint64 warehouseId, qint64 delta)
{
    auto update
        = prepared("UPDATE OR FAIL stock_totals SET quantity = quantity + ? WHERE product_id = ? "
                   "AND warehouse_id = ?",
                   "UPDATE stock_totals SET quantity = quantity + ? WHERE product_id = ? AND "
                   "warehouse_id = ?");
    if (!update)
        return std::unexpected(update.error());
    QSqlQuery &u = **update;
    u.bindValue(0, delta);
    u.bindValue(1, productId);
    u.bindValue(2, warehouseId);
    if (!u.exec())
        return std::unexpected(ledgerError(u));
    if (u.numRowsAffected() > 0)
        return {};
    auto insert = prepared("INSERT INTO stock_totals (quantity, product_id, warehouse_id) "
                           "VALUES (?, ?, ?)");
    if (!insert)
        return std::unexpected(insert.error());
    QSqlQuery &i = **insert;
    i.bindValue(0, delta);
    i.bindValue(1, productId);
    i.bindValue(2, warehouseId);
    if (!i.exec())
        return std::unexpected(ledgerError(i));
    return {};
}

Status StockLedger::insertLine(MovementLine &line, const QString &previousHash)
{
    line.hash = lineHash(previousHash, line);
    if (holdsLines()) {
        auto seq = nextSeq();
        if (!seq)
            return std::unexpected(seq.error());
        line.seq = *seq;
        m_heldLines.append(line);
        m_heldIds.insert(line.id);
        m_heldNumbers.insert({line.deviceId, line.deviceSeq}, line.id);
        m_db.enlist(this);
        return {};
    }
    auto query = prepared("INSERT INTO movements (id, leg, type, product_id, location_id, lot_id, "
                          "delta, counted, device_id, device_seq, user_id, occurred_at, reason, "
                          "reference, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          "INSERT INTO movements (id, leg, type, product_id, location_id, lot_id, "
                          "delta, counted, device_id, device_seq, user_id, occurred_at, reason, "
                          "reference, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                          "RETURNING seq");
    if (!query)
        return std::unexpected(query.error());
    QSqlQuery &q = **query;
    q.bindValue(0, line.id);
    q.bindValue(1, line.index);
    q.bindValue(2, toString(line.type));
    q.bindValue(3, line.productId);
    q.bindValue(4, line.locationId);
    q.bindValue(5, line.lotId);
    q.bindValue(6, line.delta);
    q.bindValue(7, line.counted ? QVariant(*line.counted) : QVariant());
    q.bindValue(8, line.deviceId);
    q.bindValue(9, line.deviceSeq);
    q.bindValue(10, line.userId);
    q.bindValue(11, line.occurredAt.toMSecsSinceEpoch());
    q.bindValue(12, line.reason);
    q.bindValue(13, line.reference);
    q.bindValue(14, line.hash);
    if (!execPortable(q)) {
        if (isUniqueViolation(q)) {
            return fail(ErrorCode::Duplicate,
                        Tr::tr("Movement %1 is already in the ledger.").arg(line.id));
        }
        return std::unexpected(ledgerError(q));
    }
    line.seq = m_db.insertedId(q);
    return {};
}

Result<AppendedMovement> StockLedger::append(const LedgerEntry &entry)
{
    if (entry.lines.isEmpty() || entry.lines.size() > 2)
        return fail(ErrorCode::InvalidInput, Tr::tr("A movement has one or two lines."));
    if (entry.id.isEmpty() || entry.deviceId.isEmpty() || !entry.occurredAt.isValid())
        return fail(ErrorCode::InvalidInput, Tr::tr("A movement needs an id, a device and a time."));

    auto tx = Transaction::atomic(m_db);
    if (!tx)
        return std::unexpected(tx.error());

    // Inside one write transaction, once it holds the writer lock, the head of the chain
    // cannot move under us, so a batch reads it once instead of once per movement.
    if (auto locked = m_db.lockWriter(); !locked)
        return std::unexpected(locked.error());
    LedgerHead &head = m_db.ledgerHead();
    const bool headKnown = head.epoch == m_db.writeEpoch();
    qint64 deviceSeq = entry.deviceSeq;
    if (deviceSeq <= 0) {
        if (headKnown && head.deviceId == entry.deviceId) {
            deviceSeq = head.nextDeviceSeq;
        } else {
            auto next = nextDeviceSeq(entry.deviceId);
            if (!next)
                return std::unexpected(next.error());
            deviceSeq = *next;
        }
    }
    QString previousHash = head.lastHash;
    if (!headKnown) {
        auto previous = lastHash();
        if (!previous)
            return std::unexpected(previous.error());
        previousHash = *previous;
    }

    if (holdsLines()) {
        // What the INSERT would refuse when the transaction commits (and with it every
        // other movement of the transaction), refused now.
        if (const QString held = heldLineOf(entry.id, entry.deviceId, deviceSeq); !held.isEmpty()) {
            return fail(ErrorCode::Duplicate,
                        Tr::tr("Movement %1 is already in the ledger.").arg(held));
        }
    }

    QList<MovementLine> lines;
    QList<StockLevel> levels;
    for (int index = 0; index < entry.lines.size(); ++index) {
        const LedgerLine &in = entry.lines.at(index);
        MovementLine line;
        line.id = entry.id;
        line.index = index;
        line.type = entry.type;
        line.productId = in.productId;
        line.locationId = in.locationId;
        line.lotId = in.lotId;
        line.delta = in.delta;
        line.counted = in.counted;
        line.deviceId = entry.deviceId;
        line.deviceSeq = deviceSeq;
        line.userId = entry.userId;
        line.occurredAt = entry.occurredAt.toUTC();
        line.reason = entry.reason;
        line.reference = entry.reference;
        if (auto inserted = insertLine(line, previousHash); !inserted)
            return std::unexpected(inserted.error());
        previousHash = line.hash;

        auto level = applyToStock(line, in.before);
        if (!level)
            return std::unexpected(level.error());
        if (auto held = hold(line); !held)
            return std::unexpected(held.error());
        lines.append(line);
        levels.append(*level);
    }

    // What the chain's head will be once this movement is in.
    LedgerHead next{0, previousHash, QString(), 0};
    if (entry.deviceSeq <= 0) {
        next.deviceId = entry.deviceId;
        next.nextDeviceSeq = deviceSeq + 1;
    } else if (headKnown && head.deviceId != entry.deviceId) {
        next.deviceId = head.deviceId; // a replay from another device leaves ours alone
        next.nextDeviceSeq = head.nextDeviceSeq;
    }
    m_db.afterCommit(this, [this, lines, levels] {
        Q_EMIT movementRecorded(lines);
        for (const StockLevel &level : levels)
            Q_EMIT stockChanged(level);
    });
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    if (m_db.inTransaction()) {
        // Still inside the caller's transaction: the next append can start from here.
        next.epoch = m_db.writeEpoch();
        head = next;
    }
    return AppendedMovement{lines, levels};
}

Result<VerifyReport> StockLedger::verify(const std::function<void(qint64, qint64)> &progress,
                                         const QByteArray &serverKey)
{
    LedgerVerifier verifier(m_db, m_zone);
    verifier.pinServerKey(serverKey);
    return verifier.run(progress);
}

Result<VerifyReport> StockLedger::repair(const std::function<void(qint64, qint64)> &progress)
{
    return LedgerVerifier::repair(m_db, m_zone, progress);
}

Result<qint64> StockLedger::lotFor(qint64 productId, const QString &code, const QDate &expiry)
{
    if (code.isEmpty())
        return 0;
    auto found = prepared("SELECT id FROM lots WHERE product_id = ? AND code = ?");
    if (!found)
        return std::unexpected(found.error());
    QSqlQuery &q = **found;
    q.bindValue(0, productId);
    q.bindValue(1, code);
    if (auto done = Database::exec(q); !done)
        return std::unexpected(done.error());
    if (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        q.finish();
        return id;
    }
    q.finish();
    auto insert = prepared("INSERT INTO lots (product_id, code, expiry) VALUES (?, ?, ?)",
                           "INSERT INTO lots (product_id, code, expiry) VALUES (?, ?, ?) "
                           "RETURNING id");
    if (!insert)
        return std::unexpected(insert.error());
    (*insert)->bindValue(0, productId);
    (*insert)->bindValue(1, code);
    (*insert)->bindValue(2, expiry.isValid() ? QVariant(expiry.toString(Qt::ISODate)) : QVariant());
    if (auto done = Database::exec(**insert); !done)
        return std::unexpected(done.error());
    return m_db.insertedId(**insert);
}

} // namespace Stockroom
