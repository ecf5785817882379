// stockroom: the desktop workstation. main() opens the encrypted database (asking for its
// key until it is right), signs the user in, and hands over to Workstation, which wires
// the rest.

#include "keystore.h"
#include "workstation.h"

#include "model/services/userservice.h"
#include "model/storage/setup.h"
#include "views/keydialog.h"
#include "views/logindialog.h"
#include "views/newdatabasedialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTranslator>

#include <optional>

#include <memory>

using namespace Stockroom;

namespace {

const QString databaseSetting = QStringLiteral("database/path");
const QString geometrySetting = QStringLiteral("window/geometry");
const QString stateSetting = QStringLiteral("window/state");
const QString scanGapSetting = QStringLiteral("scanner/maxGapMs");
const QString scanLengthSetting = QStringLiteral("scanner/minLength");
const QString languageSetting = QStringLiteral("ui/language");
const QString warehouseSetting = QStringLiteral("ui/warehouse");
const QString locationSetting = QStringLiteral("scanner/startLocation");
const QString beepSetting = QStringLiteral("scanner/beep");
const QString lockSetting = QStringLiteral("ui/lockAfterMinutes");

Views::Preferences loadPreferences(const QSettings &settings)
{
    Views::Preferences preferences;
    preferences.language = settings.value(languageSetting).toString();
    preferences.warehouseId = settings.value(warehouseSetting, 0).toLongLong();
    preferences.location = settings.value(locationSetting).toString();
    preferences.scanGapMs = settings.value(scanGapSetting, preferences.scanGapMs).toInt();
    preferences.scanMinLength = settings.value(scanLengthSetting, preferences.scanMinLength).toInt();
    preferences.beepOnRefusal = settings.value(beepSetting, true).toBool();
    preferences.lockAfterMinutes
        = qBound(0, settings.value(lockSetting, preferences.lockAfterMinutes).toInt(), 240);
    return preferences;
}

void savePreferences(QSettings &settings, const Views::Preferences &preferences)
{
    settings.setValue(languageSetting, preferences.language);
    settings.setValue(warehouseSetting, preferences.warehouseId);
    settings.setValue(locationSetting, preferences.location);
    settings.setValue(scanGapSetting, preferences.scanGapMs);
    settings.setValue(scanLengthSetting, preferences.scanMinLength);
    settings.setValue(beepSetting, preferences.beepOnRefusal);
    settings.setValue(lockSetting, preferences.lockAfterMinutes);
}

// Scanners differ: the burst's longest gap and shortest code.
void applyScanner(Views::ScanFilter &scanner, const Views::Preferences &preferences)
{
    scanner.setMaxGapMs(preferences.scanGapMs);
    scanner.setMinLength(preferences.scanMinLength);
}

// Qt's own strings (standard dialogs) and ours, in the language asked for: a locale name
// such as "ko" or "en_GB", or empty for the system's. English is the source language; its
// catalogue only words the plurals.
void installTranslations(QCoreApplication &app, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale,
                 QStringLiteral("qtbase"),
                 QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("stockroom"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(own);
}

// The database the user names, opened with its key: from STOCKROOM_DB_KEY, else from the
// system key store, else asked for until it is right or the user gives up. A wrong key is
// said in words and asked again (a stored one that is wrong is forgotten); anything else
// ends with its message. A key typed and marked to remember goes to the key store.
std::unique_ptr<Database> openDatabase(const QString &path)
{
    QString key = qEnvironmentVariable("STOCKROOM_DB_KEY");
    bool stored = false;
    if (key.isEmpty()) {
        if (auto kept = KeyStore::read(path)) {
            key = *kept;
            stored = true;
        }
    }
    QString problem;
    bool remember = false;
    for (;;) {
        if (key.isEmpty()) {
            Views::KeyDialog ask(path, problem);
            if (ask.exec() != QDialog::Accepted)
                return nullptr;
            key = ask.key();
            remember = ask.remember();
        }
        auto db = Database::open(path, key);
        if (db) {
            if (remember) {
                if (auto kept = KeyStore::write(path, key); !kept)
                    QMessageBox::information(nullptr,
                                             QApplication::tr("Stockroom"),
                                             kept.error().message + QLatin1Char('\n')
                                                 + QApplication::tr("It will be asked for again "
                                                                    "next time."));
            }
            return std::move(*db);
        }
        if (db.error().code != ErrorCode::WrongKey) {
            QMessageBox::critical(nullptr, QApplication::tr("Stockroom"), db.error().message);
            return nullptr;
        }
        if (stored) {
            KeyStore::forget(path);
            stored = false;
        }
        problem = QApplication::tr("Wrong key or not a Stockroom database. Try again.");
        key.clear();
    }
}

// No database to open: none named yet, or the one named is not there (missing says which).
// The user opens another, or creates a new one with its first admin. Returns the open
// database (and its path), or null when the user gave up.
std::unique_ptr<Database> chooseDatabase(const Clock &clock, QString &path, const QString &missing)
{
    QMessageBox ask(QMessageBox::Question,
                    missing.isEmpty() ? QApplication::tr("Stockroom")
                                      : QApplication::tr("Stockroom: database not found"),
                    missing.isEmpty()
                        ? QApplication::tr("Open a stock database, or create a new one?")
                        : QApplication::tr("The stock database %1 is not there: it may have "
                                           "been moved or deleted, or be on a drive that is "
                                           "not connected.\n\nOpen another one, or create a "
                                           "new one?")
                              .arg(QDir::toNativeSeparators(missing)));
    QPushButton *open = ask.addButton(QApplication::tr("&Open…"), QMessageBox::AcceptRole);
    QPushButton *create = ask.addButton(QApplication::tr("&Create new…"), QMessageBox::ActionRole);
    ask.addButton(QMessageBox::Cancel);
    ask.exec();
    if (ask.clickedButton() == open) {
        path = QFileDialog::getOpenFileName(nullptr,
                                            QApplication::tr("Open the stock database"),
                                            QString(),
                                            QApplication::tr("Stockroom databases (*.db)"));
        return path.isEmpty() ? nullptr : openDatabase(path);
    }
    if (ask.clickedButton() != create)
        return nullptr;
    path = QFileDialog::getSaveFileName(nullptr,
                                        QApplication::tr("Create a stock database"),
                                        QStringLiteral("stockroom.db"),
                                        QApplication::tr("Stockroom databases (*.db)"));
    if (path.isEmpty())
        return nullptr;
    std::unique_ptr<Database> created;
    Views::NewDatabaseDialog dialog(path, [&](const Views::NewDatabaseAnswers &answers) -> Status {
        auto db = Setup::createDatabase({path,
                                         answers.key,
                                         QTimeZone::systemTimeZone(),
                                         answers.adminName,
                                         answers.adminPassword},
                                        clock);
        if (!db)
            return std::unexpected(db.error());
        created = std::move(*db);
        return {};
    });
    if (dialog.exec() != QDialog::Accepted)
        return nullptr;
    if (dialog.answers().rememberKey) {
        if (auto kept = KeyStore::write(path, dialog.answers().key); !kept)
            QMessageBox::information(nullptr, QApplication::tr("Stockroom"), kept.error().message);
    }
    return created;
}

void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("Stockroom"));
    QCoreApplication::setOrganizationName(QStringLiteral("Stockroom"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STOCKROOM_VERSION));
}

