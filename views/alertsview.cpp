#include "alertsview.h"
#include "emptystate.h"

#include "model/itemmodels/alertmodel.h"
#include "model/services/alertservice.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace Stockroom::Views {

namespace {

// Colours the rows: by kind while an alert waits, grey once it is acknowledged.
class AlertDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(AlertModel::AcknowledgedRole).toBool()) {
            option->palette.setColor(QPalette::Text, QColor(0x6b, 0x72, 0x80));
            return;
        }
        switch (Alert::Kind(index.data(AlertModel::KindRole).toInt())) {
        case Alert::Kind::BelowMin:
        case Alert::Kind::Negative:
        case Alert::Kind::Expired:
            option->backgroundBrush = QColor(0xfe, 0xe2, 0xe2);
            break;
        case Alert::Kind::AboveMax:
        case Alert::Kind::AtReorderPoint:
        case Alert::Kind::Expiring:
            option->backgroundBrush = QColor(0xfe, 0xf3, 0xc7);
            break;
        }
        option->palette.setColor(QPalette::Text, QColor(0x11, 0x18, 0x27));
    }
};

// Narrows the alerts to one kind (-1: every kind) and, if asked, to those not acknowledged.
class AlertFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setKind(int kind)
    {
        m_kind = kind;
        invalidateRowsFilter();
    }
    void setWaitingOnly(bool waitingOnly)
    {
        m_waitingOnly = waitingOnly;
        invalidateRowsFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QModelIndex index = sourceModel()->index(row, 0, parent);
        if (m_kind >= 0 && index.data(AlertModel::KindRole).toInt() != m_kind)
            return false;
        return !m_waitingOnly || !index.data(AlertModel::AcknowledgedRole).toBool();
    }

private:
    int m_kind = -1;
    bool m_waitingOnly = false;
};

} // namespace

AlertsView::AlertsView(const Actor &actor, AlertModel &model, AlertService &service, QWidget *parent)
    : QWidget(parent)
    , m_actor(actor)
    , m_model(model)
    , m_service(service)
    , m_days(new QSpinBox(this))
    , m_kind(new QComboBox(this))
    , m_waitingOnly(new QCheckBox(tr("&Waiting only"), this))
    , m_shown(new AlertFilter(this))
    , m_table(new QTableView(this))
    , m_acknowledge(new QPushButton(tr("&Acknowledge"), this))
    , m_message(new QLabel(this))
{
    m_days->setRange(0, 3650);
    m_days->setValue(model.expiringWithinDays());
    m_days->setSuffix(tr(" days"));
    m_kind->addItem(tr("All kinds"), -1);
    for (Alert::Kind kind : {Alert::Kind::BelowMin,
                             Alert::Kind::AtReorderPoint,
                             Alert::Kind::AboveMax,
                             Alert::Kind::Negative,
                             Alert::Kind::Expiring,
                             Alert::Kind::Expired})
        m_kind->addItem(AlertModel::describe(kind), int(kind));
    m_shown->setSourceModel(&model);
    m_table->setModel(m_shown);
    EmptyState::install(m_table,
                        tr("No alerts: stock is within its limits, and no lot is expiring."));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setItemDelegate(new AlertDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setMinimumSectionSize(80);
    m_table->horizontalHeader()->setSectionResizeMode(AlertModel::Product, QHeaderView::Stretch);
    m_message->setWordWrap(true);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Show:"), this));
    top->addWidget(m_kind);
    top->addWidget(m_waitingOnly);
    top->addSpacing(12);
    top->addWidget(new QLabel(tr("Lots expiring within:"), this));
    top->addWidget(m_days);
    top->addStretch(1);
    top->addWidget(m_acknowledge);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);

    const bool mayAcknowledge = actor.can(Permission::AcknowledgeAlerts);
    m_acknowledge->setEnabled(mayAcknowledge);
    m_acknowledge->setToolTip(mayAcknowledge ? tr("Mark the selected alerts as seen")
                                             : tr("A manager acknowledges alerts."));
    connect(m_acknowledge, &QPushButton::clicked, this, &AlertsView::acknowledgeSelected);
    connect(m_days, &QSpinBox::valueChanged, &m_model, &AlertModel::setExpiringWithinDays);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        static_cast<AlertFilter *>(m_shown)->setKind(m_kind->currentData().toInt());
    });
    connect(m_waitingOnly, &QCheckBox::toggled, this, [this](bool on) {
        static_cast<AlertFilter *>(m_shown)->setWaitingOnly(on);
    });
    connect(&m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_table->resizeColumnsToContents();
        m_table->horizontalHeader()->setSectionResizeMode(AlertModel::Product, QHeaderView::Stretch);
        Q_EMIT countChanged(m_model.unacknowledgedCount());
    });
    m_table->resizeColumnsToContents();
}

QString AlertsView::message() const
{
    return m_message->text();
}

void AlertsView::acknowledgeSelected()
{
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    if (selected.isEmpty()) {
        m_message->setText(tr("Choose one or more alerts first."));
        return;
    }
    // Copied first: each acknowledgment recomputes the model.
    QList<Alert> alerts;
    for (const QModelIndex &index : selected) {
        const int row = m_shown->mapToSource(index).row();
        if (!m_model.isAcknowledged(row))
            alerts.append(m_model.alertAt(row));
    }
    for (const Alert &alert : std::as_const(alerts)) {
        if (auto done = m_service.acknowledge(m_actor, alert); !done) {
            m_message->setText(done.error().message);
            return;
        }
    }
    m_message->setText(tr("%n alert(s) acknowledged.", nullptr, int(alerts.size())));
}

} // namespace Stockroom::Views
