#pragma once

// MovementModel: the movement history as a table, newest first.
//
// Filters (period, type, product, location, user) run in SQL; rows load a page at a time
// in (time, seq) order, so a ledger of millions of lines opens as fast as a small one.
// A movement recorded while the model is open appears at the top if it passes the filter.
// The ledger is never edited through this model: it is read-only.

#include "model/domain/types.h"
#include "pagedtablemodel.h"

#include <QTimeZone>

namespace Stockroom {

class Database;
class StockLedger;

struct MovementFilter
{
    QDateTime from; // inclusive; invalid: no lower bound
    QDateTime to;   // exclusive; invalid: no upper bound
    std::optional<MovementType> type;
    qint64 productId = 0;
    qint64 locationId = 0;
    qint64 userId = 0;
};

struct MovementRow
{
    MovementLine line;
    QString sku;
    QString productName;
    QString unit;
    QString locationCode;
    QString lotCode;
    QString username;
};

class MovementModel : public PagedTableModel<MovementRow>
{
    Q_OBJECT

public:
    enum Column {
        Time,
        Type,
        Sku,
        Product,
        Location,
        Lot,
        Quantity,
        User,
        Reason,
        Reference,
        ColumnCount
    };
    enum Role { MovementIdRole = Qt::UserRole + 1, TypeRole, DeltaRole, ProductIdRole };

    MovementModel(const Database &db, StockLedger &ledger, QObject *parent = nullptr);

    void setFilter(const MovementFilter &filter);
    MovementFilter filter() const { return m_filter; }
    // The time zone times are shown in.
    void setTimeZone(const QTimeZone &zone);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    Result<QList<MovementRow>> loadPage(const MovementRow *after, int limit) override;

private:
    Result<QList<MovementRow>> select(const MovementRow *after,
                                      const QList<qint64> &onlySeqs,
                                      int limit) const;
    bool passes(const MovementLine &line) const;
    void onMovementRecorded(const QList<Stockroom::MovementLine> &lines);

    const Database &m_db;
    MovementFilter m_filter;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
};

} // namespace Stockroom
