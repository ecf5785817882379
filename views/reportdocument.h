#pragma once

// ReportDocument: the period report laid out on pages, for PDF and for the printer. The
// first page carries the title, the period, the scope and the chart; the table follows,
// its header repeated on every page, and each page is numbered "n of m".
//
// Painting reports progress row by row; a progress callback that returns false cancels.
// writePdf() writes through QSaveFile, so a cancelled or failed export leaves no file
// behind and an existing file untouched.

#include "model/domain/error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <functional>

class QChart;
class QPagedPaintDevice;

namespace Stockroom {
class PeriodReportModel;
}

namespace Stockroom::Views {

class ReportDocument
{
    Q_DECLARE_TR_FUNCTIONS(Stockroom::Views::ReportDocument)

public:
    // Called with rows done and rows in all; returning false stops the work.
    using Progress = std::function<bool(int done, int total)>;

    // made is printed on the first page, in local time.
    ReportDocument(const PeriodReportModel &model, QString scope, QDateTime made);

    Status paint(QPagedPaintDevice &device, const Progress &progress = {}) const;
    Status writePdf(const QString &path, const Progress &progress = {}) const;

    // The chart of the report: receipts and issues of the ten busiest products. The
    // caller owns it.
    static QChart *newChart(const PeriodReportModel &model);

private:
    const PeriodReportModel &m_model;
    QString m_scope;
    QDateTime m_made;
};

} // namespace Stockroom::Views
