#pragma once

// PeriodReportModel: the period movement analysis as a table. Per product: opening,
// receipts, issues, transfers in and out, adjustments and closing, for a period and a
// warehouse (or every warehouse), with a totals row at the end. Figures come from
// Analytics, so they agree with the ledger. writeCsv() exports exactly what is shown.

#include "model/services/analytics.h"

#include <QAbstractTableModel>

class QIODevice;

namespace Stockroom {

class PeriodReportModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Sku,
        Product,
        Unit,
        Opening,
        Receipts,
        Issues,
        TransfersIn,
        TransfersOut,
        Adjustments,
        Closing,
        ColumnCount
    };
    enum Role { ProductIdRole = Qt::UserRole + 1, TotalRole };

    explicit PeriodReportModel(const Database &db, QObject *parent = nullptr);

    // Reads the report; on failure the table is left as it was.
    Status load(const AnalyticsScope &scope, const Period &period);
    const QList<PeriodLine> &lines() const { return m_lines; }
    const PeriodLine &totals() const { return m_totals; }
    AnalyticsScope scope() const { return m_scope; }
    Period period() const { return m_period; }

    // The table as RFC 4180 CSV with a header row, totals last. Fails on a write error.
    Status writeCsv(QIODevice &out) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static qint64 figure(const PeriodLine &line, Column column);

private:
    Analytics m_analytics;
    AnalyticsScope m_scope;
    Period m_period;
    QList<PeriodLine> m_lines;
    PeriodLine m_totals;
};

} // namespace Stockroom
