#pragma once

// StocktakeView: counting a place. Scan or type the location to count, then scan
// everything there (bin labels say where, in a zone or warehouse); counts can also be
// typed into the Counted column. Lines that differ are coloured. A manager posts the
// differences with a reason, with progress and a Cancel that leaves nothing posted.

#include "model/domain/actor.h"
#include "model/domain/clock.h"
#include "model/domain/error.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace Stockroom {
class Stocktake;
}

namespace Stockroom::Views {

class StocktakeView : public QWidget
{
    Q_OBJECT

public:
    // The clock's today judges lots' expiry; it must outlive the view.
    StocktakeView(const Actor &actor,
                  Stocktake &stocktake,
                  const Clock &clock,
                  QWidget *parent = nullptr);

    // A scan: before a count starts it names the place to count; then it counts.
    void scan(const QString &code);
    void start(const QString &locationCode);
    Status post();

    QLineEdit *locationField() const { return m_location; }
    QLineEdit *reasonField() const { return m_reason; }
    QTableView *table() const { return m_table; }
    QString message() const;
    QString summary() const;

private:
    void say(const QString &text, bool ok);
    void showState();

    Actor m_actor;
    Stocktake &m_stocktake;
    const Clock &m_clock;
    QLineEdit *m_location;
    QLabel *m_where;
    QTableView *m_table;
    QLabel *m_summary;
    QLineEdit *m_reason;
    QPushButton *m_post;
    QCheckBox *m_showExpected;
    QLabel *m_message;
};

} // namespace Stockroom::Views
