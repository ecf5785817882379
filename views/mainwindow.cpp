#include "mainwindow.h"

#include "alertsview.h"
#include "conflictinbox.h"
#include "dashboardview.h"
#include "feedback.h"
#include "historyview.h"
#include "labelsheet.h"
#include "locationsview.h"
#include "logindialog.h"
#include "productsview.h"
#include "reportview.h"
#include "scanpanel.h"
#include "stocktakeview.h"
#include "stockview.h"
#include "syncstatus.h"
#include "usersview.h"

#include "model/io/csvimporter.h"
#include "model/itemmodels/alertmodel.h"
#include "model/itemmodels/conflictmodel.h"
#include "model/services/catalog.h"
#include "model/services/masterdataservice.h"
#include "model/services/movementservice.h"
#include "model/services/scanresolver.h"
#include "model/services/scansession.h"
#include "model/services/stocktake.h"
#include "model/services/userservice.h"

#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QShortcut>
#include <QStatusBar>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTimer>

namespace Stockroom::Views {

MainWindow::MainWindow(const Actor &actor, const Parts &parts, QWidget *parent)
    : QMainWindow(parent)
    , m_actor(actor)
    , m_catalog(parts.catalog)
    , m_clock(parts.clock)
    , m_importer(parts.importer)
    , m_users(parts.users)
    , m_idle(new QTimer(this))
    , m_scanning(parts.scanning)
    , m_stocktake(parts.stocktake)
    , m_tabs(new QTabWidget(this))
    , m_scanPanel(new ScanPanel(actor, parts.scanning, parts.clock, this))
    , m_stockView(new StockView(parts.stock, parts.catalog, this))
    , m_scan(new QLabel(this))
{
    setWindowTitle(tr("Stockroom"));
    m_tabs->addTab(m_scanPanel, tr("Scan"));
    m_tabs->addTab(m_stockView, tr("Stock"));
    m_stocktakeView = new StocktakeView(actor, parts.stocktake, parts.clock, this);
    m_tabs->addTab(m_stocktakeView, tr("Stocktake"));
    HistoryView::Reverse reverse;
    if (actor.can(Permission::Adjust)) {
        reverse = [&movements = parts.movements, actor](const QString &id,
                                                        const QString &reason) -> Status {
            auto done = movements.reverse(actor, id, reason);
            if (!done)
                return std::unexpected(done.error());
            return {};
        };
    }
    m_historyView = new HistoryView(
        parts.history,
        parts.catalog,
        [&clock = parts.clock] { return clock.now().toLocalTime(); },
        reverse,
        this);
    m_tabs->addTab(m_historyView, tr("History"));
    // On the scan tab the keyboard belongs to the scan bar, so that a lone Enter posts and
    // Esc takes back, wherever the clerk clicked before.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_scanPanel)
            m_scanPanel->setFocus();
    });
    m_scanPanel->setFocus();
    if (actor.role != Role::Clerk) {
        m_dashboardView = new DashboardView(parts.catalog, parts.dashboard, parts.alerts, this);
        m_tabs->addTab(m_dashboardView, tr("Dashboard"));
        m_reportView = new ReportView(parts.catalog, parts.report, parts.clock, this);
        m_tabs->addTab(m_reportView, tr("Reports"));
    }
    if (actor.can(Permission::EditMasterData)) {
        m_productsView = new ProductsView(actor,
                                          parts.catalog,
                                          parts.products,
                                          parts.masterData,
                                          parts.clock,
                                          this);
        m_tabs->addTab(m_productsView, tr("Products"));
        m_locationsView = new LocationsView(actor, parts.catalog, parts.masterData, this);
        m_tabs->addTab(m_locationsView, tr("Locations"));
        m_scanPanel->setLinker([&catalog = parts.catalog,
                                &masterData = parts.masterData,
                                actor](const QString &code, const QString &sku) -> Status {
            auto product = catalog.productBySku(sku);
            if (!product)
                return std::unexpected(product.error());
            auto linked = masterData.addBarcode(actor, {product->id, code});
            if (!linked)
                return std::unexpected(linked.error());
            return {};
        });
    }
    if (actor.can(Permission::ManageUsers)) {
        m_usersView = new UsersView(actor, parts.catalog, parts.users, this);
        m_tabs->addTab(m_usersView, tr("Users"));
    }
    addAlertsTab(actor, parts);
    auto *inbox = new ConflictInbox(actor, parts.conflicts, parts.decisions, this);
    const int inboxTab = m_tabs->addTab(inbox, QString());
    const auto title = [this, inboxTab](int open) {
        m_tabs->setTabText(inboxTab, open > 0 ? tr("Conflicts (%1)").arg(open) : tr("Conflicts"));
    };
    connect(inbox, &ConflictInbox::countChanged, this, title);
    title(parts.conflicts.rowCount());
    setCentralWidget(m_tabs);
    addMenus();
    // Left without a key or a click, a shared terminal locks (the preferences say when).
    m_idle->setSingleShot(true);
    m_idle->setTimerType(Qt::PreciseTimer); // one timer; says its time to the millisecond
    connect(m_idle, &QTimer::timeout, this, &MainWindow::lock);
    qApp->installEventFilter(this);
    // Keyboard first: Ctrl+1 to Ctrl+9 open a tab, Ctrl+Tab and Ctrl+Shift+Tab step through
    // them, wherever the focus is (a table would take Ctrl+Tab for itself).
    for (int tab = 0; tab < qMin(9, m_tabs->count()); ++tab) {
        auto *key = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + tab)), this);
        connect(key, &QShortcut::activated, m_tabs, [this, tab] { m_tabs->setCurrentIndex(tab); });
        m_tabs->setTabToolTip(tab, key->key().toString(QKeySequence::NativeText));
    }
    const auto step = [this](int by) {
        m_tabs->setCurrentIndex((m_tabs->currentIndex() + by + m_tabs->count()) % m_tabs->count());
    };
    connect(new QShortcut(QKeySequence::NextChild, this), &QShortcut::activated, this, [step] {
        step(1);
    });
    connect(new QShortcut(QKeySequence::PreviousChild, this), &QShortcut::activated, this, [step] {
        step(-1);
    });
    statusBar()->addWidget(m_scan, 1);
    statusBar()->addPermanentWidget(
        new QLabel(tr("%1 (%2)").arg(actor.username, displayName(actor.role)), this));
    if (parts.sync)
        statusBar()->addPermanentWidget(new SyncStatus(*parts.sync, parts.clock, this));
    resize(1100, 700);
}

