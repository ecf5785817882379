#pragma once

// Stocktake: counting one location (and everything under it) against the stock on hand.
//
// begin() takes what the ledger expects there. Scans then count: a location label inside
// the counted place says where the next items are (a bin counted on its own needs none), a
// product or GS1 label adds one or its quantity; a count can also be typed into the
// Counted column. Every line shows expected, counted and the difference; what was expected
// and not found counts as 0. post() records a count movement for each difference, made
// against the stock expected when counting began (so movements made meanwhile elsewhere
// are kept, see docs/conflicts.md), all in one transaction: it needs the Adjust permission
// and a reason, reports progress, and a cancelled or failed post records nothing.

#include "catalog.h"
#include "movementservice.h"

#include <QAbstractTableModel>
#include <QDate>

#include <functional>

namespace Stockroom {

struct StocktakeLine
{
    qint64 productId = 0;
    QString sku;
    QString name;
    qint64 locationId = 0;
    QString locationCode;
    QString lot;
    qint64 expected = 0;
    qint64 counted = 0;
    QString unit;

    qint64 difference() const { return counted - expected; }
};

class Stocktake : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Sku, Product, Location, Lot, Expected, Counted, Difference, ColumnCount };
    enum Role { DifferenceRole = Qt::UserRole + 1 };

    // Called with lines done and lines in all; returning false cancels.
    using Progress = std::function<bool(int done, int total)>;

    // The clock's today judges lots' expiry.
    Stocktake(Database &db,
              const Catalog &catalog,
              MovementService &movements,
              const Clock &clock,
              QObject *parent = nullptr);

    // Starts counting a location (a code or a label), replacing any count in progress.
    Status begin(const QString &locationCode);
    bool isActive() const { return m_scope.has_value(); }
    // A blind count, the norm: what the ledger expects, and so the difference, is not shown
    // while counting, so that people count what is there rather than confirm a number.
    // On by default; the view lets a manager look before posting.
    void setBlind(bool blind);
    bool isBlind() const { return m_blind; }
    std::optional<Stockroom::Location> scope() const { return m_scope; }
    std::optional<Stockroom::Location> current() const { return m_current; }

    // What the scan did, in words, or why it was refused.
    Result<QString> scan(const QString &code, const QDate &today);
    const QList<StocktakeLine> &lines() const { return m_lines; }
    int differences() const;

    // Posts a count for every line that differs. Returns how many were posted.
    Result<int> post(const Actor &actor, const QString &reason, const Progress &progress = {});
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void countChanged();

private:
    Result<bool> isInside(const Stockroom::Location &location) const;
    int lineFor(const Stockroom::Product &product,
                const Stockroom::Location &where,
                const QString &lot);
    void changedRow(int row);

    Database &m_db;
    const Catalog &m_catalog;
    MovementService &m_movements;
    const Clock &m_clock;
    std::optional<Stockroom::Location> m_scope;
    std::optional<Stockroom::Location> m_current;
    QList<StocktakeLine> m_lines;
    bool m_blind = true;
};

} // namespace Stockroom
