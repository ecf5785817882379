// app_bench: the desktop app's two speed targets, on the demo database (5,000 products,
// 200,000 movements; made once in the working directory).
//
// 1. Cold start to the first painted stock grid: each run is a new process that opens the
//    encrypted database, builds the workstation exactly as the app does (app/workstation.cpp)
//    and shows the window on the Stock tab. The parent times from starting the process to
//    the grid's first paint, so loading Qt, fonts and plugins counts too. Signing in
//    (argon2id, waiting for a person) is printed apart.
// 2. Scan to posted: a scanner burst (13 keys, then Enter) goes through the application's
//    scan filter into the scan tab, and a lone Enter posts it. Timed from the burst's Enter
//    to the line on screen, and from the posting Enter to the movement committed.
//
// It runs offscreen (QT_QPA_PLATFORM=offscreen), as CI has no display.

#include "benchsupport.h"

#include "app/workstation.h"
#include "model/services/userservice.h"
#include "model/storage/database.h"
#include "views/scanpanel.h"
#include "views/stockview.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QKeyEvent>
#include <QLineEdit>
#include <QProcess>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace Stockroom;
using Bench::need;

namespace {

const QString key = QStringLiteral("bench-demo-key");
const QString demoPath = QStringLiteral("bench-demo.db");

void makeDemo()
{
    if (QFile::exists(demoPath))
        return;
    std::printf("Creating %s (the demo: 5,000 products, 200,000 movements) ...\n",
                qPrintable(demoPath));
    std::fflush(stdout);
    auto db = need(Database::create(demoPath, key), "create the demo database");
    need(DemoData::generate(*db, DemoOptions{}, SystemClock()), "fill the demo database");
}

// Calls done() once the widget has painted for the first time.
class FirstPaint : public QObject
{
public:
    FirstPaint(QWidget *widget, std::function<void()> done)
        : m_done(std::move(done))
    {
        widget->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && m_done) {
            // After this paint has run: the grid is on screen.
            QTimer::singleShot(0, this, std::exchange(m_done, {}));
        }
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<void()> m_done;
};

// One start of the app, in this process; prints its milestones in ms since main().
int startOnce(QApplication &app, const QElapsedTimer &sinceMain)
{
    auto db = need(Database::open(demoPath, key), "open the demo database");
    const qint64 opened = sinceMain.elapsed();
    SystemClock clock;
    QElapsedTimer login;
    login.start();
    const Actor actor = need(UserService(*db, clock)
                                 .authenticate(QString::fromLatin1(DemoData::managerName),
                                               QString::fromLatin1(DemoData::password)),
                             "sign in");
    const qint64 signIn = login.elapsed();
    QElapsedTimer building;
    building.start();
    Workstation workstation(*db, clock, actor);
    Views::MainWindow &window = workstation.window();
    window.tabs()->setCurrentWidget(window.stockView());
    qint64 painted = 0;
    qint64 fromExec = 0;
    const qint64 started = qEnvironmentVariable("STOCKROOM_BENCH_STARTED").toLongLong();
    FirstPaint watch(window.stockView()->table()->viewport(), [&] {
        painted = sinceMain.elapsed();
        fromExec = QDateTime::currentMSecsSinceEpoch() - started;
        app.quit();
    });
    window.show();
    const qint64 built = building.elapsed();
    QTimer::singleShot(30000, &app, [] { Bench::die(QStringLiteral("the grid never painted")); });
    QApplication::exec();
    // Signing in waits for a person; it is taken out of every figure but its own.
    std::printf("start open=%lld window=%lld painted=%lld exec=%lld login=%lld\n",
                opened,
                built,
                painted - signIn,
                fromExec - signIn,
                signIn);
    std::fflush(stdout);
    return 0;
}

void sendKey(QWidget *target, int key, const QString &text)
{
    QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier, text);
    QApplication::sendEvent(target, &press);
    QKeyEvent release(QEvent::KeyRelease, key, Qt::NoModifier, text);
    QApplication::sendEvent(target, &release);
}

// A scanner's burst into the focused widget, without its Enter.
void burst(QWidget *target, const QString &code)
{
    for (QChar c : code)
        sendKey(target, c.isDigit() ? Qt::Key_0 + c.digitValue() : c.toUpper().unicode(), c);
}

