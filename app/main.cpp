// stockroom: the desktop workstation. main() opens the encrypted database, signs the user
// in, and wires the model, the sync worker and the window together.

#include "model/alertmodel.h"
#include "model/alertservice.h"
#include "model/catalog.h"
#include "model/clock.h"
#include "model/conflictmodel.h"
#include "model/conflictservice.h"
#include "model/dashboardmodel.h"
#include "model/masterdataservice.h"
#include "model/movementmodel.h"
#include "model/movementservice.h"
#include "model/periodreportmodel.h"
#include "model/productmodel.h"
#include "model/scansession.h"
#include "model/stockledger.h"
#include "model/stockmodel.h"
#include "model/stocktake.h"
#include "model/userservice.h"
#include "sync/syncclient.h"
#include "views/logindialog.h"
#include "views/mainwindow.h"
#include "views/scanfilter.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileDialog>
#include <QInputDialog>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QTranslator>

#include <memory>

using namespace Stockroom;

namespace {

const QString databaseSetting = QStringLiteral("database/path");
const QString geometrySetting = QStringLiteral("window/geometry");
const QString stateSetting = QStringLiteral("window/state");
const QString scanGapSetting = QStringLiteral("scanner/maxGapMs");
const QString scanLengthSetting = QStringLiteral("scanner/minLength");
const QString languageSetting = QStringLiteral("ui/language");

// Qt's own strings (standard dialogs) and ours, in the language asked for: a locale name
// such as "ko" or "en_GB", or empty for the system's. English is the source language; its
// catalogue only words the plurals.
void installTranslations(QApplication &app, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale,
                 QStringLiteral("qtbase"),
                 QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("stockroom"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(own);
}

// The database the user names, asked for its key until the key is right or the user gives
// up. A wrong key is said in words and asked again; anything else ends with its message.
std::unique_ptr<Database> openDatabase(const QString &path)
{
    QString key = qEnvironmentVariable("STOCKROOM_DB_KEY");
    QString problem;
    for (;;) {
        if (key.isEmpty()) {
            bool ok = false;
            const QString prompt = problem.isEmpty()
                                       ? QApplication::tr("Key for %1:").arg(path)
                                       : problem + QLatin1Char('\n')
                                             + QApplication::tr("Key for %1:").arg(path);
            key = QInputDialog::getText(nullptr,
                                        QApplication::tr("Open the stock database"),
                                        prompt,
                                        QLineEdit::Password,
                                        QString(),
                                        &ok);
            if (!ok)
                return nullptr;
        }
        auto db = Database::open(path, key);
        if (db)
            return std::move(*db);
        if (db.error().code != ErrorCode::WrongKey) {
            QMessageBox::critical(nullptr, QApplication::tr("Stockroom"), db.error().message);
            return nullptr;
        }
        problem = QApplication::tr("Wrong key or not a Stockroom database. Try again.");
        key.clear();
    }
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Stockroom"));
    QApplication::setOrganizationName(QStringLiteral("Stockroom"));
    QApplication::setApplicationVersion(QStringLiteral(STOCKROOM_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::tr("The Stockroom workstation."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(
        {QStringLiteral("db"), QApplication::tr("The database to open."), QStringLiteral("path")});
    parser.addOption({QStringLiteral("language"),
                      QApplication::tr("The language of the window, e.g. ko or en (default: "
                                       "the setting, else the system's)."),
                      QStringLiteral("locale")});
    parser.process(app);

    QSettings settings;
    installTranslations(app,
                        parser.isSet(QStringLiteral("language"))
                            ? parser.value(QStringLiteral("language"))
                            : settings.value(languageSetting).toString());
    QString path = parser.value(QStringLiteral("db"));
    if (path.isEmpty())
        path = settings.value(databaseSetting).toString();
    if (path.isEmpty())
        path = QFileDialog::getOpenFileName(nullptr,
                                            QApplication::tr("Open the stock database"),
                                            QString(),
                                            QApplication::tr("Stockroom databases (*.db)"));
    if (path.isEmpty())
        return 0;
    std::unique_ptr<Database> db = openDatabase(path);
    if (!db)
        return 1;
    settings.setValue(databaseSetting, path);

    SystemClock clock;
    StockLedger ledger(*db);
    Catalog catalog(*db);
    UserService users(*db, clock);
    Views::LoginDialog login([&users](const QString &name, const QString &password) {
        return users.authenticate(name, password);
    });
    if (login.exec() != QDialog::Accepted)
        return 0;

    StockModel stock(*db, ledger, [] { return QDate::currentDate(); });
    std::unique_ptr<Sync::SyncClient> sync;
    if (db->syncs()) {
        Sync::ClientOptions options;
        options.server = QUrl(db->setting(QStringLiteral("sync.server")));
        options.token = db->setting(QStringLiteral("sync.token"));
        sync = std::make_unique<Sync::SyncClient>(*db, ledger, options);
        // Movements arrive through the ledger's own signals; new products and thresholds
        // need the grid read again.
        QObject::connect(sync.get(), &Sync::SyncClient::replicaChanged, &stock, [&stock] {
            stock.setFilter(stock.filter());
        });
        // Answered operations are no longer "not yet synced" in the grid.
        QObject::connect(sync.get(),
                         &Sync::SyncClient::answered,
                         &stock,
                         &StockModel::refreshPending);
        sync->start();
    }

    MovementService movements(*db, ledger, clock);
    ScanSession scanning(*db, catalog, movements);
    ConflictModel conflicts(*db);
    ConflictService decisions(*db);
    if (sync) {
        // Conflicts the server raised arrive with the pulls.
        QObject::connect(sync.get(), &Sync::SyncClient::replicaChanged, &conflicts, [&conflicts] {
            conflicts.reload();
        });
        QObject::connect(sync.get(), &Sync::SyncClient::answered, &conflicts, [&conflicts] {
            conflicts.reload();
        });
    }
    if (sync) {
        // What a clerk records goes to the server at once when online.
        QObject::connect(&ledger, &StockLedger::movementRecorded, sync.get(), [&sync] {
            sync->syncNow();
        });
    }
    MovementModel history(*db, ledger);
    MasterDataService masterData(*db, clock);
    const auto today = [] {
        return QDate::currentDate();
    };
    DashboardModel dashboard(*db, ledger, today);
    AlertService acknowledgments(*db, clock);
    AlertModel alerts(*db, ledger, masterData, acknowledgments, today);
    PeriodReportModel report(*db);
    ProductModel products(*db, masterData);
    Stocktake stocktake(*db, catalog, movements);
    if (sync) {
        // Thresholds and products that arrive by sync change the alerts too.
        QObject::connect(sync.get(),
                         &Sync::SyncClient::replicaChanged,
                         &alerts,
                         &AlertModel::refresh);
    }
    Views::MainWindow window(login.actor(),
                             {catalog,
                              stock,
                              history,
                              movements,
                              conflicts,
                              decisions,
                              scanning,
                              dashboard,
                              alerts,
                              acknowledgments,
                              report,
                              masterData,
                              products,
                              stocktake,
                              sync.get()});
    window.restoreGeometry(settings.value(geometrySetting).toByteArray());
    window.restoreState(settings.value(stateSetting).toByteArray());
    // Scanners differ: the burst's gap and shortest code are settings (QSettings).
    Views::ScanFilter scanner;
    scanner.setMaxGapMs(settings.value(scanGapSetting, scanner.maxGapMs()).toInt());
    scanner.setMinLength(settings.value(scanLengthSetting, 4).toInt());
    scanner.setWindow(&window);
    app.installEventFilter(&scanner);
    QObject::connect(&scanner, &Views::ScanFilter::scanned, &window, &Views::MainWindow::handleScan);
    window.show();
    const int code = QApplication::exec();
    app.removeEventFilter(&scanner);
    settings.setValue(geometrySetting, window.saveGeometry());
    settings.setValue(stateSetting, window.saveState());
    if (sync)
        sync->stop();
    return code;
}
