#pragma once

// ReportView: the period movement analysis for managers. Choose a period and a warehouse;
// the report runs when first shown and again whenever they change. Read the table and its
// chart, and export to CSV or PDF or print it. Exports
// show their progress and can be cancelled without leaving a half-written file.

#include "model/domain/clock.h"
#include "model/domain/error.h"

#include <QDate>
#include <QWidget>

class QChartView;
class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QTableView;
class QTimer;

namespace Stockroom {
class Catalog;
class PeriodReportModel;
} // namespace Stockroom

namespace Stockroom::Views {

class ReportView : public QWidget
{
    Q_OBJECT

public:
    // The period starts as this month to the clock's today; the clock must outlive the view.
    ReportView(const Catalog &catalog,
               PeriodReportModel &model,
               const Clock &clock,
               QWidget *parent = nullptr);

    QDateEdit *from() const { return m_from; }
    QDateEdit *to() const { return m_to; }
    QComboBox *warehouse() const { return m_warehouse; }
    QTableView *table() const { return m_table; }
    QChartView *chartView() const { return m_chart; }
    QString message() const;

    void run();
    Status exportCsv(const QString &path);
    // With a progress dialog that can cancel it.
    Status exportPdf(const QString &path);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void chooseCsv();
    void choosePdf();
    void print();
    QString scopeText() const;
    // Says how an action went: success in words, or the error.
    void report(const Status &outcome, const QString &success);

    const Catalog &m_catalog;
    PeriodReportModel &m_model;
    const Clock &m_clock;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QComboBox *m_warehouse;
    QPushButton *m_csv;
    QPushButton *m_pdf;
    QPushButton *m_print;
    QTableView *m_table;
    QChartView *m_chart;
    QLabel *m_message;
    QTimer *m_runSoon;
    bool m_ran = false;
};

} // namespace Stockroom::Views
