#include "conflictinbox.h"
#include "emptystate.h"

#include "model/itemmodels/conflictmodel.h"
#include "model/services/conflictservice.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Stockroom::Views {

ConflictInbox::ConflictInbox(const Actor &actor,
                             ConflictModel &model,
                             ConflictService &service,
                             QWidget *parent)
    : QWidget(parent)
    , m_actor(actor)
    , m_model(model)
    , m_service(service)
    , m_table(new QTableView(this))
    , m_theirs(new QPushButton(tr("Keep the server's value"), this))
    , m_mine(new QPushButton(tr("Use this workstation's value"), this))
    , m_message(new QLabel(this))
{
    m_table->setModel(&model);
    EmptyState::install(m_table, tr("Nothing to decide: no change waits for a person's choice."));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    // Readable when empty and when full: even widths, the detail takes the rest.
    m_table->horizontalHeader()->setMinimumSectionSize(90);
    m_table->horizontalHeader()->setDefaultSectionSize(140);
    m_table->horizontalHeader()->setSectionResizeMode(int(ConflictModel::Column::Detail),
                                                      QHeaderView::Stretch);
    m_table->setWordWrap(true);
    m_message->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_theirs);
    buttons->addWidget(m_mine);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_message);
    const bool mayDecide = actor.can(Permission::EditMasterData);
    m_theirs->setEnabled(mayDecide);
    m_mine->setEnabled(mayDecide);
    if (!mayDecide)
        m_message->setText(tr("A manager decides these."));
    connect(m_theirs, &QPushButton::clicked, this, [this] { decide(ConflictChoice::Theirs); });
    connect(m_mine, &QPushButton::clicked, this, [this] { decide(ConflictChoice::Mine); });
    connect(&service, &ConflictService::resolved, this, &ConflictInbox::refresh);
    connect(&model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_model.rowCount() > 0)
            m_table->resizeRowsToContents();
        offerChoices();
        Q_EMIT countChanged(m_model.rowCount());
    });
    connect(m_table->selectionModel(),
            &QItemSelectionModel::selectionChanged,
            this,
            &ConflictInbox::offerChoices);
    refresh();
    offerChoices();
}

ConflictDecisions ConflictInbox::selectedDecisions() const
{
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    return decisionsFor(
        selected.isEmpty() ? QString() : selected.first().data(ConflictModel::TypeRole).toString());
}

void ConflictInbox::offerChoices()
{
    switch (selectedDecisions()) {
    case ConflictDecisions::Count:
        m_theirs->setText(tr("Keep the stock as it is"));
        m_mine->setText(tr("Let the count stand"));
        break;
    case ConflictDecisions::Acknowledge:
        m_theirs->setText(tr("Acknowledge"));
        break;
    case ConflictDecisions::Field:
        m_theirs->setText(tr("Keep the server's value"));
        m_mine->setText(tr("Use this workstation's value"));
        break;
    }
    m_mine->setVisible(selectedDecisions() != ConflictDecisions::Acknowledge);
}

QString ConflictInbox::message() const
{
    return m_message->text();
}

void ConflictInbox::decide(ConflictChoice choice)
{
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    if (selected.isEmpty()) {
        m_message->setText(tr("Choose an entry first."));
        return;
    }
    const QString uuid = selected.first().data(ConflictModel::UuidRole).toString();
    const ConflictDecisions decisions = selectedDecisions();
    if (auto decided = m_service.resolve(m_actor, uuid, choice); !decided) {
        m_message->setText(decided.error().message);
        return;
    }
    const bool mine = choice == ConflictChoice::Mine;
    switch (decisions) {
    case ConflictDecisions::Acknowledge:
        m_message->setText(tr("Acknowledged."));
        break;
    case ConflictDecisions::Count:
        m_message->setText(mine ? tr("Sent: the count stands. The server adjusts the stock by "
                                     "what the count found at the next sync.")
                                : tr("Decided: the stock stays as it is."));
        break;
    case ConflictDecisions::Field:
        m_message->setText(mine ? tr("Sent: this workstation's value. The server confirms at "
                                     "the next sync.")
                                : tr("Decided: the server's value stays."));
        break;
    }
}

void ConflictInbox::refresh()
{
    if (auto loaded = m_model.reload(); !loaded)
        m_message->setText(loaded.error().message);
}

} // namespace Stockroom::Views
