#pragma once

// StockModel: stock on hand as a table, for the stock grid.
//
// Filtering and sorting run in SQL (StockQueries); rows load a page at a time. When the
// ledger changes a stock row that is loaded, the row updates in place, with the
// warehouse totals of its product; a new stock row that falls inside the loaded range is
// inserted where it sorts. Rows keep their place when their quantity changes under a
// quantity sort, so nothing jumps under the user's cursor; sort() or setFilter() re-sorts.
// Colours and icons are the view's business: StatusRole gives the status as a number.

#include "model/ledger/outbox.h"
#include "model/services/stockqueries.h"
#include "pagedtablemodel.h"

#include <QTimer>

#include <functional>

class QIODevice;

namespace Stockroom {

class StockLedger;

class StockModel : public PagedTableModel<StockRow>
{
    Q_OBJECT

public:
    // A lot expiring within this many days is marked as soon expiring.
    static constexpr int expiringSoonDays = 30;

    enum Role {
        StatusRole = Qt::UserRole + 1, // StockStatus as int
        ProductIdRole,
        LocationIdRole,
        LotIdRole,
        QuantityRole,     // qint64, for sorting proxies and charts
        PendingRole,      // qint64: how much of the quantity the server has not seen yet
        DaysToExpiryRole, // int: days until the lot expires (negative: expired); none when
                          // the row has no expiry or holds nothing
    };

    using Today = std::function<QDate()>;

    StockModel(const Database &db, StockLedger &ledger, Today today, QObject *parent = nullptr);

    void setFilter(const StockFilter &filter);
    // Reads again which quantities include movements not yet synced (after a sync round;
    // local movements refresh it by themselves).
    void refreshPending();
    // Whether some quantity shown includes movements the server has not seen yet.
    bool hasPending() const { return !m_pending.isEmpty(); }
    StockFilter filter() const { return m_filter; }
    StockSort sortOrder() const { return m_sort; }

    // Every row the filter selects, in the grid's order, as RFC 4180 CSV with a header:
    // the grid's columns, with the unit in its own column. progress(rows so far, rows in
    // all) returning false cancels. Returns the rows written.
    using Progress = std::function<bool(qint64 rows, qint64 total)>;
    Result<qint64> writeCsv(QIODevice &out, const Progress &progress = {}) const;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    Result<QList<StockRow>> loadPage(const StockRow *after, int limit) override;

Q_SIGNALS:
    // What is pending changed (refreshPending() read something new).
    void pendingChanged();

private:
    void onStockChanged(const StockLevel &level);
    int insertPosition(const StockRow &row) const;

    const Database &m_db;
    StockQueries m_queries;
    QHash<StockKey, qint64> m_pending;
    QTimer *m_pendingTimer;
    Today m_today;
    StockFilter m_filter;
    StockSort m_sort;
};

} // namespace Stockroom
