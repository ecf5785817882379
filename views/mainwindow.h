#pragma once

// MainWindow: the workstation's window. It lays out the stock grid and the status bar
// (who is signed in, sync), and routes scans: a location label says where the clerk is,
// a product shows its stock, anything else is a clear message. It holds no SQL and no
// rules: the model's ScanResolver says what a scan means.

#include "model/actor.h"

#include <QMainWindow>

class QLabel;

namespace Stockroom {
class Catalog;
class StockModel;
namespace Sync {
class SyncClient;
}
} // namespace Stockroom

namespace Stockroom::Views {

class StockView;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // sync may be null: a database that has not joined a server.
    MainWindow(const Actor &actor,
               const Catalog &catalog,
               StockModel &stock,
               Sync::SyncClient *sync,
               QWidget *parent = nullptr);

    // What the scan pipeline does with one scan.
    void handleScan(const QString &code);

    StockView *stockView() const { return m_stockView; }
    // The last scan's outcome, as shown in the status bar.
    QString scanMessage() const;

private:
    void showScan(const QString &text, bool ok);

    const Catalog &m_catalog;
    StockView *m_stockView;
    QLabel *m_scan;
    QString m_location; // the location the last location label set
};

} // namespace Stockroom::Views
