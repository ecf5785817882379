#include "stockmodel.h"

#include "model/domain/tr.h"
#include "model/io/csv.h"
#include "model/ledger/stockledger.h"

#include <QIODevice>

#include <algorithm>

namespace Stockroom {

namespace {

QString statusText(StockStatus status)
{
    switch (status) {
    case StockStatus::Ok:
        return QString();
    case StockStatus::BelowMin:
        return Tr::tr("Below min");
    case StockStatus::AboveMax:
        return Tr::tr("Above max");
    case StockStatus::Negative:
        return Tr::tr("Negative");
    }
    return QString();
}

StockStatus statusOf(const StockRow &row)
{
    if (row.quantity < 0)
        return StockStatus::Negative;
    if (row.minQty && row.warehouseTotal < *row.minQty)
        return StockStatus::BelowMin;
    if (row.maxQty && row.warehouseTotal > *row.maxQty)
        return StockStatus::AboveMax;
    return StockStatus::Ok;
}

QVariant optionalNumber(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant();
}

} // namespace

StockModel::StockModel(const Database &db, StockLedger &ledger, Today today, QObject *parent)
    : PagedTableModel<StockRow>(parent)
    , m_db(db)
    , m_queries(db)
    , m_pendingTimer(new QTimer(this))
    , m_today(std::move(today))
{
    connect(&ledger, &StockLedger::stockChanged, this, &StockModel::onStockChanged);
    // A batch changes many rows; what is pending is read once after it.
    m_pendingTimer->setSingleShot(true);
    m_pendingTimer->setInterval(100);
    connect(m_pendingTimer, &QTimer::timeout, this, &StockModel::refreshPending);
    connect(&ledger, &StockLedger::stockChanged, m_pendingTimer, qOverload<>(&QTimer::start));
    reload();
    refreshPending();
}

void StockModel::refreshPending()
{
    m_pendingTimer->stop();
    auto pending = Outbox::pendingDeltas(m_db);
    QHash<StockKey, qint64> next = pending ? *pending : QHash<StockKey, qint64>();
    if (next == m_pending)
        return;
    m_pending = std::move(next);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, int(StockColumn::Quantity)),
                           index(rowCount() - 1, int(StockColumn::Quantity)),
                           {PendingRole, Qt::ToolTipRole});
    Q_EMIT pendingChanged();
}

void StockModel::setFilter(const StockFilter &filter)
{
    m_filter = filter;
    reload();
}

void StockModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= stockColumnCount)
        return;
    m_sort = {StockColumn(column), order};
    reload();
}

Result<QList<StockRow>> StockModel::loadPage(const StockRow *after, int limit)
{
    const std::optional<StockCursor> cursor = after
                                                  ? std::optional(StockQueries::cursorAfter(*after))
                                                  : std::nullopt;
    return m_queries.page(m_filter, m_sort, cursor, limit, m_today());
}

int StockModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : stockColumnCount;
}

Result<qint64> StockModel::writeCsv(QIODevice &out, const Progress &progress) const
{
    const auto write = [&out](const QStringList &fields) -> Status {
        const QByteArray bytes = Csv::formatRecord(fields).toUtf8();
        if (out.write(bytes) != bytes.size())
            return fail(ErrorCode::Io,
                        Tr::tr("The export could not be written: %1").arg(out.errorString()));
        return {};
    };
    QStringList header;
    for (int column = 0; column < stockColumnCount; ++column) {
        header.append(headerData(column, Qt::Horizontal).toString());
        if (StockColumn(column) == StockColumn::Quantity)
            header.append(Tr::tr("Unit"));
    }
    if (auto done = write(header); !done)
        return std::unexpected(done.error());
    const QDate today = m_today();
    const auto text = [](const std::optional<qint64> &value) {
        return value ? QString::number(*value) : QString();
    };
    // The total only tells the progress how far there is to go: counted when asked for.
    qint64 total = 0;
    if (progress) {
        auto counted = m_queries.count(m_filter, today);
        if (!counted)
            return std::unexpected(counted.error());
        total = *counted;
    }
    qint64 rows = 0;
    std::optional<StockCursor> after;
    for (;;) {
        auto page = m_queries.page(m_filter, m_sort, after, 1000, today);
        if (!page)
            return std::unexpected(page.error());
        for (const StockRow &row : std::as_const(*page)) {
            const QStringList fields{row.name,
                                     row.sku,
                                     row.locationCode,
                                     row.lotCode,
                                     row.expiry.isValid() ? row.expiry.toString(Qt::ISODate)
                                                          : QString(),
                                     QString::number(row.quantity),
                                     row.unit,
                                     text(row.minQty),
                                     text(row.maxQty),
                                     statusText(row.status)};
            if (auto done = write(fields); !done)
                return std::unexpected(done.error());
            ++rows;
        }
        if (progress && !progress(rows, total))
            return fail(ErrorCode::Cancelled,
                        Tr::tr("The export was cancelled; no file was written."));
        if (page->size() < 1000)
            return rows;
        after = StockQueries::cursorAfter(page->last());
    }
}

