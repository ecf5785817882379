#pragma once

// HistoryView: the movement ledger, newest first, filtered by period and type. It shows a
// MovementModel it does not own; the filtering runs in the model's SQL. The ledger is
// never edited from here.

#include <QDateTime>
#include <QWidget>

#include <functional>

class QComboBox;
class QTableView;

namespace Stockroom {
class MovementModel;
}

namespace Stockroom::Views {

class HistoryView : public QWidget
{
    Q_OBJECT

public:
    using Now = std::function<QDateTime()>;

    HistoryView(MovementModel &model, Now now, QWidget *parent = nullptr);

    QComboBox *period() const { return m_period; }
    QComboBox *type() const { return m_type; }
    QTableView *table() const { return m_table; }

private:
    void applyFilter();

    MovementModel &m_model;
    Now m_now;
    QComboBox *m_period;
    QComboBox *m_type;
    QTableView *m_table;
};

} // namespace Stockroom::Views