// The options, worded in the language installed when it is called.
void describeOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QApplication::tr("The Stockroom workstation."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(
        {QStringLiteral("db"), QApplication::tr("The database to open."), QStringLiteral("path")});
    parser.addOption({QStringLiteral("language"),
                      QApplication::tr("The language of the window, e.g. ko or en (default: "
                                       "the setting, else the system's)."),
                      QStringLiteral("locale")});
}

// The language asked for on the command line, else the setting's (empty: the system's).
QString chosenLanguage(const QCommandLineParser &parser, const QSettings &settings)
{
    return parser.isSet(QStringLiteral("language")) ? parser.value(QStringLiteral("language"))
                                                    : settings.value(languageSetting).toString();
}

// --help, --version and a command line that does not parse are answered on the terminal
// without a window system, so they work where no display is (over ssh, in a script).
// Returns false when the window should open.
bool answeredWithoutDisplay(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    QCommandLineParser parser;
    describeOptions(parser);
    if (parser.parse(arguments) && !parser.isSet(QStringLiteral("help"))
        && !parser.isSet(QStringLiteral("help-all")) && !parser.isSet(QStringLiteral("version")))
        return false;
    QCoreApplication app(argc, argv);
    describeApplication();
    installTranslations(app, chosenLanguage(parser, QSettings()));
    QCommandLineParser worded; // again, in the language just installed
    describeOptions(worded);
    worded.process(app); // prints the help, the version or the error, and exits
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    if (answeredWithoutDisplay(argc, argv))
        return 0;
    QApplication app(argc, argv);
    describeApplication();
    QCommandLineParser parser;
    describeOptions(parser);
    parser.process(app);

    QSettings settings;
    installTranslations(app, chosenLanguage(parser, settings));
    QString path = parser.value(QStringLiteral("db"));
    if (path.isEmpty())
        path = settings.value(databaseSetting).toString();
    // Remembered as an absolute path: the app may start from any folder.
    if (!path.isEmpty())
        path = QFileInfo(path).absoluteFilePath();
    SystemClock clock;
    std::unique_ptr<Database> db;
    if (path.isEmpty() || !QFileInfo::exists(path)) {
        // The first start, or a database gone: open one, or create one.
        const QString missing = path;
        db = chooseDatabase(clock, path, missing);
        if (!db)
            return 0;
        path = QFileInfo(path).absoluteFilePath();
    } else {
        db = openDatabase(path);
        if (!db)
            return 1;
    }
    settings.setValue(databaseSetting, path);

    UserService users(*db, clock);
    // A shared terminal: signing out comes back here, and someone who signs in at a lock
    // takes over with a window of their own.
    std::optional<Actor> next;
    for (;;) {
        Actor actor;
        if (next) {
            actor = *std::exchange(next, std::nullopt);
        } else {
            Views::LoginDialog login([&users](const QString &name, const QString &password) {
                return users.authenticate(name, password);
            });
            if (login.exec() != QDialog::Accepted)
                return 0;
            actor = login.actor();
        }
        Workstation workstation(*db, clock, actor);
        Views::MainWindow &window = workstation.window();
        window.restoreGeometry(settings.value(geometrySetting).toByteArray());
        window.restoreState(settings.value(stateSetting).toByteArray());
        const Views::Preferences preferences = loadPreferences(settings);
        applyScanner(workstation.scanner(), preferences);
        window.setPreferences(preferences);
        QObject::connect(&window,
                         &Views::MainWindow::preferencesChanged,
                         &window,
                         [&settings, &workstation](const Views::Preferences &changed) {
                             savePreferences(settings, changed);
                             applyScanner(workstation.scanner(), changed);
                         });
        window.show();
        const int code = QApplication::exec();
        settings.setValue(geometrySetting, window.saveGeometry());
        settings.setValue(stateSetting, window.saveState());
        if (window.nextUser())
            next = window.nextUser();
        else if (!window.signedOut())
            return code;
    }
}
