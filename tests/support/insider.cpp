#include "insider.h"

#include "model/ledger/stockledger.h"
#include "model/storage/database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

#include <gtest/gtest.h>

namespace Stockroom::Test {

bool tamper(Database &db, const QStringList &statements)
{
    QSqlQuery query(db.connection());
    QStringList all
        = db.isPostgres()
              ? QStringList{QStringLiteral("ALTER TABLE movements DISABLE TRIGGER USER")}
              : QStringList{QStringLiteral("DROP TRIGGER IF EXISTS movements_no_update"),
                            QStringLiteral("DROP TRIGGER IF EXISTS movements_no_delete")};
    all += statements;
    for (const QString &sql : std::as_const(all)) {
        if (!query.exec(sql)) {
            ADD_FAILURE() << sql.toStdString() << ": " << query.lastError().text().toStdString();
            return false;
        }
    }
    return true;
}

bool rechainLedger(Database &db)
{
    QSqlQuery lines(db.connection());
    if (!lines.exec(QStringLiteral(
            "SELECT seq, id, leg, type, product_id, location_id, lot_id, delta, counted, "
            "device_id, device_seq, user_id, occurred_at, reason, reference FROM movements "
            "ORDER BY seq")))
        return false;
    QList<std::pair<qint64, QString>> hashes;
    QString previous = StockLedger::genesisHash();
    while (lines.next()) {
        MovementLine line;
        line.seq = lines.value(0).toLongLong();
        line.id = lines.value(1).toString();
        line.index = lines.value(2).toInt();
        line.type = movementTypeFromString(lines.value(3).toString()).value_or(MovementType::Count);
        line.productId = lines.value(4).toLongLong();
        line.locationId = lines.value(5).toLongLong();
        line.lotId = lines.value(6).toLongLong();
        line.delta = lines.value(7).toLongLong();
        if (!lines.value(8).isNull())
            line.counted = lines.value(8).toLongLong();
        line.deviceId = lines.value(9).toString();
        line.deviceSeq = lines.value(10).toLongLong();
        line.userId = lines.value(11).toLongLong();
        line.occurredAt = QDateTime::fromMSecsSinceEpoch(lines.value(12).toLongLong(),
                                                         QTimeZone::utc());
        line.reason = lines.value(13).toString();
        line.reference = lines.value(14).toString();
        previous = StockLedger::lineHash(previous, line);
        hashes.append({line.seq, previous});
    }
    QSqlQuery update(db.connection());
    update.prepare(QStringLiteral("UPDATE movements SET hash = ? WHERE seq = ?"));
    for (const auto &[seq, hash] : std::as_const(hashes)) {
        update.addBindValue(hash);
        update.addBindValue(seq);
        if (!update.exec())
            return false;
    }
    return true;
}

} // namespace Stockroom::Test
