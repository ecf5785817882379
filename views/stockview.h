#pragma once

// StockView: the stock grid with its filters: text as you type, a warehouse, a location
// (and everything under it), low stock only, and lots expiring soon. It shows a StockModel
// it does not own; filtering and sorting run in the model's SQL. Rows below min, above max
// or negative are coloured. Export writes what the filters select to CSV, with progress
// and a Cancel that leaves no file.

#include "model/domain/error.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace Stockroom {
class Catalog;
class StockModel;
} // namespace Stockroom

namespace Stockroom::Views {

class StockView : public QWidget
{
    Q_OBJECT

public:
    StockView(StockModel &model, const Catalog &catalog, QWidget *parent = nullptr);

    // Shows the stock of one product (after a scan), or everything again with an empty text.
    void showText(const QString &text);
    QTableView *table() const { return m_table; }
    QComboBox *warehouse() const { return m_warehouse; }
    QLineEdit *location() const { return m_location; }
    Status exportCsv(const QString &path);
    QString message() const;

private:
    void applyFilter();
    void chooseExport();

    StockModel &m_model;
    const Catalog &m_catalog;
    QLineEdit *m_text;
    QComboBox *m_warehouse;
    QLineEdit *m_location;
    QLabel *m_message;
    QCheckBox *m_lowOnly;
    QCheckBox *m_expiring;
    QCheckBox *m_empty;
    QTableView *m_table;
    QTimer *m_typing;
};

} // namespace Stockroom::Views
