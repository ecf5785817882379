#include "historyview.h"
#include "emptystate.h"

#include "feedback.h"

#include "model/itemmodels/movementmodel.h"
#include "model/services/catalog.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Stockroom::Views {

HistoryView::HistoryView(
    MovementModel &model, const Catalog &catalog, Now now, Reverse reverse, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_catalog(catalog)
    , m_now(std::move(now))
    , m_reverse(std::move(reverse))
    , m_message(new QLabel(this))
    , m_period(new QComboBox(this))
    , m_type(new QComboBox(this))
    , m_product(new QLineEdit(this))
    , m_location(new QLineEdit(this))
    , m_user(new QComboBox(this))
    , m_table(new QTableView(this))
{
    m_product->setPlaceholderText(tr("Product: SKU or barcode"));
    m_location->setPlaceholderText(tr("Location"));
    for (QLineEdit *field : {m_product, m_location}) {
        field->setClearButtonEnabled(true);
        field->setMaximumWidth(200);
    }
    m_user->addItem(tr("All users"), qint64(0));
    if (auto users = catalog.users()) {
        for (const User &user : *users)
            m_user->addItem(user.username, user.id);
    }
    m_period->addItem(tr("Today"), 0);
    m_period->addItem(tr("Last 7 days"), 7);
    m_period->addItem(tr("Last 30 days"), 30);
    m_period->addItem(tr("All"), -1);
    m_period->setCurrentIndex(2);
    m_type->addItem(tr("All movements"), -1);
    m_type->addItem(tr("Receipts"), int(MovementType::Receipt));
    m_type->addItem(tr("Issues"), int(MovementType::Issue));
    m_type->addItem(tr("Transfers"), int(MovementType::Transfer));
    m_type->addItem(tr("Adjustments"), int(MovementType::Adjustment));
    m_type->addItem(tr("Counts"), int(MovementType::Count));
    m_table->setModel(&model);
    EmptyState::install(m_table, tr("No movements yet, or none that match what is chosen above."));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    // The product's name takes what room is left; a lot code and a reason are read whole.
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(MovementModel::Product, QHeaderView::Stretch);
    m_table->setColumnWidth(MovementModel::Time, 130);
    m_table->setColumnWidth(MovementModel::Type, 90);
    m_table->setColumnWidth(MovementModel::Sku, 90);
    m_table->setColumnWidth(MovementModel::Location, 80);
    m_table->setColumnWidth(MovementModel::Lot, 130);
    m_table->setColumnWidth(MovementModel::Quantity, 80);
    m_table->setColumnWidth(MovementModel::User, 60);
    m_table->setColumnWidth(MovementModel::Reason, 170);
    m_table->setColumnWidth(MovementModel::Reference, 110);
    // One line a movement: a long reason is cut, and whole in its tooltip.
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);

    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Period:"), this));
    filters->addWidget(m_period);
    filters->addWidget(new QLabel(tr("Type:"), this));
    filters->addWidget(m_type);
    filters->addWidget(m_product);
    filters->addWidget(m_location);
    filters->addWidget(m_user);
    filters->addStretch(1);
    if (m_reverse) {
        auto *button = new QPushButton(tr("&Reverse…"), this);
        filters->addWidget(button);
        connect(button, &QPushButton::clicked, this, [this] {
            bool ok = false;
            const QString reason = QInputDialog::getText(this,
                                                         tr("Reverse a movement"),
                                                         tr("Why is it reversed?"),
                                                         QLineEdit::Normal,
                                                         QString(),
                                                         &ok);
            if (ok)
                reverseSelected(reason);
        });
    }
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);

    connect(m_period, &QComboBox::currentIndexChanged, this, &HistoryView::applyFilter);
    connect(m_type, &QComboBox::currentIndexChanged, this, &HistoryView::applyFilter);
    connect(m_user, &QComboBox::currentIndexChanged, this, &HistoryView::applyFilter);
    for (QLineEdit *field : {m_product, m_location}) {
        connect(field, &QLineEdit::returnPressed, this, &HistoryView::applyFilter);
        connect(field, &QLineEdit::textChanged, this, [this](const QString &text) {
            if (text.isEmpty())
                applyFilter();
        });
    }
    applyFilter();
}

void HistoryView::showProduct(const QString &code)
{
    m_product->setText(code);
    applyFilter();
}

qint64 HistoryView::lookUp(QLineEdit *field, bool product)
{
    markRefused(field, QString());
    const QString text = field->text().trimmed();
    if (text.isEmpty())
        return 0;
    qint64 id = 0;
    QString problem;
    if (product) {
        auto found = m_catalog.findProduct(text);
        id = found ? found->id : 0;
        problem = found ? QString() : found.error().message;
    } else {
        auto found = m_catalog.findLocation(text);
        id = found ? found->id : 0;
        problem = found ? QString() : found.error().message;
    }
    if (problem.isEmpty())
        return id;
    markRefused(field, problem);
    m_message->setText(problem);
    return -1; // nothing matches an unknown code
}

QString HistoryView::message() const
{
    return m_message->text();
}

void HistoryView::reverseSelected(const QString &reason)
{
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    if (selected.isEmpty() || !m_reverse) {
        m_message->setText(tr("Choose a movement first."));
        return;
    }
    const QString id = selected.first().data(MovementModel::MovementIdRole).toString();
    if (auto done = m_reverse(id, reason); !done) {
        m_message->setText(done.error().message);
        return;
    }
    m_message->setText(tr("Reversed: a compensating movement was recorded."));
}

void HistoryView::applyFilter()
{
    MovementFilter filter = m_model.filter();
    const int days = m_period->currentData().toInt();
    const QDateTime now = m_now();
    filter.from = days < 0 ? QDateTime()
                           : QDateTime(now.date().addDays(-days), QTime(0, 0), now.timeZone());
    filter.to = QDateTime();
    const int type = m_type->currentData().toInt();
    filter.type = type < 0 ? std::nullopt : std::optional(MovementType(type));
    filter.productId = lookUp(m_product, true);
    filter.locationId = lookUp(m_location, false);
    filter.userId = m_user->currentData().toLongLong();
    m_model.setFilter(filter);
}

} // namespace Stockroom::Views
