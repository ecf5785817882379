#pragma once

// AlertsView: the current alerts (below min, above max, reorder, negative stock, lots
// expiring within N days) and the manager's acknowledgment. Unacknowledged alerts are
// coloured by kind; acknowledged ones are grey and say who saw them and when. They can be
// narrowed to one kind, or to those still waiting for a manager. The model
// and the AlertService are the model's; this widget shows and routes.

#include "model/domain/actor.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QPushButton;
class QSpinBox;
class QTableView;

namespace Stockroom {
class AlertModel;
class AlertService;
} // namespace Stockroom

namespace Stockroom::Views {

class AlertsView : public QWidget
{
    Q_OBJECT

public:
    AlertsView(const Actor &actor,
               AlertModel &model,
               AlertService &service,
               QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    // Acknowledges the selected alerts; the outcome is shown in the widget.
    void acknowledgeSelected();
    QString message() const;

Q_SIGNALS:
    // Whenever the alerts are recomputed: how many still wait for a manager.
    void countChanged(int unacknowledged);

private:
    Actor m_actor;
    AlertModel &m_model;
    AlertService &m_service;
    QSpinBox *m_days;
    QComboBox *m_kind;
    QCheckBox *m_waitingOnly;
    QSortFilterProxyModel *m_shown;
    QTableView *m_table;
    QPushButton *m_acknowledge;
    QLabel *m_message;
};

} // namespace Stockroom::Views