void MainWindow::addMenus()
{
    QMenu *menu = menuBar()->addMenu(tr("&Stockroom"));
    menu->addAction(tr("&Location labels…"), this, [this] {
        bool ok = false;
        const QString code = QInputDialog::getText(this,
                                                   tr("Location labels"),
                                                   tr("Labels for this location and everything "
                                                      "under it (a code or a label):"),
                                                   QLineEdit::Normal,
                                                   QString(),
                                                   &ok);
        if (!ok || code.trimmed().isEmpty())
            return;
        const QString path = QFileDialog::getSaveFileName(this,
                                                          tr("Save the labels as PDF"),
                                                          tr("labels-%1.pdf").arg(code.trimmed()),
                                                          tr("PDF files (*.pdf)"));
        if (path.isEmpty())
            return;
        const Status done = writeLocationLabels(code, path);
        statusBar()->showMessage(done ? tr("Saved %1.").arg(path) : done.error().message, 10000);
    });
    if (m_actor.can(Permission::EditMasterData)) {
        menu->addAction(tr("&Import CSV…"), this, [this] {
            const QStringList tables{tr("Products"), tr("Locations"), tr("Opening stock")};
            bool ok = false;
            const QString table = QInputDialog::getItem(this,
                                                        tr("Import CSV"),
                                                        tr("What the file holds:"),
                                                        tables,
                                                        0,
                                                        false,
                                                        &ok);
            if (!ok)
                return;
            const QString path = QFileDialog::getOpenFileName(this,
                                                              tr("Import CSV"),
                                                              QString(),
                                                              tr("CSV files (*.csv)"));
            if (path.isEmpty())
                return;
            auto imported = importCsv(int(tables.indexOf(table)), path);
            if (imported)
                statusBar()
                    ->showMessage(tr("Imported %Ln row(s) from %1.", nullptr, *imported).arg(path),
                                  10000);
            else
                QMessageBox::warning(this, tr("Import CSV"), imported.error().message);
        });
    }
    QAction *settings = menu->addAction(tr("&Settings…"), this, &MainWindow::editSettings);
    settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    menu->addSeparator();
    QAction *lock = menu->addAction(tr("Loc&k"), this, &MainWindow::lock);
    lock->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    QAction *signOut = menu->addAction(tr("Sign &out or switch user"), this, &MainWindow::signOut);
    signOut->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    QAction *quit = menu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
}

