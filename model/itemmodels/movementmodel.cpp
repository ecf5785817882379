#include "movementmodel.h"

#include "model/domain/tr.h"
#include "model/ledger/stockledger.h"
#include "model/storage/database.h"

#include <QSqlQuery>

namespace Stockroom {

namespace {

const auto selectColumns = QStringLiteral(
    "SELECT m.seq, m.id, m.leg, m.type, m.product_id, m.location_id, m.lot_id, m.delta, m.counted, "
    "m.device_id, m.device_seq, m.user_id, m.occurred_at, m.reason, m.reference, "
    "p.sku, p.name, p.unit, l.code, coalesce(lots.code, ''), coalesce(u.username, ''), "
    "p.local_name "
    "FROM movements m JOIN products p ON p.id = m.product_id JOIN locations l ON l.id = "
    "m.location_id "
    "LEFT JOIN lots ON lots.id = m.lot_id LEFT JOIN users u ON u.id = m.user_id");

} // namespace

MovementModel::MovementModel(const Database &db, StockLedger &ledger, QObject *parent)
    : PagedTableModel<MovementRow>(parent)
    , m_db(db)
{
    connect(&ledger, &StockLedger::movementRecorded, this, &MovementModel::onMovementRecorded);
    reload();
}

void MovementModel::setFilter(const MovementFilter &filter)
{
    m_filter = filter;
    reload();
}

void MovementModel::setTimeZone(const QTimeZone &zone)
{
    m_zone = zone;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, Time), index(rowCount() - 1, Time));
}

Result<QList<MovementRow>> MovementModel::select(const MovementRow *after,
                                                 const QList<qint64> &onlySeqs,
                                                 int limit) const
{
    QStringList conditions;
    QVariantList values;
    if (m_filter.from.isValid()) {
        conditions << QStringLiteral("m.occurred_at >= ?");
        values << m_filter.from.toMSecsSinceEpoch();
    }
    if (m_filter.to.isValid()) {
        conditions << QStringLiteral("m.occurred_at < ?");
        values << m_filter.to.toMSecsSinceEpoch();
    }
    if (m_filter.type) {
        conditions << QStringLiteral("m.type = ?");
        values << toString(*m_filter.type);
    }
    if (m_filter.productId) {
        conditions << QStringLiteral("m.product_id = ?");
        values << m_filter.productId;
    }
    if (m_filter.locationId) {
        conditions << QStringLiteral(
            "(m.location_id = ? OR l.parent_id = ? OR l.warehouse_id = ?)");
        values << m_filter.locationId << m_filter.locationId << m_filter.locationId;
    }
    if (m_filter.userId) {
        conditions << QStringLiteral("m.user_id = ?");
        values << m_filter.userId;
    }
    if (after) {
        conditions << QStringLiteral("(m.occurred_at, m.seq) < (?, ?)");
        values << after->line.occurredAt.toMSecsSinceEpoch() << after->line.seq;
    }
    if (!onlySeqs.isEmpty()) {
        QStringList marks;
        for (qint64 seq : onlySeqs) {
            marks << QStringLiteral("?");
            values << seq;
        }
        conditions << QStringLiteral("m.seq IN (%1)").arg(marks.join(QLatin1Char(',')));
    }
    const QString sql = selectColumns
                        + (conditions.isEmpty() ? QString()
                                                : QStringLiteral(" WHERE ")
                                                      + conditions.join(QStringLiteral(" AND ")))
                        + QStringLiteral(" ORDER BY m.occurred_at DESC, m.seq DESC LIMIT ?");
    values << limit;

    auto query = m_db.prepare(sql);
    if (!query)
        return std::unexpected(query.error());
    for (const QVariant &value : values)
        query->addBindValue(value);
    if (auto done = Database::exec(*query); !done)
        return std::unexpected(done.error());
    QList<MovementRow> rows;
    while (query->next()) {
        MovementRow row;
        MovementLine &line = row.line;
        line.seq = query->value(0).toLongLong();
        line.id = query->value(1).toString();
        line.index = query->value(2).toInt();
        line.type = movementTypeFromString(query->value(3).toString()).value_or(MovementType::Count);
        line.productId = query->value(4).toLongLong();
        line.locationId = query->value(5).toLongLong();
        line.lotId = query->value(6).toLongLong();
        line.delta = query->value(7).toLongLong();
        if (!query->value(8).isNull())
            line.counted = query->value(8).toLongLong();
        line.deviceId = query->value(9).toString();
        line.deviceSeq = query->value(10).toLongLong();
        line.userId = query->value(11).toLongLong();
        line.occurredAt = QDateTime::fromMSecsSinceEpoch(query->value(12).toLongLong(),
                                                         QTimeZone::utc());
        line.reason = query->value(13).toString();
        line.reference = query->value(14).toString();
        row.sku = query->value(15).toString();
        row.productName = shownName(query->value(16).toString(), query->value(21).toString());
        row.unit = query->value(17).toString();
        row.locationCode = query->value(18).toString();
        row.lotCode = query->value(19).toString();
        row.username = query->value(20).toString();
        rows.append(std::move(row));
    }
    return rows;
}