void scanToPosted(int scans)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("scan.db"));
    if (!QFile::copy(demoPath, path))
        Bench::die(QStringLiteral("cannot copy the demo database"));
    auto db = need(Database::open(path, key), "open the copy");
    SystemClock clock;
    const Actor actor = need(UserService(*db, clock)
                                 .authenticate(QString::fromLatin1(DemoData::clerkName),
                                               QString::fromLatin1(DemoData::password)),
                             "sign in");
    Workstation workstation(*db, clock, actor);
    Views::MainWindow &window = workstation.window();
    window.show();
    window.tabs()->setCurrentWidget(window.scanPanel());
    QLineEdit *bar = window.scanPanel()->scanBar();
    bar->setFocus();
    QApplication::processEvents();

    // A bin and a product of the demo, by their labels.
    const QString bin = QStringLiteral("SEL-A-01");
    const QString product
        = need(Catalog(*db).productBySku(QStringLiteral("SKU-00001")), "SKU").barcodes.value(0).code;
    burst(bar, bin);
    sendKey(bar, Qt::Key_Return, QStringLiteral("\r"));
    if (!window.scanPanel()->lastScanCounted())
        Bench::die(QStringLiteral("the bin scan failed: %1").arg(window.scanPanel()->message()));

    std::vector<double> scanMs;
    std::vector<double> postMs;
    std::vector<double> bothMs;
    QElapsedTimer timer;
    for (int i = 0; i < scans; ++i) {
        burst(bar, product);
        timer.start();
        sendKey(bar, Qt::Key_Return, QStringLiteral("\r")); // the burst's Enter: a scan
        const double scanned = double(timer.nsecsElapsed()) / 1e6;
        if (!window.scanPanel()->lastScanCounted())
            Bench::die(
                QStringLiteral("scan %1 failed: %2").arg(i).arg(window.scanPanel()->message()));
        timer.start();
        sendKey(bar, Qt::Key_Return, QStringLiteral("\r")); // Enter on its own: post
        const double posted = double(timer.nsecsElapsed()) / 1e6;
        if (!window.scanPanel()->lastScanCounted())
            Bench::die(
                QStringLiteral("post %1 failed: %2").arg(i).arg(window.scanPanel()->message()));
        QApplication::processEvents(); // repaint, as the clerk would see it
        scanMs.push_back(scanned);
        postMs.push_back(posted);
        bothMs.push_back(scanned + posted);
    }
    std::printf("\nScan to posted, %d scans on the demo (clerk, scan tab, encrypted file):\n",
                scans);
    std::printf("  %-28s %8s %8s %8s\n", "", "p50 ms", "p99 ms", "max ms");
    const auto row = [](const char *what, const std::vector<double> &ms) {
        std::printf("  %-28s %8.2f %8.2f %8.2f\n",
                    what,
                    Bench::percentile(ms, 50),
                    Bench::percentile(ms, 99),
                    Bench::percentile(ms, 100));
    };
    row("scan (burst Enter -> line)", scanMs);
    row("post (Enter -> committed)", postMs);
    row("scan + post", bothMs);
    std::printf("  target: under 50 ms\n");
}

void coldStarts(const QString &self, int runs)
{
    std::printf("Cold start to the first painted stock grid, %d runs (each a new process):\n", runs);
    std::printf("  %-4s %10s %10s %12s %14s %10s\n",
                "run",
                "open ms",
                "window ms",
                "main->paint",
                "exec->paint ms",
                "login ms");
    std::vector<double> totals;
    for (int run = 1; run <= runs; ++run) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("STOCKROOM_BENCH_STARTED"),
                           QString::number(QDateTime::currentMSecsSinceEpoch()));
        child.setProcessEnvironment(environment);
        child.start(self, {QStringLiteral("--start-once")});
        if (!child.waitForFinished(60000) || child.exitCode() != 0)
            Bench::die(QStringLiteral("a start failed"));
        const QString line = QString::fromUtf8(child.readAllStandardOutput()).trimmed();
        QHash<QString, QString> values;
        for (const QString &pair : line.split(QLatin1Char(' ')).mid(1))
            values.insert(pair.section(QLatin1Char('='), 0, 0), pair.section(QLatin1Char('='), 1));
        std::printf("  %-4d %10s %10s %12s %14s %10s\n",
                    run,
                    qPrintable(values.value(QStringLiteral("open"))),
                    qPrintable(values.value(QStringLiteral("window"))),
                    qPrintable(values.value(QStringLiteral("painted"))),
                    qPrintable(values.value(QStringLiteral("exec"))),
                    qPrintable(values.value(QStringLiteral("login"))));
        totals.push_back(values.value(QStringLiteral("exec")).toDouble());
    }
    std::printf("  process start to the first painted grid: median %.0f ms, max %.0f ms "
                "(target: under 1,500 ms; signing in excluded)\n",
                Bench::percentile(totals, 50),
                Bench::percentile(totals, 100));
}

} // namespace

int main(int argc, char **argv)
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // The offscreen platform's notices are not figures.
    qputenv("QT_LOGGING_RULES", "qt.qpa.*=false");
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &text) {
        if (type != QtDebugMsg && !text.contains(QLatin1String("propagateSizeHints"))
            && !text.contains(QLatin1String("runtime directory")))
            std::fprintf(stderr, "%s\n", qPrintable(text));
    });
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.contains(QStringLiteral("--start-once")))
        return startOnce(app, sinceMain);
    makeDemo();
    std::printf("app_bench: Stockroom %s\n", STOCKROOM_VERSION);
    coldStarts(QApplication::applicationFilePath(), 7);
    scanToPosted(300);
    return 0;
}