QVariant StockModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StockRow &row = rowAt(index.row());
    const auto column = StockColumn(index.column());
    // The warehouse's threshold and status, said once for the rows of a product in a
    // warehouse that follow each other (its bins and lots), not on every one.
    const StockRow *above = index.row() > 0 ? &rowAt(index.row() - 1) : nullptr;
    const bool continuesAbove = above && above->productId == row.productId
                                && above->warehouseId == row.warehouseId;
    // Expiry matters for what is there: a lot that holds nothing is not marked.
    const bool marksExpiry = row.expiry.isValid() && row.quantity > 0;
    const qint64 daysToExpiry = marksExpiry ? m_today().daysTo(row.expiry) : 0;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case StockColumn::Product:
            return shownName(row.name, row.localName);
        case StockColumn::Sku:
            return row.sku;
        case StockColumn::Location:
            return row.locationCode;
        case StockColumn::Lot:
            return row.lotCode;
        case StockColumn::Expiry:
            return row.expiry.isValid() ? row.expiry.toString(Qt::ISODate) : QString();
        case StockColumn::Quantity:
            return QStringLiteral("%1 %2").arg(row.quantity).arg(row.unit);
        case StockColumn::Min:
            return continuesAbove ? QVariant() : optionalNumber(row.minQty);
        case StockColumn::Max:
            return continuesAbove ? QVariant() : optionalNumber(row.maxQty);
        case StockColumn::Status: {
            QStringList said;
            // Below min and above max are the warehouse's: said on its first row.
            const bool warehouseWide = row.status == StockStatus::BelowMin
                                       || row.status == StockStatus::AboveMax;
            if (!(warehouseWide && continuesAbove && above->status == row.status)
                && row.status != StockStatus::Ok)
                said << statusText(row.status);
            if (marksExpiry && daysToExpiry < 0)
                said << Tr::tr("Expired");
            else if (marksExpiry && daysToExpiry <= expiringSoonDays)
                said << Tr::tr("Expires in %n day(s)", nullptr, int(daysToExpiry));
            return said.join(QLatin1String(", "));
        }
        }
        break;
    case Qt::ToolTipRole:
        if (column == StockColumn::Quantity) {
            const qint64 pending = m_pending.value({row.productId, row.locationId, row.lotId});
            if (pending != 0)
                return Tr::tr("%1%2 of this is not yet synced with the server")
                    .arg(pending > 0 ? QStringLiteral("+") : QString())
                    .arg(pending);
        }
        if (column == StockColumn::Product) // the other name
            return shownName(row.name, row.localName) == row.name ? row.localName : row.name;
        if (column == StockColumn::Status && row.status != StockStatus::Ok)
            return Tr::tr("%1 in this warehouse").arg(row.warehouseTotal);
        break;
    case Qt::TextAlignmentRole:
        if (column == StockColumn::Quantity || column == StockColumn::Min
            || column == StockColumn::Max)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        break;
    case StatusRole:
        return int(row.status);
    case ProductIdRole:
        return row.productId;
    case LocationIdRole:
        return row.locationId;
    case LotIdRole:
        return row.lotId;
    case QuantityRole:
        return row.quantity;
    case PendingRole:
        return m_pending.value({row.productId, row.locationId, row.lotId});
    case DaysToExpiryRole:
        return marksExpiry ? QVariant(int(daysToExpiry)) : QVariant();
    default:
        break;
    }
    return {};
}

QVariant StockModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (StockColumn(section)) {
    case StockColumn::Product:
        return tr("Product");
    case StockColumn::Sku:
        return tr("SKU");
    case StockColumn::Location:
        return tr("Location");
    case StockColumn::Lot:
        return tr("Lot");
    case StockColumn::Expiry:
        return tr("Expiry");
    case StockColumn::Quantity:
        return tr("Quantity");
    case StockColumn::Min:
        return tr("Min");
    case StockColumn::Max:
        return tr("Max");
    case StockColumn::Status:
        return tr("Status");
    }
    return {};
}

void StockModel::onStockChanged(const StockLevel &level)
{
    // The row as it is now, whatever the filter: it carries the fresh warehouse total.
    auto fresh = m_queries.row({}, m_sort, level, m_today());
    if (!fresh || !*fresh) {
        if (!fresh)
            Q_EMIT loadFailed(fresh.error());
        return;
    }
    const StockRow &now = **fresh;

    QList<StockRow> &loaded = rows();
    bool present = false;
    for (int i = 0; i < loaded.size(); ++i) {
        StockRow &row = loaded[i];
        const bool same = row.productId == level.productId && row.locationId == level.locationId
                          && row.lotId == level.lotId;
        if (!same && (row.productId != now.productId || row.warehouseId != now.warehouseId))
            continue;
        if (same) {
            row.quantity = now.quantity;
            row.version = now.version;
            present = true;
        }
        row.warehouseTotal = now.warehouseTotal;
        row.status = statusOf(row);
        Q_EMIT dataChanged(index(i, 0), index(i, stockColumnCount - 1));
    }
    if (present)
        return;

    // Without a filter, the row read above is the one that belongs in the model.
    std::optional<StockRow> matching = now;
    if (!(m_filter == StockFilter())) {
        auto filtered = m_queries.row(m_filter, m_sort, level, m_today());
        if (!filtered)
            return;
        matching = *filtered;
    }
    if (!matching)
        return;
    const int position = insertPosition(*matching);
    // Past the loaded range, the row arrives with a later page.
    if (position == loaded.size() && hasMore())
        return;
    beginInsertRows({}, position, position);
    loaded.insert(position, *matching);
    endInsertRows();
}

int StockModel::insertPosition(const StockRow &row) const
{
    const QList<StockRow> &loaded = rows();
    const auto it = std::lower_bound(loaded.cbegin(),
                                     loaded.cend(),
                                     row,
                                     [this](const StockRow &a, const StockRow &b) {
                                         return StockQueries::sortsBefore(a, b, m_sort);
                                     });
    return int(it - loaded.cbegin());
}

} // namespace Stockroom
