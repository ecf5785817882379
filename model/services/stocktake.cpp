#include "stocktake.h"

#include "model/domain/actor.h"
#include "model/domain/tr.h"
#include "scanresolver.h"
#include "stockqueries.h"

#include <algorithm>

namespace Stockroom {

namespace {

// A quantity as people read it on a count sheet: with its unit.
QString withUnit(qint64 quantity, const StocktakeLine &line)
{
    return line.unit.isEmpty() ? QString::number(quantity)
                               : QStringLiteral("%1 %2").arg(quantity).arg(line.unit);
}

} // namespace

Stocktake::Stocktake(Database &db,
                     const Catalog &catalog,
                     MovementService &movements,
                     const Clock &clock,
                     QObject *parent)
    : QAbstractTableModel(parent)
    , m_db(db)
    , m_catalog(catalog)
    , m_movements(movements)
    , m_clock(clock)
{}

void Stocktake::setBlind(bool blind)
{
    if (blind == m_blind)
        return;
    m_blind = blind;
    if (!m_lines.isEmpty())
        Q_EMIT dataChanged(index(0, Expected), index(rowCount() - 1, Difference));
    Q_EMIT headerDataChanged(Qt::Horizontal, Expected, Difference);
}

Status Stocktake::begin(const QString &locationCode)
{
    auto scope = m_catalog.findLocation(locationCode.trimmed());
    if (!scope)
        return std::unexpected(scope.error());
    // What the ledger expects, page by page, in location order.
    QList<StocktakeLine> expected;
    StockQueries queries(m_db);
    StockFilter filter;
    filter.locationId = scope->id;
    const StockSort byLocation{StockColumn::Location, Qt::AscendingOrder};
    std::optional<StockCursor> after;
    for (;;) {
        auto page = queries.page(filter, byLocation, after, 500, m_clock.today());
        if (!page)
            return std::unexpected(page.error());
        for (const StockRow &row : std::as_const(*page)) {
            if (row.quantity != 0) {
                expected.append({row.productId,
                                 row.sku,
                                 shownName(row.name, row.localName),
                                 row.locationId,
                                 row.locationCode,
                                 row.lotCode,
                                 row.quantity,
                                 0,
                                 row.unit});
            }
        }
        if (page->size() < 500)
            break;
        after = StockQueries::cursorAfter(page->last());
    }
    beginResetModel();
    m_scope = *scope;
    m_current.reset();
    if (scope->kind == LocationKind::Bin)
        m_current = *scope;
    m_lines = expected;
    endResetModel();
    Q_EMIT countChanged();
    return {};
}

void Stocktake::clear()
{
    beginResetModel();
    m_scope.reset();
    m_current.reset();
    m_lines.clear();
    endResetModel();
    Q_EMIT countChanged();
}

Result<bool> Stocktake::isInside(const Stockroom::Location &location) const
{
    Stockroom::Location step = location;
    for (int depth = 0; depth < 16; ++depth) {
        if (step.id == m_scope->id)
            return true;
        if (!step.parentId)
            return false;
        auto parent = m_catalog.location(step.parentId);
        if (!parent)
            return std::unexpected(parent.error());
        step = *parent;
    }
    return false;
}

int Stocktake::lineFor(const Stockroom::Product &product,
                       const Stockroom::Location &where,
                       const QString &lot)
{
    for (int row = 0; row < m_lines.size(); ++row) {
        const StocktakeLine &line = m_lines.at(row);
        if (line.productId == product.id && line.locationId == where.id && line.lot == lot)
            return row;
    }
    // Found but not expected: a new line, kept in location order.
    const StocktakeLine line{product.id,
                             product.sku,
                             product.shownName(),
                             where.id,
                             where.code,
                             lot,
                             0,
                             0,
                             product.unit};
    const auto at = std::upper_bound(m_lines.cbegin(),
                                     m_lines.cend(),
                                     line,
                                     [](const StocktakeLine &a, const StocktakeLine &b) {
                                         return std::tie(a.locationCode, a.sku, a.lot)
                                                < std::tie(b.locationCode, b.sku, b.lot);
                                     });
    const int row = int(at - m_lines.cbegin());
    beginInsertRows({}, row, row);
    m_lines.insert(row, line);
    endInsertRows();
    return row;
}

void Stocktake::changedRow(int row)
{
    Q_EMIT dataChanged(index(row, Counted), index(row, Difference));
    Q_EMIT countChanged();
}

Result<QString> Stocktake::scan(const QString &code, const QDate &today)
{
    if (!m_scope)
        return fail(ErrorCode::InvalidInput, Tr::tr("Choose the location to count first."));
    auto scanned = ScanResolver(m_catalog).resolve(code, today);
    if (!scanned)
        return std::unexpected(scanned.error());
    if (scanned->kind == ScanResult::Kind::Location) {
        auto inside = isInside(*scanned->location);
        if (!inside)
            return std::unexpected(inside.error());
        if (!*inside) {
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("%1 is not inside %2, the location being counted.")
                            .arg(scanned->location->code, m_scope->code));
        }
        m_current = *scanned->location;
        return Tr::tr("Counting at %1").arg(m_current->code);
    }
    if (!m_current) {
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("Scan the label of the place inside %1 where this item is.")
                        .arg(m_scope->code));
    }
    const Stockroom::Product &product = *scanned->product;
    if (product.lotTracked && scanned->lot.isEmpty()) {
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("%1 is tracked by lot: scan its GS1 label.").arg(product.sku));
    }
    const QString lot = product.lotTracked ? scanned->lot : QString();
    const int row = lineFor(product, *m_current, lot);
    m_lines[row].counted += scanned->quantity.value_or(1);
    changedRow(row);
    const StocktakeLine &line = m_lines.at(row);
    return Tr::tr("%1 × %2 at %3").arg(line.name).arg(line.counted).arg(line.locationCode);
}

