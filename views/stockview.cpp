#include "stockview.h"

#include "model/stockmodel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Stockroom::Views {

namespace {

constexpr int typingPauseMs = 150;
constexpr int expiringDays = 30;

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

StockView::StockView(StockModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_text(new QLineEdit(this))
    , m_lowOnly(new QCheckBox(tr("Low stock only"), this))
    , m_expiring(new QCheckBox(tr("Expiring within %1 days").arg(expiringDays), this))
    , m_table(new QTableView(this))
    , m_typing(new QTimer(this))
{
    m_text->setPlaceholderText(tr("Filter by SKU, name or barcode"));
    m_text->setClearButtonEnabled(true);
    m_table->setModel(&model);
    m_table->setItemDelegate(new StatusDelegate(m_table));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(0, Qt::AscendingOrder); // Qt's header starts out descending
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->setColumnWidth(0, 280);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_text, 1);
    filters->addWidget(m_lowOnly);
    filters->addWidget(m_expiring);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);

    // Filter as you type, once the typing pauses.
    m_typing->setSingleShot(true);
    m_typing->setInterval(typingPauseMs);
    connect(m_text, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    connect(m_typing, &QTimer::timeout, this, &StockView::applyFilter);
    connect(m_lowOnly, &QCheckBox::toggled, this, &StockView::applyFilter);
    connect(m_expiring, &QCheckBox::toggled, this, &StockView::applyFilter);
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
    filter.expiringWithinDays = m_expiring->isChecked() ? expiringDays : -1;
    if (filter != m_model.filter())
        m_model.setFilter(filter);
}

} // namespace Stockroom::Views
