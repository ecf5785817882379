#include "ledgerverifier.h"

#include "checkpoints.h"
#include "historychecks.h"
#include "model/domain/limits.h"
#include "model/domain/tr.h"
#include "model/storage/database.h"
#include "stockledger.h"

#include <QHash>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>

#include <limits>

namespace Stockroom {

namespace {

struct TotalKey
{
    qint64 product;
    qint64 warehouse;
    friend bool operator==(const TotalKey &, const TotalKey &) = default;
    friend size_t qHash(const TotalKey &key, size_t seed = 0)
    {
        return qHashMulti(seed, key.product, key.warehouse);
    }
};

struct DailyKey
{
    qint64 day;
    qint64 product;
    qint64 warehouse;
    QString type;
    friend bool operator==(const DailyKey &, const DailyKey &) = default;
    friend size_t qHash(const DailyKey &key, size_t seed = 0)
    {
        return qHashMulti(seed, key.day, key.product, key.warehouse, key.type);
    }
};

struct StockSum
{
    qint64 quantity = 0;
    qint64 lines = 0;
    qint64 leftRangeAt = 0; // the seq of the first line that took it beyond ±Limits::stock
    qint64 lastSeq = 0;
    QString lastDevice;
    qint64 otherSeq = 0;
};

struct DailySum
{
    qint64 in = 0;
    qint64 out = 0;
    qint64 lines = 0;
};

// Sums of a ledger that breaks the limits must not be undefined behaviour: they saturate
// (the stock row's sum, checked on its own, names where the range was left).
void addSaturating(qint64 &sum, qint64 value)
{
    if (__builtin_add_overflow(sum, value, &sum))
        sum = value < 0 ? std::numeric_limits<qint64>::min() : std::numeric_limits<qint64>::max();
}

QString describeStock(const StockKey &key)
{
    return Tr::tr("stock of product %1 at location %2, lot %3")
        .arg(key.productId)
        .arg(key.locationId)
        .arg(key.lotId);
}

QString describeDaily(const DailyKey &key)
{
    return Tr::tr("daily %1 of product %2 in warehouse %3 on day %4")
        .arg(key.type)
        .arg(key.product)
        .arg(key.warehouse)
        .arg(key.day);
}

QString stockText(qint64 quantity, qint64 version)
{
    return Tr::tr("quantity %1, version %2").arg(quantity).arg(version);
}

QString dailyText(const DailySum &sum)
{
    return Tr::tr("in %1, out %2, lines %3").arg(sum.in).arg(sum.out).arg(sum.lines);
}

// A query read to its end before any other runs may stream its rows, on PostgreSQL too
// (see Database::newQuery): the ledger is read that way, so that verifying a ledger of
// millions of lines does not hold them all in memory.
enum class Reading { Alongside, Alone };

Result<QSqlQuery> run(const Database &db, const QString &sql, Reading reading = Reading::Alongside)
{
    QSqlQuery query = db.newQuery();
    if (reading == Reading::Alone)
        query.setForwardOnly(true);
    if (!query.exec(sql))
        return std::unexpected(queryError(query));
    return query;
}

// What the ledger says the projections hold.
struct Projections
{
    qint64 lines = 0; // in the ledger
    QHash<StockKey, StockSum> stock;
    QHash<TotalKey, qint64> totals;
    QHash<DailyKey, DailySum> daily;
};

// Reads the whole ledger in order: checks the hash chain (the differences go to report) and
// sums the projections as its lines say they should be.
Result<Projections> readLedger(const Database &db,
                               const QTimeZone &zone,
                               VerifyReport &report,
                               const LedgerVerifier::Progress &progress)
{
    QHash<qint64, qint64> warehouseOf;
    auto locations = Stockroom::run(db, QStringLiteral("SELECT id, warehouse_id FROM locations"));
    if (!locations)
        return std::unexpected(locations.error());
    while (locations->next())
        warehouseOf.insert(locations->value(0).toLongLong(), locations->value(1).toLongLong());

    auto count = Stockroom::run(db, QStringLiteral("SELECT count(*) FROM movements"));
    if (!count || !count->next())
        return std::unexpected(count ? queryError(*count) : count.error());
    const qint64 total = count->value(0).toLongLong();

    // 1. The hash chain, and the projections as the ledger says they should be.
    Projections expected;
    expected.lines = total;
    QHash<StockKey, StockSum> &stock = expected.stock;
    QHash<TotalKey, qint64> &totals = expected.totals;
    QHash<DailyKey, DailySum> &daily = expected.daily;
    auto lines = Stockroom::run(
        db,
        QStringLiteral(
            "SELECT seq, id, leg, type, product_id, location_id, lot_id, delta, counted, "
            "device_id, device_seq, user_id, occurred_at, reason, reference, hash "
            "FROM movements ORDER BY seq"),
        Reading::Alone);
    if (!lines)
        return std::unexpected(lines.error());
    QString previousHash = StockLedger::genesisHash();
    const qint64 epochDay = QDate(1970, 1, 1).toJulianDay();
    while (lines->next()) {
        MovementLine line;
        line.seq = lines->value(0).toLongLong();
        line.id = lines->value(1).toString();
        line.index = lines->value(2).toInt();
        line.type = movementTypeFromString(lines->value(3).toString()).value_or(MovementType::Count);
        line.productId = lines->value(4).toLongLong();
        line.locationId = lines->value(5).toLongLong();
        line.lotId = lines->value(6).toLongLong();
        line.delta = lines->value(7).toLongLong();
        if (!lines->value(8).isNull())
            line.counted = lines->value(8).toLongLong();
        line.deviceId = lines->value(9).toString();
        line.deviceSeq = lines->value(10).toLongLong();
        line.userId = lines->value(11).toLongLong();
        line.occurredAt = QDateTime::fromMSecsSinceEpoch(lines->value(12).toLongLong(),
                                                         QTimeZone::utc());
        line.reason = lines->value(13).toString();
        line.reference = lines->value(14).toString();
        const QString storedHash = lines->value(15).toString();

        const QString expected = StockLedger::lineHash(previousHash, line);
        if (expected != storedHash || lines->value(3).toString() != toString(line.type)) {
            report.issues.append({VerifyIssue::Kind::HashMismatch,
                                  Tr::tr("movement seq %1").arg(line.seq),
                                  expected,
                                  storedHash});
        }
        previousHash = storedHash;

        StockSum &sum = stock[{line.productId, line.locationId, line.lotId}];
        if (auto after = Limits::stockAfter(sum.quantity, line.delta)) {
            sum.quantity = *after;
        } else {
            // Summed on in 128 bits, the sum would only say "wrapped"; the line says where.
            if (sum.leftRangeAt == 0)
                sum.leftRangeAt = line.seq;
            sum.quantity = line.delta < 0 ? -Limits::stock : Limits::stock;
        }
        sum.lines += 1;
        // As the ledger's writes keep them: the last line, its device, and the last line
        // before it from another device.
        if (sum.lines > 1 && sum.lastDevice != line.deviceId)
            sum.otherSeq = sum.lastSeq;
        sum.lastSeq = line.seq;
        sum.lastDevice = line.deviceId;

        addSaturating(totals[{line.productId, warehouseOf.value(line.locationId)}], line.delta);

        const qint64 day = line.occurredAt.toTimeZone(zone).date().toJulianDay() - epochDay;
        DailySum &totals = daily
            [{day, line.productId, warehouseOf.value(line.locationId), lines->value(3).toString()}];
        if (line.delta > 0)
            addSaturating(totals.in, line.delta);
        else if (line.delta != std::numeric_limits<qint64>::min())
            addSaturating(totals.out, -line.delta);
        else
            totals.out = std::numeric_limits<qint64>::max();
        totals.lines += 1;

        if (++report.movementsChecked % 20000 == 0 && progress)
            progress(report.movementsChecked, total);
    }
    if (lines->lastError().isValid())
        return std::unexpected(queryError(*lines));
    return expected;
}

} // namespace

LedgerVerifier::LedgerVerifier(const Database &db, QTimeZone zone)
    : m_db(db)
    , m_zone(std::move(zone))
{}

Result<VerifyReport> LedgerVerifier::run(const Progress &progress) const
{
    VerifyReport report;
    if (auto flushed = m_db.flushPendingWork(); !flushed)
        return std::unexpected(flushed.error());

    // Every read below must see the same committed state, or a writer committing between
    // two of them shows up as differences. A deferred read transaction holds one WAL
    // snapshot without blocking writers; on PostgreSQL a read-only REPEATABLE READ
    // transaction does the same. Inside the caller's transaction, that one serves.
    const bool ownSnapshot = !m_db.inTransaction();
    if (ownSnapshot) {
        if (auto begun = m_db.exec(
                m_db.sql("BEGIN DEFERRED", "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
            !begun)
            return std::unexpected(begun.error());
    }
    const auto endSnapshot = qScopeGuard([&] {
        if (ownSnapshot)
            (void) m_db.exec(QStringLiteral("COMMIT"));
    });

    // 0. The file itself: pages that do not read back as written make every sum below
    // meaningless, and may read as "clean".
    auto problems = m_db.integrityProblems();
    if (!problems) {
        report.issues.append({VerifyIssue::Kind::Corrupt,
                              Tr::tr("the file"),
                              Tr::tr("ok"),
                              problems.error().message});
        return report;
    }
    if (!problems->isEmpty()) {
        for (const QString &problem : std::as_const(*problems))
            report.issues.append(
                {VerifyIssue::Kind::Corrupt, Tr::tr("the file"), Tr::tr("ok"), problem});
        return report;
    }

    auto expected = readLedger(m_db, m_zone, report, progress);
    if (!expected)
        return std::unexpected(expected.error());
    QHash<StockKey, StockSum> &stock = expected->stock;
    QHash<TotalKey, qint64> &totals = expected->totals;
    QHash<DailyKey, DailySum> &daily = expected->daily;
    const qint64 total = expected->lines;

    // 2. Stock on hand: the quantity is the sum of deltas, the version the number of lines.
    auto stored = Stockroom::run(
        m_db,
        QStringLiteral("SELECT product_id, location_id, lot_id, quantity, version FROM stock"));
    if (!stored)
        return std::unexpected(stored.error());
    while (stored->next()) {
        ++report.stockRowsChecked;
        const StockKey key{stored->value(0).toLongLong(),
                           stored->value(1).toLongLong(),
                           stored->value(2).toLongLong()};
        const qint64 quantity = stored->value(3).toLongLong();
        const qint64 version = stored->value(4).toLongLong();
        const StockSum expected = stock.take(key);
        if (expected.leftRangeAt != 0) {
            report.issues.append(
                {VerifyIssue::Kind::OutOfRange,
                 describeStock(key),
                 Tr::tr("within ±%1").arg(Limits::stock),
                 Tr::tr("beyond it from movement seq %1").arg(expected.leftRangeAt)});
            continue;
        }
        if (expected.quantity != quantity || expected.lines != version) {
            report.issues.append({VerifyIssue::Kind::StockMismatch,
                                  describeStock(key),
                                  stockText(expected.quantity, expected.lines),
                                  stockText(quantity, version)});
        }
    }
    for (auto it = stock.cbegin(); it != stock.cend(); ++it) {
        report.issues.append({VerifyIssue::Kind::StockMismatch,
                              describeStock(it.key()),
                              stockText(it->quantity, it->lines),
                              Tr::tr("no row")});
    }

    // 3. Stock per product and warehouse.
    auto storedTotals
        = Stockroom::run(m_db,
                         QStringLiteral(
                             "SELECT product_id, warehouse_id, quantity FROM stock_totals"));
    if (!storedTotals)
        return std::unexpected(storedTotals.error());
    while (storedTotals->next()) {
        ++report.totalRowsChecked;
        const TotalKey key{storedTotals->value(0).toLongLong(), storedTotals->value(1).toLongLong()};
        const qint64 actual = storedTotals->value(2).toLongLong();
        const qint64 expected = totals.take(key);
        if (expected != actual) {
            report.issues.append(
                {VerifyIssue::Kind::TotalMismatch,
                 Tr::tr("total of product %1 in warehouse %2").arg(key.product).arg(key.warehouse),
                 QString::number(expected),
                 QString::number(actual)});
        }
    }
    for (auto it = totals.cbegin(); it != totals.cend(); ++it) {
        report.issues.append({VerifyIssue::Kind::TotalMismatch,
                              Tr::tr("total of product %1 in warehouse %2")
                                  .arg(it.key().product)
                                  .arg(it.key().warehouse),
                              QString::number(*it),
                              Tr::tr("no row")});
    }

    // 4. The daily totals behind the charts.
    auto storedDaily = Stockroom::run(
        m_db,
        QStringLiteral("SELECT day, product_id, warehouse_id, type, quantity_in, quantity_out, "
                       "lines FROM daily_movements"));
    if (!storedDaily)
        return std::unexpected(storedDaily.error());
    while (storedDaily->next()) {
        ++report.dailyRowsChecked;
        const DailyKey key{storedDaily->value(0).toLongLong(),
                           storedDaily->value(1).toLongLong(),
                           storedDaily->value(2).toLongLong(),
                           storedDaily->value(3).toString()};
        const DailySum actual{storedDaily->value(4).toLongLong(),
                              storedDaily->value(5).toLongLong(),
                              storedDaily->value(6).toLongLong()};
        const DailySum expected = daily.take(key);
        if (expected.in != actual.in || expected.out != actual.out
            || expected.lines != actual.lines) {
            report.issues.append({VerifyIssue::Kind::DailyMismatch,
                                  describeDaily(key),
                                  dailyText(expected),
                                  dailyText(actual)});
        }
    }
    for (auto it = daily.cbegin(); it != daily.cend(); ++it) {
        report.issues.append({VerifyIssue::Kind::DailyMismatch,
                              describeDaily(it.key()),
                              dailyText(*it),
                              Tr::tr("no row")});
    }
    // 5. What points into the ledger.
    if (auto checked = checkHistoryReferences(m_db, report); !checked)
        return std::unexpected(checked.error());
    // 6. The checkpoints signed outside the file.
    if (auto checked = checkCheckpoints(report); !checked)
        return std::unexpected(checked.error());
    if (progress)
        progress(report.movementsChecked, total);
    return report;
}

Status LedgerVerifier::checkCheckpoints(VerifyReport &report) const
{
    auto head = LedgerCheckpoints(m_db).head();
    if (!head)
        return std::unexpected(head.error());
    report.newestLine = head->first;
    auto rows = m_db.run(QStringLiteral(
        "SELECT c.seq, c.hash, c.signed_at, c.signer, c.signature, m.hash "
        "FROM ledger_checkpoints c LEFT JOIN movements m ON m.seq = c.seq ORDER BY c.seq"));
    if (!rows)
        return std::unexpected(rows.error());
    QSqlQuery &q = **rows;
    while (q.next()) {
        const LedgerCheckpoint checkpoint = LedgerCheckpoints::fromRow(q);
        const QString where = Tr::tr("checkpoint at movement seq %1").arg(checkpoint.seq);
        ++report.checkpointsChecked;
        report.newestCheckpoint = checkpoint.seq;
        if (!m_serverKey.isEmpty() && checkpoint.signer != m_serverKey) {
            report.issues.append(
                {VerifyIssue::Kind::Checkpoint,
                 where,
                 Tr::tr("signed by the server's key %1")
                     .arg(QString::fromLatin1(m_serverKey.toBase64())),
                 Tr::tr("signed by %1").arg(QString::fromLatin1(checkpoint.signer.toBase64()))});
        } else if (!checkpoint.isSignedBySigner()) {
            report.issues.append({VerifyIssue::Kind::Checkpoint,
                                  where,
                                  Tr::tr("a valid signature"),
                                  Tr::tr("a signature that does not match")});
        } else if (q.value(5).isNull()) {
            report.issues.append(
                {VerifyIssue::Kind::Checkpoint,
                 where,
                 Tr::tr("line %1, hash %2").arg(checkpoint.seq).arg(checkpoint.hash),
                 Tr::tr("no such line")});
        } else if (q.value(5).toString() != checkpoint.hash) {
            report.issues.append({VerifyIssue::Kind::Checkpoint,
                                  where,
                                  Tr::tr("hash %1").arg(checkpoint.hash),
                                  Tr::tr("hash %1").arg(q.value(5).toString())});
        }
    }
    if (q.lastError().isValid())
        return std::unexpected(queryError(q));
    q.finish();
    return {};
}

Result<VerifyReport> LedgerVerifier::repair(Database &db,
                                            const QTimeZone &zone,
                                            const Progress &progress)
{
    {
        auto tx = Transaction::begin(db);
        if (!tx)
            return std::unexpected(tx.error());
        if (auto locked = db.lockWriter(); !locked)
            return std::unexpected(locked.error());
        auto problems = db.integrityProblems();
        if (!problems)
            return std::unexpected(problems.error());
        if (!problems->isEmpty())
            return fail(ErrorCode::Corrupt,
                        Tr::tr("The file fails its integrity check (%1): it is not repaired. "
                               "Restore it from a backup.")
                            .arg(problems->join(QStringLiteral("; "))));
        VerifyReport chain; // the chain's differences: reported by the verify afterwards
        auto expected = readLedger(db, zone, chain, progress);
        if (!expected)
            return std::unexpected(expected.error());
        for (auto it = expected->stock.cbegin(); it != expected->stock.cend(); ++it) {
            if (it->leftRangeAt != 0)
                return fail(ErrorCode::InvalidInput,
                            Tr::tr("The ledger takes the %1 beyond the range stock may hold "
                                   "(from movement seq %2): it is not repaired.")
                                .arg(describeStock(it.key()))
                                .arg(it->leftRangeAt));
        }
        for (const char *table : {"stock", "stock_totals", "daily_movements"}) {
            if (auto done = db.exec(QStringLiteral("DELETE FROM %1").arg(QLatin1String(table)));
                !done)
                return std::unexpected(done.error());
        }
        auto stock = db.prepare(QStringLiteral(
            "INSERT INTO stock (product_id, location_id, lot_id, quantity, version, last_seq, "
            "last_device, other_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        if (!stock)
            return std::unexpected(stock.error());
        // Each statement is bound by position afresh for every row.
        const auto bindAll = [](QSqlQuery &query, std::initializer_list<QVariant> values) {
            int i = 0;
            for (const QVariant &value : values)
                query.bindValue(i++, value);
        };
        for (auto it = expected->stock.cbegin(); it != expected->stock.cend(); ++it) {
            bindAll(*stock,
                    {QVariant(it.key().productId),
                     QVariant(it.key().locationId),
                     QVariant(it.key().lotId),
                     QVariant(it->quantity),
                     QVariant(it->lines),
                     QVariant(it->lastSeq),
                     QVariant(it->lastDevice),
                     QVariant(it->otherSeq)});
            if (auto done = Database::exec(*stock); !done)
                return std::unexpected(done.error());
        }
        auto totals = db.prepare(QStringLiteral(
            "INSERT INTO stock_totals (product_id, warehouse_id, quantity) VALUES (?, ?, ?)"));
        if (!totals)
            return std::unexpected(totals.error());
        for (auto it = expected->totals.cbegin(); it != expected->totals.cend(); ++it) {
            bindAll(*totals,
                    {QVariant(it.key().product), QVariant(it.key().warehouse), QVariant(*it)});
            if (auto done = Database::exec(*totals); !done)
                return std::unexpected(done.error());
        }
        auto daily = db.prepare(
            QStringLiteral("INSERT INTO daily_movements (day, product_id, warehouse_id, type, "
                           "quantity_in, quantity_out, lines) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        if (!daily)
            return std::unexpected(daily.error());
        for (auto it = expected->daily.cbegin(); it != expected->daily.cend(); ++it) {
            bindAll(*daily,
                    {QVariant(it.key().day),
                     QVariant(it.key().product),
                     QVariant(it.key().warehouse),
                     QVariant(it.key().type),
                     QVariant(it->in),
                     QVariant(it->out),
                     QVariant(it->lines)});
            if (auto done = Database::exec(*daily); !done)
                return std::unexpected(done.error());
        }
        if (auto committed = tx->commit(); !committed)
            return std::unexpected(committed.error());
    }
    return LedgerVerifier(db, zone).run(progress);
}

} // namespace Stockroom
