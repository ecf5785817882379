#pragma once

// ConflictInbox: the entries that need a person, each with both sides, and the decisions
// the selected one allows: for a field, keep the server's value or use this workstation's;
// for a count made against stale stock, keep the stock as it is or let the count stand;
// stock that went below zero, and a refusal the workstation already took back, are
// acknowledged. The decision is the model's ConflictService; this widget only shows and
// routes.

#include "model/domain/actor.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace Stockroom {
class ConflictModel;
class ConflictService;
enum class ConflictChoice;
enum class ConflictDecisions;
} // namespace Stockroom

namespace Stockroom::Views {

class ConflictInbox : public QWidget
{
    Q_OBJECT

public:
    ConflictInbox(const Actor &actor,
                  ConflictModel &model,
                  ConflictService &service,
                  QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    // Decides the selected entry; the outcome is shown in the widget.
    void decide(ConflictChoice choice);
    QString message() const;

Q_SIGNALS:
    // Whenever the model is read again, by a decision here or a sync elsewhere.
    void countChanged(int open);

private:
    // What the selected entry allows; a field's choices when none is selected.
    ConflictDecisions selectedDecisions() const;
    // Names the buttons for the selected entry, and hides the second where it has none.
    void offerChoices();
    void refresh();

    Actor m_actor;
    ConflictModel &m_model;
    ConflictService &m_service;
    QTableView *m_table;
    QPushButton *m_theirs;
    QPushButton *m_mine;
    QLabel *m_message;
};

} // namespace Stockroom::Views
