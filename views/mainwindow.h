#pragma once

// MainWindow: the workstation's window. It lays out the stock grid and the status bar
// (who is signed in, sync), and routes scans: a location label says where the clerk is,
// a product shows its stock, anything else is a clear message. It holds no SQL and no
// rules: the model's ScanResolver says what a scan means.

#include "model/actor.h"

#include <QMainWindow>

class QLabel;

class QTabWidget;

namespace Stockroom {
class Catalog;
class ConflictModel;
class ConflictService;
class MovementModel;
class MovementService;
class ScanSession;
class StockModel;
namespace Sync {
class SyncClient;
}
} // namespace Stockroom

namespace Stockroom::Views {

class ScanPanel;
class StockView;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // What the window shows, owned by the caller. sync may be null: a database that has
    // not joined a server.
    struct Parts
    {
        const Catalog &catalog;
        StockModel &stock;
        MovementModel &history;
        MovementService &movements;
        ConflictModel &conflicts;
        ConflictService &decisions;
        ScanSession &scanning;
        Sync::SyncClient *sync = nullptr;
    };

    MainWindow(const Actor &actor, const Parts &parts, QWidget *parent = nullptr);

    // What the scan pipeline does with one scan: on the scan tab it is recorded there;
    // elsewhere a product shows its stock and a location label is named.
    void handleScan(const QString &code);

    StockView *stockView() const { return m_stockView; }
    ScanPanel *scanPanel() const { return m_scanPanel; }
    QTabWidget *tabs() const { return m_tabs; }
    // The last scan's outcome, as shown in the status bar.
    QString scanMessage() const;

private:
    void showScan(const QString &text, bool ok);

    const Catalog &m_catalog;
    QTabWidget *m_tabs;
    ScanPanel *m_scanPanel;
    StockView *m_stockView;
    QLabel *m_scan;
};

} // namespace Stockroom::Views
