#include "stockview.h"
#include "emptystate.h"

#include "feedback.h"

#include "model/io/savedfile.h"
#include "model/itemmodels/stockmodel.h"
#include "model/services/catalog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QProgressDialog>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Stockroom::Views {

namespace {

constexpr int typingPauseMs = 150;
constexpr int expiringDays = StockModel::expiringSoonDays;

// Colours a row by its stock status; the model gives the status, the view its colour.
class StatusDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        // A quantity that includes movements the server has not seen yet: italic, with a
        // mark; its tooltip says how much.
        if (index.column() == int(StockColumn::Quantity)
            && index.data(StockModel::PendingRole).toLongLong() != 0) {
            option->font.setItalic(true);
            option->text += QStringLiteral(" *");
        }
        // A lot past its expiry, or close to it: the expiry itself is marked.
        if (const QVariant days = index.data(StockModel::DaysToExpiryRole);
            index.column() == int(StockColumn::Expiry) && days.isValid()) {
            if (days.toInt() < 0) {
                option->backgroundBrush = QColor(0xb9, 0x1c, 0x1c);
                option->palette.setColor(QPalette::Text, Qt::white);
                option->font.setBold(true);
                return;
            }
            if (days.toInt() <= StockModel::expiringSoonDays) {
                option->backgroundBrush = QColor(0xfe, 0xf3, 0xc7);
                return;
            }
        }
        switch (StockStatus(index.data(StockModel::StatusRole).toInt())) {
        case StockStatus::BelowMin:
            option->backgroundBrush = QColor(0xfd, 0xe2, 0xe1);
            break;
        case StockStatus::AboveMax:
            option->backgroundBrush = QColor(0xfe, 0xf3, 0xc7);
            break;
        case StockStatus::Negative:
            option->backgroundBrush = QColor(0xf8, 0xb4, 0xb4);
            option->font.setBold(true);
            break;
        case StockStatus::Ok:
            break;
        }
    }
};

} // namespace

StockView::StockView(StockModel &model, const Catalog &catalog, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_catalog(catalog)
    , m_text(new QLineEdit(this))
    , m_warehouse(new QComboBox(this))
    , m_location(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_lowOnly(new QCheckBox(tr("Low stock only"), this))
    , m_expiring(new QCheckBox(tr("Expiring within %1 days").arg(expiringDays), this))
    , m_empty(new QCheckBox(tr("Show empty places"), this))
    , m_table(new QTableView(this))
    , m_typing(new QTimer(this))
{
    m_text->setPlaceholderText(tr("Filter by SKU, name or barcode"));
    m_text->setClearButtonEnabled(true);
    m_warehouse->addItem(tr("All warehouses"), qint64(0));
    if (auto warehouses = m_catalog.warehouses()) {
        for (const Location &warehouse : *warehouses)
            m_warehouse->addItem(warehouse.code, warehouse.id);
    }
    m_location->setPlaceholderText(tr("Location"));
    m_location->setToolTip(tr("A location code or label, then Enter: that place and "
                              "everything under it"));
    m_location->setClearButtonEnabled(true);
    m_location->setMaximumWidth(160);
    auto *exportButton = new QPushButton(tr("E&xport CSV…"), this);
    m_table->setModel(&model);
    EmptyState::install(m_table, tr("No stock yet, or none that matches the filter."));
    m_table->setItemDelegate(new StatusDelegate(m_table));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(0, Qt::AscendingOrder); // Qt's header starts out descending
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    // The product's name takes the room; the status, mostly empty, only what it says.
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(int(StockColumn::Product), QHeaderView::Stretch);
    header->setSectionResizeMode(int(StockColumn::Status), QHeaderView::ResizeToContents);
    header->setStretchLastSection(false);
    m_table->setColumnWidth(int(StockColumn::Lot), 130);
    m_table->setColumnWidth(int(StockColumn::Expiry), 100);
    m_table->setColumnWidth(int(StockColumn::Min), 70);
    m_table->setColumnWidth(int(StockColumn::Max), 70);
    m_table->setWordWrap(false);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_text, 1);
    filters->addWidget(m_warehouse);
    filters->addWidget(m_location);
    filters->addWidget(m_lowOnly);
    filters->addWidget(m_expiring);
    filters->addWidget(m_empty);
    filters->addWidget(exportButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);
    m_message->hide();
    // The legend of the pending mark, while some quantity carries it.
    auto *legend = new QLabel(tr("* In italics: the quantity includes movements not yet sent "
                                 "to the server."),
                              this);
    legend->setObjectName(QStringLiteral("pendingLegend"));
    layout->addWidget(legend);
    legend->setVisible(m_model.hasPending());
    connect(&m_model, &StockModel::pendingChanged, legend, [this, legend] {
        legend->setVisible(m_model.hasPending());
    });

    // Filter as you type, once the typing pauses.
    m_typing->setSingleShot(true);
    m_typing->setInterval(typingPauseMs);
    connect(m_text, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    connect(m_typing, &QTimer::timeout, this, &StockView::applyFilter);
    connect(m_lowOnly, &QCheckBox::toggled, this, &StockView::applyFilter);
    connect(m_expiring, &QCheckBox::toggled, this, &StockView::applyFilter);
    connect(m_empty, &QCheckBox::toggled, this, &StockView::applyFilter);
    connect(m_warehouse, &QComboBox::currentIndexChanged, this, &StockView::applyFilter);
    connect(m_location, &QLineEdit::returnPressed, this, &StockView::applyFilter);
    connect(m_location, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty() && m_model.filter().locationId != 0)
            applyFilter();
    });
    connect(exportButton, &QPushButton::clicked, this, &StockView::chooseExport);
    applyFilter(); // places that hold nothing are left out until asked for
}

