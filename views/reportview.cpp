#include "reportview.h"

#include "feedback.h"
#include "reportdocument.h"

#include "model/io/savedfile.h"
#include "model/itemmodels/periodreportmodel.h"
#include "model/services/catalog.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateEdit>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPrintDialog>
#include <QPrinter>
#include <QProgressDialog>
#include <QPushButton>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Stockroom::Views {

namespace {

// The totals row in bold, as on paper.
class TotalsDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(PeriodReportModel::TotalRole).toBool())
            option->font.setBold(true);
        if (index.column() >= PeriodReportModel::Opening)
            option->text = option->locale.toString(index.data().toLongLong());
    }
};

} // namespace

ReportView::ReportView(const Catalog &catalog,
                       PeriodReportModel &model,
                       const Clock &clock,
                       QWidget *parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_model(model)
    , m_clock(clock)
    , m_from(new QDateEdit(QDate(clock.today().year(), clock.today().month(), 1), this))
    , m_to(new QDateEdit(clock.today(), this))
    , m_warehouse(new QComboBox(this))
    , m_csv(new QPushButton(tr("Export &CSV…"), this))
    , m_pdf(new QPushButton(tr("Export &PDF…"), this))
    , m_print(new QPushButton(tr("P&rint…"), this))
    , m_table(new QTableView(this))
    , m_chart(new QChartView(this))
    , m_message(new QLabel(this))
    , m_runSoon(new QTimer(this))
{
    m_runSoon->setSingleShot(true);
    m_runSoon->setInterval(300);
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    m_warehouse->addItem(tr("All warehouses"), qint64(0));
    if (auto warehouses = m_catalog.warehouses()) {
        for (const Location &warehouse : *warehouses)
            m_warehouse->addItem(tr("%1 (%2)").arg(warehouse.name, warehouse.code), warehouse.id);
    }
    auto *run = new QPushButton(tr("R&un"), this);
    run->setDefault(true);
    m_table->setModel(&model);
    m_table->setItemDelegate(new TotalsDelegate(m_table));
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(PeriodReportModel::Product,
                                                      QHeaderView::Stretch);
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(240);
    m_message->setWordWrap(true);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("From:"), this));
    top->addWidget(m_from);
    top->addWidget(new QLabel(tr("To:"), this));
    top->addWidget(m_to);
    top->addWidget(new QLabel(tr("Warehouse:"), this));
    top->addWidget(m_warehouse);
    top->addWidget(run);
    top->addStretch(1);
    top->addWidget(m_csv);
    top->addWidget(m_pdf);
    top->addWidget(m_print);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_chart);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    layout->addWidget(m_message);

    connect(run, &QPushButton::clicked, this, &ReportView::run);
    connect(m_runSoon, &QTimer::timeout, this, &ReportView::run);
    for (QDateEdit *edit : {m_from, m_to})
        connect(edit, &QDateEdit::dateChanged, m_runSoon, qOverload<>(&QTimer::start));
    connect(m_warehouse, &QComboBox::currentIndexChanged, m_runSoon, qOverload<>(&QTimer::start));
    connect(m_csv, &QPushButton::clicked, this, &ReportView::chooseCsv);
    connect(m_pdf, &QPushButton::clicked, this, &ReportView::choosePdf);
    connect(m_print, &QPushButton::clicked, this, &ReportView::print);
    connect(&m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_table->resizeColumnsToContents();
        m_table->horizontalHeader()->setSectionResizeMode(PeriodReportModel::Product,
                                                          QHeaderView::Stretch);
        QChart *old = m_chart->chart();
        m_chart->setChart(ReportDocument::newChart(m_model));
        delete old;
        const bool ready = m_model.rowCount() > 0;
        m_csv->setEnabled(ready);
        m_pdf->setEnabled(ready);
        m_print->setEnabled(ready);
    });
    m_csv->setEnabled(false);
    m_pdf->setEnabled(false);
    m_print->setEnabled(false);
}

QString ReportView::message() const
{
    return m_message->text();
}

QString ReportView::scopeText() const
{
    return m_warehouse->itemText(m_warehouse->findData(m_model.scope().warehouseId));
}

void ReportView::report(const Status &outcome, const QString &success)
{
    showOutcome(m_message, outcome ? success : outcome.error().message, bool(outcome));
}

void ReportView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_ran)
        run();
}

void ReportView::run()
{
    m_ran = true;
    m_runSoon->stop();
    const Status loaded = m_model.load({m_warehouse->currentData().toLongLong(), 0},
                                       {m_from->date(), m_to->date()});
    report(loaded,
           tr("%Ln product(s) had stock or moved in the period.",
              nullptr,
              int(m_model.lines().size())));
}

Status ReportView::exportCsv(const QString &path)
{
    const Status done = SavedFile::write(path,
                                         [this](QIODevice &out) { return m_model.writeCsv(out); });
    report(done, tr("Saved %1.").arg(path));
    return done;
}

Status ReportView::exportPdf(const QString &path)
{
    QProgressDialog progress(tr("Writing the report…"), tr("Cancel"), 0, m_model.rowCount(), this);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(400);
    const Status done = ReportDocument(m_model, scopeText(), m_clock.now())
                            .writePdf(path, [&progress](int row, int) {
                                progress.setValue(row);
                                return !progress.wasCanceled();
                            });
    report(done, tr("Saved %1.").arg(path));
    return done;
}

void ReportView::chooseCsv()
{
    const QString path = QFileDialog::getSaveFileName(this,
                                                      tr("Export the report as CSV"),
                                                      tr("period-report.csv"),
                                                      tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportCsv(path);
}

void ReportView::choosePdf()
{
    const QString path = QFileDialog::getSaveFileName(this,
                                                      tr("Export the report as PDF"),
                                                      tr("period-report.pdf"),
                                                      tr("PDF files (*.pdf)"));
    if (!path.isEmpty())
        exportPdf(path);
}

void ReportView::print()
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageOrientation(QPageLayout::Landscape);
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QProgressDialog progress(tr("Printing the report…"), tr("Cancel"), 0, m_model.rowCount(), this);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(400);
    const Status done = ReportDocument(m_model, scopeText(), m_clock.now())
                            .paint(printer, [&progress](int row, int) {
                                progress.setValue(row);
                                return !progress.wasCanceled();
                            });
    if (!done)
        printer.abort();
    report(done, tr("Sent to %1.").arg(printer.printerName()));
}

} // namespace Stockroom::Views
