#pragma once

// ProductModel: the product catalogue as a table, ordered by SKU, loaded a page at a time.
// An edit made through MasterDataService updates its row in place, or inserts a new
// product where it sorts.

#include "model/services/catalog.h"
#include "pagedtablemodel.h"

namespace Stockroom {

class MasterDataService;

class ProductModel : public PagedTableModel<Product>
{
    Q_OBJECT

public:
    enum Column { Sku, Name, LocalName, Unit, LotTracked, Barcodes, ColumnCount };
    enum Role { ProductIdRole = Qt::UserRole + 1, VersionRole, ArchivedRole };

    ProductModel(const Database &db, MasterDataService &masterData, QObject *parent = nullptr);

    // Part of a SKU, name or local name, or a whole barcode; and whether to show archived.
    void setFilter(const QString &text, bool includeArchived = false);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    Result<QList<Product>> loadPage(const Product *after, int limit) override;

private:
    void onProductChanged(qint64 productId);

    const Database &m_db;
    Catalog m_catalog;
    QString m_text;
    bool m_includeArchived = false;
};

} // namespace Stockroom