Result<int> MainWindow::importCsv(int table, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(ErrorCode::Io, tr("%1 could not be read: %2").arg(path, file.errorString()));
    }
    const QString text = QString::fromUtf8(file.readAll());
    QProgressDialog progress(tr("Importing %1…").arg(QFileInfo(path).fileName()),
                             tr("Cancel"),
                             0,
                             100,
                             this);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(400);
    return m_importer.import(m_actor, CsvTable(table), text, [&progress](int done, int total) {
        progress.setMaximum(qMax(1, total));
        progress.setValue(done);
        return !progress.wasCanceled();
    });
}

Status MainWindow::writeLocationLabels(const QString &code, const QString &path)
{
    auto location = m_catalog.findLocation(code);
    if (!location)
        return std::unexpected(location.error());
    auto under = m_catalog.locationsUnder(location->id);
    if (!under)
        return std::unexpected(under.error());
    QList<Label> labels;
    for (const Location &each : std::as_const(*under))
        labels.append(LabelSheet::forLocation(each));
    return LabelSheet::writePdf(path, labels);
}

void MainWindow::setPreferences(const Preferences &preferences)
{
    const Preferences before = std::exchange(m_preferences, preferences);
    QComboBox *warehouse = m_stockView->warehouse();
    if (preferences.warehouseId != before.warehouseId || before == Preferences{})
        warehouse->setCurrentIndex(qMax(0, warehouse->findData(preferences.warehouseId)));
    m_scanPanel->setBeep(preferences.beepOnRefusal);
    if (preferences.lockAfterMinutes > 0) {
        m_idle->setInterval(preferences.lockAfterMinutes * 60 * 1000);
        if (!m_locked)
            m_idle->start();
    } else {
        m_idle->stop();
    }
    if (!preferences.location.isEmpty() && preferences.location != before.location)
        m_scanPanel->scan(preferences.location);
}

void MainWindow::editSettings()
{
    SettingsDialog dialog(m_catalog, m_preferences, this);
    if (dialog.exec() != QDialog::Accepted || dialog.preferences() == m_preferences)
        return;
    setPreferences(dialog.preferences());
    if (!dialog.problem().isEmpty())
        statusBar()->showMessage(dialog.problem(), 10000);
    Q_EMIT preferencesChanged(m_preferences);
}

void MainWindow::addAlertsTab(const Actor &actor, const Parts &parts)
{
    m_alertsView = new AlertsView(actor, parts.alerts, parts.acknowledgments, this);
    const int tab = m_tabs->addTab(m_alertsView, QString());
    // The badge: alerts that no manager has acknowledged yet.
    const auto title = [this, tab](int waiting) {
        m_tabs->setTabText(tab, waiting > 0 ? tr("Alerts (%1)").arg(waiting) : tr("Alerts"));
    };
    connect(m_alertsView, &AlertsView::countChanged, this, title);
    title(parts.alerts.unacknowledgedCount());
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning), this);
        m_tray->setToolTip(tr("Stockroom"));
        m_tray->show();
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            m_tabs->setCurrentWidget(m_alertsView);
            showNormal();
            activateWindow();
        });
    }
    connect(&parts.alerts, &AlertModel::arisen, this, &MainWindow::notify);
}

void MainWindow::notify(const QList<Alert> &alerts)
{
    QStringList lines;
    for (const Alert &alert : alerts.mid(0, 3))
        lines.append(tr("%1: %2 (%3)").arg(AlertModel::describe(alert.kind), alert.name, alert.sku));
    if (alerts.size() > 3)
        lines.append(tr("and %n more", nullptr, int(alerts.size() - 3)));
    m_notification = lines.join(QLatin1Char('\n'));
    const QString title = tr("%n new alert(s)", nullptr, int(alerts.size()));
    if (m_tray)
        m_tray->showMessage(title, m_notification, QSystemTrayIcon::Warning);
    statusBar()->showMessage(title + QStringLiteral(": ") + lines.first(), 10000);
}

QString MainWindow::scanMessage() const
{
    return m_scan->text();
}