int Stocktake::differences() const
{
    return int(std::count_if(m_lines.cbegin(), m_lines.cend(), [](const StocktakeLine &line) {
        return line.difference() != 0;
    }));
}

Result<int> Stocktake::post(const Actor &actor, const QString &reason, const Progress &progress)
{
    if (auto allowed = actor.require(Permission::Adjust); !allowed)
        return std::unexpected(allowed.error());
    if (!m_scope)
        return fail(ErrorCode::InvalidInput, Tr::tr("Choose the location to count first."));
    if (reason.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput, Tr::tr("Say why the stock is adjusted."));
    QList<int> rows;
    for (int row = 0; row < m_lines.size(); ++row) {
        if (m_lines.at(row).difference() != 0)
            rows.append(row);
    }
    if (rows.isEmpty())
        return 0;
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    for (int done = 0; done < rows.size(); ++done) {
        const StocktakeLine &line = m_lines.at(rows.at(done));
        auto posted = m_movements.post(actor,
                                       CountStock{line.productId,
                                                  line.locationId,
                                                  line.lot,
                                                  line.counted,
                                                  line.expected,
                                                  reason.trimmed(),
                                                  Tr::tr("stocktake of %1").arg(m_scope->code)});
        if (!posted) {
            Error error = posted.error();
            error.message = Tr::tr("%1 at %2: %3").arg(line.sku, line.locationCode, error.message);
            return std::unexpected(error); // the transaction rolls back: nothing is posted
        }
        if (progress && !progress(done + 1, int(rows.size())))
            return fail(ErrorCode::Cancelled,
                        Tr::tr("The stocktake was not posted; nothing changed."));
    }
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    const int posted = int(rows.size());
    clear();
    return posted;
}

int Stocktake::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int Stocktake::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant Stocktake::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StocktakeLine &line = m_lines.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (Column(index.column())) {
        case Sku:
            return line.sku;
        case Product:
            return line.name;
        case Location:
            return line.locationCode;
        case Lot:
            return line.lot;
        case Expected:
            if (m_blind)
                return role == Qt::EditRole ? QVariant() : QVariant(Tr::tr("hidden"));
            return role == Qt::EditRole ? QVariant(line.expected) : withUnit(line.expected, line);
        case Counted:
            return role == Qt::EditRole ? QVariant(line.counted) : withUnit(line.counted, line);
        case Difference:
            if (m_blind)
                return {};
            return role == Qt::EditRole ? QVariant(line.difference())
                                        : withUnit(line.difference(), line);
        case ColumnCount:
            break;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() >= Expected)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        break;
    case DifferenceRole:
        return m_blind ? 0 : line.difference();
    default:
        break;
    }
    return {};
}

bool Stocktake::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != Counted
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    bool ok = false;
    const qint64 counted = value.toLongLong(&ok);
    if (!ok || counted < 0 || counted > MovementService::maxQuantity)
        return false;
    m_lines[index.row()].counted = counted;
    changedRow(index.row());
    return true;
}

Qt::ItemFlags Stocktake::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Counted)
        flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant Stocktake::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Sku:
        return tr("SKU");
    case Product:
        return tr("Product");
    case Location:
        return tr("Location");
    case Lot:
        return tr("Lot");
    case Expected:
        return tr("Expected");
    case Counted:
        return tr("Counted");
    case Difference:
        return tr("Difference");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Stockroom
