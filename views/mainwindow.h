#pragma once

// MainWindow: the workstation's window. It lays out the stock grid and the status bar
// (who is signed in, sync), and routes scans: a location label says where the clerk is,
// a product shows its stock, anything else is a clear message. It holds no SQL and no
// rules: the model's ScanResolver says what a scan means.

#include "model/domain/actor.h"
#include "model/domain/clock.h"
#include "model/services/stockqueries.h"
#include "settingsdialog.h"

#include <QMainWindow>
#include <QPointer>

#include <optional>

class QLabel;
class QSystemTrayIcon;
class QTabWidget;
class QTimer;

namespace Stockroom {
class AlertModel;
class AlertService;
class Catalog;
class CsvImporter;
class DashboardModel;
class MasterDataService;
class ProductModel;
class PeriodReportModel;
class ConflictModel;
class ConflictService;
class MovementModel;
class MovementService;
class ScanSession;
class Stocktake;
class UserService;
class StockModel;
namespace Sync {
class SyncClient;
}
} // namespace Stockroom

namespace Stockroom::Views {

class AlertsView;
class DashboardView;
class HistoryView;
class LoginDialog;
class LocationsView;
class ProductsView;
class ReportView;
class ScanPanel;
class StocktakeView;
class UsersView;
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
        DashboardModel &dashboard;
        AlertModel &alerts;
        AlertService &acknowledgments;
        PeriodReportModel &report;
        MasterDataService &masterData;
        ProductModel &products;
        Stocktake &stocktake;
        CsvImporter &importer;
        UserService &users;
        const Clock &clock; // today, for scans, expiry and reports
        Sync::SyncClient *sync = nullptr;
    };

    MainWindow(const Actor &actor, const Parts &parts, QWidget *parent = nullptr);

    // What the scan pipeline does with one scan: on the scan tab it is recorded there;
    // elsewhere a product shows its stock and a location label is named.
    void handleScan(const QString &code);

    StockView *stockView() const { return m_stockView; }
    AlertsView *alertsView() const { return m_alertsView; }
    // Null for a clerk: the dashboard is for managers.
    DashboardView *dashboardView() const { return m_dashboardView; }
    // Null for a clerk: reports are for managers.
    ReportView *reportView() const { return m_reportView; }
    // Null for a clerk: products are edited by managers.
    ProductsView *productsView() const { return m_productsView; }
    LocationsView *locationsView() const { return m_locationsView; }
    // Null but for an admin.
    UsersView *usersView() const { return m_usersView; }
    StocktakeView *stocktakeView() const { return m_stocktakeView; }
    ScanPanel *scanPanel() const { return m_scanPanel; }
    QTabWidget *tabs() const { return m_tabs; }
    // The last scan's outcome, as shown in the status bar.
    QString scanMessage() const;
    // The workstation's preferences: the warehouse shown first, the scan location at
    // start, the refusal beep. The scanner timing and the language are the app's to apply.
    void setPreferences(const Preferences &preferences);
    Preferences preferences() const { return m_preferences; }
    // Opens the settings; a change is applied and announced.
    void editSettings();
    // Labels for a location and everything under it, as a PDF.
    Status writeLocationLabels(const QString &code, const QString &path);
    // Imports a CSV file of products, locations or opening stock, all or nothing, with
    // progress and Cancel. Returns the rows imported.
    Result<int> importCsv(int table, const QString &path);

    // What quitting now would leave unposted, in words; empty when nothing. Closing the
    // window asks first when there is any.
    QStringList unfinishedWork() const;

    // A shared terminal. lock() hides the work and asks for a sign-in: the same person
    // finds everything as they left it; another person who signs in there takes over the
    // terminal (nextUser()), and the window closes for the app to open theirs. It locks by
    // itself after the preferences' idle minutes. signOut() closes the window for the
    // sign-in screen (signedOut()). Unposted scans are kept either way (ScanSession).
    void lock();
    void signOut();
    bool isLocked() const { return m_locked; }
    std::optional<Actor> nextUser() const { return m_nextUser; }
    bool signedOut() const { return m_signedOut; }
    // The sign-in a lock shows, while it shows; for tests.
    LoginDialog *lockDialog() const;
    // Milliseconds until the idle lock, or -1 when it is off; for tests.
    int msUntilLock() const;

    bool eventFilter(QObject *watched, QEvent *event) override;

    // The last desktop notification of new alerts (also shown in the status bar).
    QString lastNotification() const { return m_notification; }

Q_SIGNALS:
    void preferencesChanged(const Stockroom::Views::Preferences &preferences);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void showScan(const QString &text, bool ok);
    void addMenus();
    void addAlertsTab(const Actor &actor, const Parts &parts);
    void notify(const QList<Alert> &alerts);

    Actor m_actor;
    const Catalog &m_catalog;
    const Clock &m_clock;
    CsvImporter &m_importer;
    UserService &m_users;
    QTimer *m_idle;
    bool m_locked = false;
    bool m_signedOut = false;
    std::optional<Actor> m_nextUser;
    QPointer<LoginDialog> m_lockDialog;
    const ScanSession &m_scanning;
    const Stocktake &m_stocktake;
    QTabWidget *m_tabs;
    ScanPanel *m_scanPanel;
    StockView *m_stockView;
    HistoryView *m_historyView = nullptr;
    AlertsView *m_alertsView = nullptr;
    DashboardView *m_dashboardView = nullptr;
    ReportView *m_reportView = nullptr;
    ProductsView *m_productsView = nullptr;
    LocationsView *m_locationsView = nullptr;
    UsersView *m_usersView = nullptr;
    StocktakeView *m_stocktakeView = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QLabel *m_scan;
    QString m_notification;
    Preferences m_preferences;
};

} // namespace Stockroom::Views