void MainWindow::handleScan(const QString &code)
{
    if (m_tabs->currentWidget() == m_scanPanel) {
        m_scanPanel->scan(code);
        return;
    }
    if (m_tabs->currentWidget() == m_stocktakeView) {
        m_stocktakeView->scan(code);
        return;
    }
    auto result = ScanResolver(m_catalog).resolve(code, m_clock.today());
    if (!result) {
        showScan(result.error().message, false);
        return;
    }
    if (result->kind == ScanResult::Kind::Location) {
        showScan(tr("Location %1 (%2)").arg(result->location->code, result->location->name), true);
        return;
    }
    const Product &product = *result->product;
    if (m_dashboardView && m_tabs->currentWidget() == m_dashboardView)
        m_dashboardView->showProduct(product);
    else if (m_tabs->currentWidget() == m_historyView)
        m_historyView->showProduct(product.sku);
    else
        m_stockView->showText(product.sku);
    QString text = tr("%1 (%2)").arg(product.shownName(), product.sku);
    if (!result->lot.isEmpty())
        text += tr(", lot %1").arg(result->lot);
    if (result->expiry.isValid())
        text += tr(", expires %1").arg(result->expiry.toString(Qt::ISODate));
    if (result->quantity)
        text += tr(", %n unit(s)", nullptr, int(*result->quantity));
    showScan(text, true);
}

QStringList MainWindow::unfinishedWork() const
{
    QStringList work;
    if (const int lines = int(m_scanning.lines().size()); lines > 0) {
        work << tr("%n scanned line(s) are not posted. They are kept on this workstation and "
                   "come back when you sign in again.",
                   nullptr,
                   lines);
    }
    if (m_stocktake.isActive() && !m_stocktake.lines().isEmpty()) {
        work << tr("The count of %1 is not posted, and it is not kept: quitting ends it.")
                    .arg(m_stocktake.scope()->code);
    }
    return work;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    const QStringList work = unfinishedWork();
    if (!work.isEmpty()) {
        QMessageBox ask(QMessageBox::Question,
                        tr("Quit Stockroom?"),
                        work.join(QLatin1String("\n\n")),
                        QMessageBox::NoButton,
                        this);
        QPushButton *quit = ask.addButton(tr("&Quit"), QMessageBox::DestructiveRole);
        QPushButton *stay = ask.addButton(tr("&Go back"), QMessageBox::RejectRole);
        ask.setDefaultButton(stay);
        ask.setEscapeButton(stay);
        ask.exec();
        if (ask.clickedButton() != quit) {
            event->ignore();
            return;
        }
    }
    QMainWindow::closeEvent(event);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    // Any key or click in the app is use: the idle time starts over.
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::Wheel:
        if (m_idle->interval() > 0 && m_preferences.lockAfterMinutes > 0 && !m_locked)
            m_idle->start();
        break;
    default:
        break;
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::lock()
{
    if (m_locked)
        return;
    m_locked = true;
    m_idle->stop();
    // Nothing of the work shows while locked.
    centralWidget()->hide();
    menuBar()->setEnabled(false);
    for (;;) {
        LoginDialog
            ask([this](const QString &name,
                       const QString &password) { return m_users.authenticate(name, password); },
                this);
        ask.setWindowTitle(tr("Stockroom is locked"));
        ask.userField()->setText(m_actor.username);
        ask.passwordField()->setFocus();
        m_lockDialog = &ask;
        const int answer = ask.exec();
        m_lockDialog = nullptr;
        if (answer == QDialog::Accepted && ask.actor().userId == m_actor.userId)
            break; // the same person: everything as they left it
        if (answer == QDialog::Accepted) {
            // Someone else takes over the terminal: this window closes for theirs.
            m_nextUser = ask.actor();
            m_locked = false;
            if (close())
                return;
            m_nextUser.reset();
            m_locked = true;
            continue;
        }
        // Cancel: quit, asking first about unfinished work; Go back locks again.
        m_locked = false;
        if (close())
            return;
        m_locked = true;
    }
    m_locked = false;
    centralWidget()->show();
    menuBar()->setEnabled(true);
    if (m_preferences.lockAfterMinutes > 0)
        m_idle->start();
    m_scanPanel->setFocus();
}

LoginDialog *MainWindow::lockDialog() const
{
    return m_lockDialog.data();
}

int MainWindow::msUntilLock() const
{
    return m_idle->isActive() ? m_idle->remainingTime() : -1;
}

void MainWindow::signOut()
{
    m_signedOut = true;
    if (!close())
        m_signedOut = false;
}

void MainWindow::showScan(const QString &text, bool ok)
{
    // Seen from the shelf: green for a scan that counted, red for one that did not.
    showOutcome(m_scan, text, ok, Emphasis::Strong);
}

} // namespace Stockroom::Views