QString StockView::message() const
{
    return m_message->text();
}

Status StockView::exportCsv(const QString &path)
{
    QProgressDialog progress(tr("Exporting the stock…"), tr("Cancel"), 0, 1, this);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(400);
    qint64 rows = 0;
    const Status done = SavedFile::write(path, [&](QIODevice &out) -> Status {
        auto written = m_model.writeCsv(out, [&progress](qint64 done, qint64 total) {
            progress.setMaximum(int(qMax<qint64>(1, total)));
            progress.setValue(int(qMin(done, total)));
            return !progress.wasCanceled();
        });
        if (!written)
            return std::unexpected(written.error());
        rows = *written;
        return {};
    });
    showOutcome(m_message,
                done ? tr("%Ln row(s) written to %1.", nullptr, int(rows)).arg(path)
                     : done.error().message,
                bool(done));
    m_message->show();
    return done;
}

void StockView::chooseExport()
{
    const QString path = QFileDialog::getSaveFileName(this,
                                                      tr("Export the stock as CSV"),
                                                      tr("stock.csv"),
                                                      tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportCsv(path);
}

void StockView::showText(const QString &text)
{
    m_text->setText(text);
    m_typing->stop();
    applyFilter();
}

void StockView::applyFilter()
{
    StockFilter filter = m_model.filter();
    filter.text = m_text->text().trimmed();
    filter.lowStockOnly = m_lowOnly->isChecked();
    filter.withoutEmpty = !m_empty->isChecked();
    filter.expiringWithinDays = m_expiring->isChecked() ? expiringDays : -1;
    filter.warehouseId = m_warehouse->currentData().toLongLong();
    // An unknown location matches nothing (it is marked, with the reason), never everything.
    filter.locationId = 0;
    markRefused(m_location, QString());
    if (const QString code = m_location->text().trimmed(); !code.isEmpty()) {
        auto location = m_catalog.findLocation(code);
        filter.locationId = location ? location->id : -1;
        if (!location)
            markRefused(m_location, location.error().message);
    }
    if (filter != m_model.filter())
        m_model.setFilter(filter);
}

} // namespace Stockroom::Views
