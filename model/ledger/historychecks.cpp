#include "historychecks.h"

#include "ledgerverifier.h"

#include "model/domain/tr.h"
#include "model/storage/database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Stockroom {

namespace {

// Beyond this many of one kind the report would only be longer, not more useful.
constexpr int maxReported = 100;

// Reports the numbers missing from an ascending run of sequence numbers that starts at 1.
Status reportGaps(QSqlQuery &numbers, VerifyReport &report, const QString &where)
{
    qint64 expected = 1;
    int reported = 0;
    while (numbers.next()) {
        const qint64 number = numbers.value(0).toLongLong();
        if (number > expected && reported++ < maxReported) {
            report.issues.append({VerifyIssue::Kind::SequenceGap,
                                  where,
                                  number - 1 == expected
                                      ? Tr::tr("number %1").arg(expected)
                                      : Tr::tr("numbers %1 to %2").arg(expected).arg(number - 1),
                                  Tr::tr("missing")});
        }
        expected = number + 1;
    }
    if (numbers.lastError().isValid())
        return std::unexpected(queryError(numbers));
    numbers.finish();
    return {};
}

Status checkOutbox(const Database &db, VerifyReport &report)
{
    auto operations = db.run(QStringLiteral("SELECT seq FROM outbox ORDER BY seq"));
    if (!operations)
        return std::unexpected(operations.error());
    if (auto gaps = reportGaps(**operations, report, Tr::tr("the outbox's operations")); !gaps)
        return gaps;

    auto dangling
        = db.run(QStringLiteral(
                     "SELECT o.seq, o.ref FROM outbox o WHERE o.kind = 'movement' AND NOT EXISTS "
                     "(SELECT 1 FROM movements m WHERE m.id = o.ref) ORDER BY o.seq LIMIT ?"),
                 {maxReported});
    if (!dangling)
        return std::unexpected(dangling.error());
    while ((*dangling)->next()) {
        report.issues.append({VerifyIssue::Kind::MissingMovement,
                              Tr::tr("outbox operation %1").arg((*dangling)->value(0).toLongLong()),
                              Tr::tr("movement %1").arg((*dangling)->value(1).toString()),
                              Tr::tr("not in the ledger")});
    }
    (*dangling)->finish();

    auto misattributed = db.run(QStringLiteral(
                                    "SELECT o.seq, m.id, o.user_id, m.user_id FROM outbox o "
                                    "JOIN movements m ON m.id = o.ref WHERE o.kind = 'movement' "
                                    "AND m.user_id <> o.user_id ORDER BY o.seq, m.leg LIMIT ?"),
                                {maxReported});
    if (!misattributed)
        return std::unexpected(misattributed.error());
    while ((*misattributed)->next()) {
        report.issues.append(
            {VerifyIssue::Kind::WrongUser,
             Tr::tr("movement %1").arg((*misattributed)->value(1).toString()),
             Tr::tr("user %1, who queued it").arg((*misattributed)->value(2).toLongLong()),
             Tr::tr("user %1").arg((*misattributed)->value(3).toLongLong())});
    }
    (*misattributed)->finish();
    return {};
}

} // namespace

Status checkHistoryReferences(const Database &db, VerifyReport &report)
{
    // This device numbers its movements itself, one after another.
    auto own = db.run(QStringLiteral("SELECT DISTINCT device_seq FROM movements "
                                     "WHERE device_id = ? ORDER BY device_seq"),
                      {db.deviceId()});
    if (!own)
        return std::unexpected(own.error());
    if (auto gaps = reportGaps(**own, report, Tr::tr("this device's movements")); !gaps)
        return gaps;

    // A stock row names the last line that changed it.
    auto lastLines
        = db.run(QStringLiteral(
                     "SELECT s.product_id, s.location_id, s.lot_id, s.last_seq FROM stock s "
                     "WHERE s.last_seq <> 0 AND NOT EXISTS "
                     "(SELECT 1 FROM movements m WHERE m.seq = s.last_seq) LIMIT ?"),
                 {maxReported});
    if (!lastLines)
        return std::unexpected(lastLines.error());
    while ((*lastLines)->next()) {
        report.issues.append(
            {VerifyIssue::Kind::MissingMovement,
             Tr::tr("stock of product %1 at location %2, lot %3")
                 .arg((*lastLines)->value(0).toLongLong())
                 .arg((*lastLines)->value(1).toLongLong())
                 .arg((*lastLines)->value(2).toLongLong()),
             Tr::tr("its last line, seq %1").arg((*lastLines)->value(3).toLongLong()),
             Tr::tr("not in the ledger")});
    }
    (*lastLines)->finish();

    // The server keeps no outbox: its devices' numbers are theirs, with the gaps of what
    // it rejected.
    if (db.isPostgres())
        return {};
    auto hasOutbox = db.run(QStringLiteral(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'outbox'"));
    if (!hasOutbox)
        return std::unexpected(hasOutbox.error());
    const bool outbox = (*hasOutbox)->next() && (*hasOutbox)->value(0).toLongLong() > 0;
    (*hasOutbox)->finish();
    return outbox ? checkOutbox(db, report) : Status{};
}

} // namespace Stockroom
