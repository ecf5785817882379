#include "productmodel.h"

#include "model/domain/tr.h"
#include "model/services/masterdataservice.h"

#include <QSqlQuery>

#include <algorithm>

namespace Stockroom {

ProductModel::ProductModel(const Database &db, MasterDataService &masterData, QObject *parent)
    : PagedTableModel<Product>(parent)
    , m_db(db)
    , m_catalog(db)
{
    connect(&masterData, &MasterDataService::productChanged, this, &ProductModel::onProductChanged);
    reload();
}

void ProductModel::setFilter(const QString &text, bool includeArchived)
{
    m_text = text.trimmed();
    m_includeArchived = includeArchived;
    reload();
}

Result<QList<Product>> ProductModel::loadPage(const Product *after, int limit)
{
    QStringList conditions;
    QVariantList values;
    if (!m_includeArchived)
        conditions << QStringLiteral("archived = 0");
    if (!m_text.isEmpty()) {
        QString escaped = m_text;
        escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('%'), QLatin1String("\\%"))
            .replace(QLatin1Char('_'), QLatin1String("\\_"));
        const QString pattern = QLatin1Char('%') + escaped + QLatin1Char('%');
        conditions << QStringLiteral(
            "(sku LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' OR local_name LIKE ? ESCAPE '\\' "
            "OR id IN (SELECT product_id FROM product_barcodes WHERE code = ?))");
        values << pattern << pattern << pattern << m_text;
    }
    if (after) {
        conditions << QStringLiteral("sku > ?");
        values << after->sku;
    }
    values << limit;
    return m_catalog.productsWhere((conditions.isEmpty()
                                        ? QString()
                                        : QStringLiteral("WHERE ")
                                              + conditions.join(QStringLiteral(" AND ")))
                                       + QStringLiteral(" ORDER BY sku LIMIT ?"),
                                   values);
}

void ProductModel::onProductChanged(qint64 productId)
{
    auto product = m_catalog.product(productId);
    if (!product) {
        Q_EMIT loadFailed(product.error());
        return;
    }
    QList<Product> &loaded = rows();
    for (int i = 0; i < loaded.size(); ++i) {
        if (loaded.at(i).id == productId) {
            loaded[i] = *product;
            Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
            return;
        }
    }
    // A new product: insert it where it sorts, when that is within what is loaded. The
    // text filter is not rechecked here; a new product shows until the filter changes.
    if (product->archived && !m_includeArchived)
        return;
    const auto it = std::lower_bound(loaded.cbegin(),
                                     loaded.cend(),
                                     product->sku,
                                     [](const Product &p, const QString &sku) {
                                         return p.sku < sku;
                                     });
    const int position = int(it - loaded.cbegin());
    if (position == loaded.size() && hasMore())
        return;
    beginInsertRows({}, position, position);
    loaded.insert(position, *product);
    endInsertRows();
}

int ProductModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProductModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Product &product = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (Column(index.column())) {
        case Sku:
            return product.sku;
        case Name:
            return product.name;
        case LocalName:
            return product.localName;
        case Unit:
            return product.unit;
        case LotTracked:
            return role == Qt::EditRole ? QVariant(product.lotTracked)
                                        : QVariant(product.lotTracked ? tr("Yes") : tr("No"));
        case Barcodes: {
            QStringList codes;
            for (const Barcode &barcode : product.barcodes)
                codes << barcode.code;
            return codes.join(QStringLiteral(", "));
        }
        case ColumnCount:
            break;
        }
        break;
    case ProductIdRole:
        return product.id;
    case VersionRole:
        return product.version;
    case ArchivedRole:
        return product.archived;
    default:
        break;
    }
    return {};
}

QVariant ProductModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Sku:
        return tr("SKU");
    case Name:
        return tr("Name");
    case LocalName:
        return tr("Local name");
    case Unit:
        return tr("Unit");
    case LotTracked:
        return tr("Lots");
    case Barcodes:
        return tr("Barcodes");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Stockroom
