#pragma once

// HistoryView: the movement ledger, newest first, filtered by period and type. It shows a
// MovementModel it does not own; the filtering runs in the model's SQL. The ledger is
// never edited: "Reverse" records a compensating movement, through the function it is
// given (the model's MovementService::reverse), with the reason the user types.

#include "model/domain/error.h"

#include <QDateTime>
#include <QWidget>

#include <functional>

class QComboBox;
class QLineEdit;
class QLabel;
class QPushButton;
class QTableView;

namespace Stockroom {
class Catalog;
class MovementModel;
} // namespace Stockroom

namespace Stockroom::Views {

class HistoryView : public QWidget
{
    Q_OBJECT

public:
    using Now = std::function<QDateTime()>;
    using Reverse = std::function<Status(const QString &movementId, const QString &reason)>;

    // Without a reverse function (a clerk), there is no Reverse button.
    HistoryView(MovementModel &model,
                const Catalog &catalog,
                Now now,
                Reverse reverse,
                QWidget *parent = nullptr);

    // Reverses the selected movement; the outcome is shown in the view.
    void reverseSelected(const QString &reason);
    QString message() const;

    QComboBox *period() const { return m_period; }
    QComboBox *type() const { return m_type; }
    QLineEdit *product() const { return m_product; }
    QLineEdit *location() const { return m_location; }
    QComboBox *user() const { return m_user; }
    // Narrows the history to one product (after a scan on this tab).
    void showProduct(const QString &code);
    QTableView *table() const { return m_table; }

private:
    void applyFilter();

    // The id of what a filter field names, 0 when empty; marks the field when unknown.
    qint64 lookUp(QLineEdit *field, bool product);

    MovementModel &m_model;
    const Catalog &m_catalog;
    Now m_now;
    Reverse m_reverse;
    QLabel *m_message;
    QComboBox *m_period;
    QComboBox *m_type;
    QLineEdit *m_product;
    QLineEdit *m_location;
    QComboBox *m_user;
    QTableView *m_table;
};

} // namespace Stockroom::Views
