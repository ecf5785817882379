#pragma once

// StockView: the stock grid with its filters: text as you type, low stock only, and lots
// expiring soon. It shows a StockModel it does not own; filtering and sorting run in the
// model's SQL. Rows below min, above max or negative are coloured.

#include <QWidget>

class QCheckBox;
class QLineEdit;
class QTableView;
class QTimer;

namespace Stockroom {
class StockModel;
}

namespace Stockroom::Views {

class StockView : public QWidget
{
    Q_OBJECT

public:
    explicit StockView(StockModel &model, QWidget *parent = nullptr);

    // Shows the stock of one product (after a scan), or everything again with an empty text.
    void showText(const QString &text);
    QTableView *table() const { return m_table; }

private:
    void applyFilter();

    StockModel &m_model;
    QLineEdit *m_text;
    QCheckBox *m_lowOnly;
    QCheckBox *m_expiring;
    QTableView *m_table;
    QTimer *m_typing;
};

} // namespace Stockroom::Views