Result<QList<MovementRow>> MovementModel::loadPage(const MovementRow *after, int limit)
{
    return select(after, {}, limit);
}

bool MovementModel::passes(const MovementLine &line) const
{
    if (m_filter.from.isValid() && line.occurredAt < m_filter.from)
        return false;
    if (m_filter.to.isValid() && line.occurredAt >= m_filter.to)
        return false;
    if (m_filter.type && line.type != *m_filter.type)
        return false;
    if (m_filter.productId && line.productId != m_filter.productId)
        return false;
    if (m_filter.userId && line.userId != m_filter.userId)
        return false;
    return true; // the location tree is checked by the query
}

void MovementModel::onMovementRecorded(const QList<MovementLine> &lines)
{
    QList<qint64> seqs;
    for (const MovementLine &line : lines) {
        if (passes(line))
            seqs << line.seq;
    }
    if (seqs.isEmpty())
        return;
    auto fresh = select(nullptr, seqs, int(seqs.size()));
    if (!fresh) {
        Q_EMIT loadFailed(fresh.error());
        return;
    }
    // New movements belong above the first row, unless they were recorded with an
    // earlier time (a replay); those arrive with the page they belong to.
    QList<MovementRow> &loaded = rows();
    QList<MovementRow> top;
    for (const MovementRow &row : *fresh) {
        if (loaded.isEmpty() || row.line.occurredAt >= loaded.first().line.occurredAt)
            top << row;
    }
    if (top.isEmpty() || (loaded.isEmpty() && hasMore()))
        return;
    beginInsertRows({}, 0, int(top.size()) - 1);
    for (qsizetype i = top.size() - 1; i >= 0; --i)
        loaded.prepend(top.at(i));
    endInsertRows();
}

int MovementModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MovementModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MovementRow &row = rowAt(index.row());
    const MovementLine &line = row.line;
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Time:
            return line.occurredAt.toTimeZone(m_zone).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        case Type:
            return displayName(line.type);
        case Sku:
            return row.sku;
        case Product:
            return row.productName;
        case Location:
            return row.locationCode;
        case Lot:
            return row.lotCode;
        case Quantity:
            return QStringLiteral("%1%2 %3")
                .arg(line.delta > 0 ? QStringLiteral("+") : QString())
                .arg(line.delta)
                .arg(row.unit);
        case User:
            return row.username;
        case Reason:
            return line.counted
                       ? Tr::tr("counted %1. %2").arg(*line.counted).arg(line.reason).trimmed()
                       : line.reason;
        case Reference:
            return line.reference;
        case ColumnCount:
            break;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == Quantity)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        break;
    case Qt::ToolTipRole:
        // A long reason or reference is cut to one line in the grid; whole here.
        if (index.column() == Reason || index.column() == Reference)
            return data(index, Qt::DisplayRole);
        break;
    case MovementIdRole:
        return line.id;
    case TypeRole:
        return int(line.type);
    case DeltaRole:
        return line.delta;
    case ProductIdRole:
        return line.productId;
    default:
        break;
    }
    return {};
}

QVariant MovementModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Time:
        return tr("Time");
    case Type:
        return tr("Type");
    case Sku:
        return tr("SKU");
    case Product:
        return tr("Product");
    case Location:
        return tr("Location");
    case Lot:
        return tr("Lot");
    case Quantity:
        return tr("Quantity");
    case User:
        return tr("User");
    case Reason:
        return tr("Reason");
    case Reference:
        return tr("Reference");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Stockroom
