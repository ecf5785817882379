// The workstation's window and sign-in on real widgets (offscreen), over a real database.

#include "tests/support/stockfixture.h"

#include "model/alertmodel.h"
#include "model/conflictmodel.h"
#include "model/conflictservice.h"
#include "model/csvimporter.h"
#include "model/dashboardmodel.h"
#include "model/movementmodel.h"
#include "model/periodreportmodel.h"
#include "model/productmodel.h"
#include "model/scansession.h"
#include "model/setup.h"
#include "model/stockmodel.h"
#include "model/stocktake.h"
#include "views/alertsview.h"
#include "views/conflictdialog.h"
#include "views/conflictinbox.h"
#include "views/dashboardview.h"
#include "views/historyview.h"
#include "views/keydialog.h"
#include "views/locationsview.h"
#include "views/logindialog.h"
#include "views/mainwindow.h"
#include "views/newdatabasedialog.h"
#include "views/productsview.h"
#include "views/reportdocument.h"
#include "views/reportview.h"
#include "views/scanpanel.h"
#include "views/settingsdialog.h"
#include "views/stocktakeview.h"
#include "views/stockview.h"
#include "views/usersview.h"

#include <QAbstractItemModelTester>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>

namespace Stockroom::Views {
namespace {

class MainWindowTest : public Test::StockFixture
{
protected:
    void SetUp() override
    {
        StockFixture::SetUp();
        post(ReceiveStock{widget.id, binA.id, {}, {}, 12, {}, {}});
        post(ReceiveStock{widget.id, binB.id, {}, {}, 3, {}, {}});
        stock = std::make_unique<StockModel>(*db, *ledger, [] { return QDate(2026, 11, 24); });
        tester = std::make_unique<QAbstractItemModelTester>(
            stock.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        history = std::make_unique<MovementModel>(*db, *ledger);
        conflicts = std::make_unique<ConflictModel>(*db);
        decisions = std::make_unique<ConflictService>(*db);
        scanning = std::make_unique<ScanSession>(*db, *catalog, *movements);
        dashboard = std::make_unique<DashboardModel>(*db, *ledger, [this] {
            return clock.now().date();
        });
        acknowledgments = std::make_unique<AlertService>(*db, clock);
        report = std::make_unique<PeriodReportModel>(*db);
        products = std::make_unique<ProductModel>(*db, *masterData);
        stocktake = std::make_unique<Stocktake>(*db, *catalog, *movements);
        importer = std::make_unique<CsvImporter>(*db, *masterData, *movements);
        alerts = std::make_unique<AlertModel>(*db, *ledger, *masterData, *acknowledgments, [this] {
            return clock.now().date();
        });
        window = windowFor(manager);
        window->show();
        window->tabs()->setCurrentWidget(window->stockView());
    }
    std::unique_ptr<MainWindow> windowFor(const Actor &actor)
    {
        return std::make_unique<MainWindow>(actor,
                                            MainWindow::Parts{*catalog,
                                                              *stock,
                                                              *history,
                                                              *movements,
                                                              *conflicts,
                                                              *decisions,
                                                              *scanning,
                                                              *dashboard,
                                                              *alerts,
                                                              *acknowledgments,
                                                              *report,
                                                              *masterData,
                                                              *products,
                                                              *stocktake,
                                                              *importer,
                                                              *users,
                                                              nullptr});
    }
    void TearDown() override
    {
        window.reset();
        importer.reset();
        stocktake.reset();
        products.reset();
        report.reset();
        alerts.reset();
        acknowledgments.reset();
        dashboard.reset();
        scanning.reset();
        decisions.reset();
        conflicts.reset();
        history.reset();
        tester.reset();
        stock.reset();
        StockFixture::TearDown();
    }

    int rows() const { return window->stockView()->table()->model()->rowCount(); }

    std::unique_ptr<StockModel> stock;
    std::unique_ptr<QAbstractItemModelTester> tester;
    std::unique_ptr<MovementModel> history;
    std::unique_ptr<ConflictModel> conflicts;
    std::unique_ptr<ConflictService> decisions;
    std::unique_ptr<ScanSession> scanning;
    std::unique_ptr<DashboardModel> dashboard;
    std::unique_ptr<AlertService> acknowledgments;
    std::unique_ptr<AlertModel> alerts;
    std::unique_ptr<PeriodReportModel> report;
    std::unique_ptr<ProductModel> products;
    std::unique_ptr<Stocktake> stocktake;
    std::unique_ptr<CsvImporter> importer;
    std::unique_ptr<MainWindow> window;
};

TEST_F(MainWindowTest, TheGridShowsStockAndFiltersAsYouType)
{
    EXPECT_EQ(rows(), 2);
    auto *filter = window->stockView()->findChild<QLineEdit *>();
    ASSERT_NE(filter, nullptr);
    QTest::keyClicks(filter, QStringLiteral("M-200"));
    QTRY_COMPARE(rows(), 0);
    filter->clear();
    QTRY_COMPARE(rows(), 2);
}

TEST_F(MainWindowTest, TheGridFiltersByWarehouseAndLocationAndExportsWhatItShows)
{
    auto other = masterData->createLocation(manager,
                                            {0,
                                             LocationKind::Warehouse,
                                             QStringLiteral("WH2"),
                                             QStringLiteral("Second"),
                                             {}});
    ASSERT_TRUE(other) << other.error();
    post(ReceiveStock{widget.id, other->id, {}, {}, 4, {}, {}});
    auto view = std::make_unique<StockView>(*stock, *catalog);
    view->warehouse()->addItem(QStringLiteral("WH2"), other->id); // made after the view
    EXPECT_EQ(stock->rowCount(), 3);
    view->warehouse()->setCurrentIndex(view->warehouse()->findData(warehouse.id));
    EXPECT_EQ(stock->rowCount(), 2);
    view->location()->setText(QStringLiteral("LOC-A-02"));
    QTest::keyClick(view->location(), Qt::Key_Return);
    ASSERT_EQ(stock->rowCount(), 1);
    EXPECT_EQ(stock->index(0, int(StockColumn::Location)).data().toString(), QStringLiteral("A-02"));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("stock.csv"));
    ASSERT_TRUE(view->exportCsv(path)) << view->message().toStdString();
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"));
    ASSERT_EQ(lines.size(), 3);
    EXPECT_EQ(lines.at(0),
              QStringLiteral("Product,SKU,Location,Lot,Expiry,Quantity,Unit,Min,Max,Status"));
    EXPECT_EQ(lines.at(1), QStringLiteral("Widget,W-100,A-02,,,3,EA,,,")); // status as shown: none
    EXPECT_EQ(view->message(), QStringLiteral("1 row(s) written to %1.").arg(path));

    // A folder that does not exist: said plainly, nothing written.
    EXPECT_FALSE(view->exportCsv(dir.filePath(QStringLiteral("missing/stock.csv"))));
    EXPECT_THAT(view->message().toStdString(), testing::HasSubstr("could not be written"));
}

TEST_F(MainWindowTest, AScannedProductShowsItsStockAndName)
{
    window->handleScan(QStringLiteral("4006381333931\r"));
    EXPECT_EQ(rows(), 2);
    EXPECT_TRUE(window->scanMessage().contains(QStringLiteral("Widget")));
    EXPECT_TRUE(window->scanMessage().contains(QStringLiteral("W-100")));
}

TEST_F(MainWindowTest, AnUnknownBarcodeIsSaidPlainly)
{
    window->handleScan(QStringLiteral("5901234123457"));
    EXPECT_EQ(window->scanMessage(), QStringLiteral("Unknown barcode 5901234123457"));
    window->handleScan(QStringLiteral("LOC-A-01"));
    EXPECT_TRUE(window->scanMessage().startsWith(QStringLiteral("Location A-01")));
}

TEST_F(MainWindowTest, AManagerAcknowledgesARefusalInTheConflictInbox)
{
    QSqlQuery insert(db->connection());
    ASSERT_TRUE(insert.exec(QStringLiteral(
        "INSERT INTO conflicts (uuid, type, entity, entity_key, detail, mine, created_at) "
        "VALUES ('c-1', 'rejected', 'movement', 'mv-1', 'Only 2 in stock; 5 cannot be taken.', "
        "'insufficient-stock: issue', 1)")));
    auto *inbox = window->findChild<ConflictInbox *>();
    ASSERT_NE(inbox, nullptr);
    ASSERT_TRUE(conflicts->reload()); // as the app does when a sync brings entries
    EXPECT_EQ(window->tabs()->tabText(window->tabs()->indexOf(inbox)),
              QStringLiteral("&Conflicts (1)"));

    inbox->table()->selectRow(0);
    inbox->decide(ConflictChoice::Theirs);
    EXPECT_EQ(window->tabs()->tabText(window->tabs()->indexOf(inbox)), QStringLiteral("&Conflicts"));
    EXPECT_EQ(conflicts->rowCount(), 0);
}

TEST_F(MainWindowTest, AClerkSeesTheInboxButDoesNotDecide)
{
    ConflictInbox inbox(clerk, *conflicts, *decisions);
    EXPECT_EQ(inbox.message(), QStringLiteral("A manager decides these."));
    const QList<QPushButton *> buttons = inbox.findChildren<QPushButton *>();
    ASSERT_EQ(buttons.size(), 2);
    for (QPushButton *button : buttons)
        EXPECT_FALSE(button->isEnabled());
}

TEST_F(MainWindowTest, AClerkReceivesByScanningAndPostsWithEnter)
{
    window->tabs()->setCurrentWidget(window->scanPanel());
    ScanPanel *panel = window->scanPanel();
    QLineEdit *bar = panel->scanBar();
    bar->setFocus();
    QTest::keyClick(bar, Qt::Key_F2);
    // Typed into the scan bar by hand, as a clerk does with a damaged label.
    QTest::keyClicks(bar, QStringLiteral("LOC-A-03"));
    QTest::keyClick(bar, Qt::Key_Return);
    EXPECT_EQ(panel->message(), QStringLiteral("At A-03"));
    // From the scanner, through the application's filter.
    window->handleScan(QStringLiteral("4006381333931"));
    window->handleScan(QStringLiteral("4006381333931"));
    EXPECT_EQ(panel->message(), QStringLiteral("Widget × 2"));
    window->handleScan(QStringLiteral("5901234123457"));
    EXPECT_FALSE(panel->lastScanCounted());
    EXPECT_EQ(panel->message(), QStringLiteral("Unknown barcode 5901234123457"));
    QTest::keyClick(bar, Qt::Key_Return); // Enter on its own posts
    EXPECT_TRUE(panel->lastScanCounted()) << panel->message().toStdString();
    EXPECT_EQ(quantity(widget.id, binC.id), 2);
}

TEST_F(MainWindowTest, EscTakesBackTheLastScan)
{
    window->tabs()->setCurrentWidget(window->scanPanel());
    ScanPanel *panel = window->scanPanel();
    panel->scanBar()->setFocus();
    window->handleScan(QStringLiteral("LOC-A-03"));
    window->handleScan(QStringLiteral("4006381333931"));
    QTest::keyClick(panel->scanBar(), Qt::Key_Escape);
    EXPECT_EQ(panel->message(), QStringLiteral("Last scan taken back."));
    QTest::keyClick(panel->scanBar(), Qt::Key_Return);
    EXPECT_FALSE(panel->lastScanCounted()); // nothing left to post
    EXPECT_EQ(panel->message(), QStringLiteral("Nothing scanned to post."));
    EXPECT_EQ(quantity(widget.id, binC.id), 0);
}

TEST_F(MainWindowTest, FunctionKeysChooseTheMode)
{
    window->tabs()->setCurrentWidget(window->scanPanel());
    ScanPanel *panel = window->scanPanel();
    QTest::keyClick(panel->scanBar(), Qt::Key_F4);
    EXPECT_EQ(scanning->mode(), ScanMode::Transfer);
    EXPECT_EQ(panel->message(), QStringLiteral("Scan where the goods come from."));
    QTest::keyClick(panel->scanBar(), Qt::Key_F5);
    EXPECT_EQ(scanning->mode(), ScanMode::Count);
}

TEST_F(MainWindowTest, HistoryShowsMovementsNewestFirstAndFiltersByType)
{
    auto *view = window->findChild<HistoryView *>();
    ASSERT_NE(view, nullptr);
    view->period()->setCurrentIndex(view->period()->findData(-1)); // all time
    EXPECT_EQ(history->rowCount(), 2);
    post(IssueStock{widget.id, binA.id, {}, 4, {}, {}});
    EXPECT_EQ(history->rowCount(), 3);
    EXPECT_EQ(history->index(0, MovementModel::Quantity).data(MovementModel::DeltaRole).toLongLong(),
              -4);
    view->type()->setCurrentIndex(view->type()->findData(int(MovementType::Issue)));
    EXPECT_EQ(history->rowCount(), 1);
}

TEST_F(MainWindowTest, HistoryFiltersByProductLocationAndUser)
{
    auto *view = window->findChild<HistoryView *>();
    view->period()->setCurrentIndex(view->period()->findData(-1));
    post(manager, AdjustStock{widget.id, binB.id, {}, -1, QStringLiteral("damaged"), {}});
    post(ReceiveStock{medicine.id, binA.id, QStringLiteral("L1"), QDate(2027, 1, 1), 5, {}, {}});
    EXPECT_EQ(history->rowCount(), 4);
    view->user()->setCurrentIndex(view->user()->findData(manager.userId));
    EXPECT_EQ(history->rowCount(), 1);
    view->user()->setCurrentIndex(0);
    view->location()->setText(QStringLiteral("LOC-A-02"));
    QTest::keyClick(view->location(), Qt::Key_Return);
    EXPECT_EQ(history->rowCount(), 2); // the receipt of 3 and the adjustment
    view->location()->clear();
    // A scan on the history tab narrows it to that product.
    window->tabs()->setCurrentWidget(view);
    window->handleScan(QStringLiteral("4006381333931"));
    EXPECT_EQ(view->product()->text(), QStringLiteral("W-100"));
    EXPECT_EQ(history->rowCount(), 3);
    view->product()->setText(QStringLiteral("NO-SUCH"));
    QTest::keyClick(view->product(), Qt::Key_Return);
    EXPECT_EQ(history->rowCount(), 0);
    EXPECT_EQ(view->message(), QStringLiteral("Unknown barcode or SKU NO-SUCH"));
}

TEST_F(MainWindowTest, AManagerReversesAMovementFromTheHistory)
{
    auto *view = window->findChild<HistoryView *>();
    ASSERT_NE(view, nullptr);
    view->period()->setCurrentIndex(view->period()->findData(-1));
    view->table()->selectRow(0); // the newest: 3 into A-02
    view->reverseSelected(QStringLiteral("wrong bin"));
    EXPECT_EQ(view->message(), QStringLiteral("Reversed: a compensating movement was recorded."));
    EXPECT_EQ(quantity(widget.id, binB.id), 0);
    view->table()->selectRow(1); // the same movement, now one row down
    view->reverseSelected(QStringLiteral("again"));
    EXPECT_THAT(view->message().toStdString(), testing::HasSubstr("reversed already"));
}

TEST_F(MainWindowTest, TheDashboardDrawsTheLedgerAndFollowsItLive)
{
    DashboardView *view = window->dashboardView();
    ASSERT_NE(view, nullptr);
    window->tabs()->setCurrentWidget(view);
    // Scanning a product on the dashboard narrows it to that product.
    window->handleScan(QStringLiteral("4006381333931"));
    EXPECT_EQ(dashboard->scope().productId, widget.id);
    const auto lastLevel = [view] {
        auto *line = qobject_cast<QLineSeries *>(view->levelChart()->series().value(0));
        return line && line->count() > 0 ? line->at(line->count() - 1).y() : -1.0;
    };
    EXPECT_EQ(lastLevel(), 15.0);
    EXPECT_EQ(view->movementChart()->series().size(), 1);
    EXPECT_EQ(view->moverChart()->series().size(), 1);

    QSignalSpy changed(dashboard.get(), &DashboardModel::changed);
    post(IssueStock{widget.id, binA.id, {}, 5, {}, {}});
    ASSERT_TRUE(changed.wait(5000));
    EXPECT_EQ(lastLevel(), 10.0);
}

TEST_F(MainWindowTest, NewAlertsRaiseTheBadgeAndAManagerAcknowledgesThem)
{
    AlertsView *view = window->alertsView();
    ASSERT_NE(view, nullptr);
    const int tab = window->tabs()->indexOf(view);
    EXPECT_EQ(window->tabs()->tabText(tab), QStringLiteral("&Alerts"));
    ASSERT_TRUE(masterData->setThreshold(manager, {widget.id, warehouse.id, 0, 20, {}, {}}));
    alerts->refresh();
    EXPECT_EQ(window->tabs()->tabText(tab), QStringLiteral("&Alerts (1)"));
    EXPECT_EQ(window->lastNotification(), QStringLiteral("Below min: Widget (W-100)"));
    EXPECT_THAT(window->dashboardView()->belowMinLabel()->text().toStdString(),
                testing::HasSubstr(">1<"));

    // Narrowed to one kind, or to what still waits.
    auto *kind = view->findChild<QComboBox *>();
    ASSERT_NE(kind, nullptr);
    kind->setCurrentIndex(kind->findData(int(Alert::Kind::Expired)));
    EXPECT_EQ(view->table()->model()->rowCount(), 0);
    kind->setCurrentIndex(kind->findData(int(Alert::Kind::BelowMin)));
    EXPECT_EQ(view->table()->model()->rowCount(), 1);

    view->table()->selectRow(0);
    view->acknowledgeSelected();
    EXPECT_EQ(view->message(), QStringLiteral("1 alert(s) acknowledged."));
    EXPECT_EQ(window->tabs()->tabText(tab), QStringLiteral("&Alerts"));
    auto *waiting = view->findChild<QCheckBox *>();
    ASSERT_NE(waiting, nullptr);
    waiting->setChecked(true);
    EXPECT_EQ(view->table()->model()->rowCount(), 0);
}

TEST_F(MainWindowTest, AClerkSeesAlertsButNoDashboardAndCannotAcknowledge)
{
    ASSERT_TRUE(masterData->setThreshold(manager, {widget.id, warehouse.id, 0, 20, {}, {}}));
    alerts->refresh();
    auto clerkWindow = windowFor(clerk);
    EXPECT_EQ(clerkWindow->dashboardView(), nullptr);
    AlertsView *view = clerkWindow->alertsView();
    const int tab = clerkWindow->tabs()->indexOf(view);
    EXPECT_EQ(clerkWindow->tabs()->tabText(tab), QStringLiteral("&Alerts (1)"));
    auto *button = view->findChild<QPushButton *>();
    ASSERT_NE(button, nullptr);
    EXPECT_FALSE(button->isEnabled());
    // Even if the button were reached, the command refuses.
    view->table()->selectRow(0);
    view->acknowledgeSelected();
    EXPECT_EQ(alerts->unacknowledgedCount(), 1);
    EXPECT_THAT(view->message().toStdString(), testing::HasSubstr("may not acknowledge alerts"));
}

TEST_F(MainWindowTest, AManagerRunsThePeriodReportAndExportsItAsCsvAndPdf)
{
    ReportView *view = window->reportView();
    ASSERT_NE(view, nullptr);
    EXPECT_EQ(windowFor(clerk)->reportView(), nullptr);
    const QDate day = clock.now().date();
    view->from()->setDate(day);
    view->to()->setDate(day);
    view->run();
    EXPECT_EQ(view->message(), QStringLiteral("1 product(s) had stock or moved in the period."));
    ASSERT_EQ(view->table()->model()->rowCount(), 2); // the widget and the total
    EXPECT_EQ(report->totals().receipts, 15);
    EXPECT_EQ(view->chartView()->chart()->series().size(), 1);

    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("report.csv"));
    ASSERT_TRUE(view->exportCsv(csv));
    QFile csvFile(csv);
    ASSERT_TRUE(csvFile.open(QIODevice::ReadOnly));
    EXPECT_THAT(csvFile.readAll().toStdString(),
                testing::HasSubstr("W-100,Widget,EA,0,15,0,0,0,0,15"));

    const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
    ASSERT_TRUE(view->exportPdf(pdf));
    QFile pdfFile(pdf);
    ASSERT_TRUE(pdfFile.open(QIODevice::ReadOnly));
    const QByteArray bytes = pdfFile.readAll();
    EXPECT_TRUE(bytes.startsWith("%PDF-"));
    EXPECT_GE(bytes.count("/Type /Page\n") + bytes.count("/Type /Page\r"), 1);
}

TEST_F(MainWindowTest, ACancelledPdfLeavesNoFileAndAnOlderOneUntouched)
{
    for (int i = 0; i < 60; ++i) {
        auto product = masterData
                           ->createProduct(manager,
                                           {QStringLiteral("P-%1").arg(i, 3, 10, QLatin1Char('0')),
                                            QStringLiteral("Product %1").arg(i),
                                            {},
                                            QStringLiteral("EA"),
                                            false,
                                            {}});
        ASSERT_TRUE(product) << product.error();
        post(ReceiveStock{product->id, binA.id, {}, {}, i + 1, {}, {}});
    }
    const QDate day = clock.now().date();
    ASSERT_TRUE(report->load({}, {day, day}));
    ReportDocument document(*report, QStringLiteral("All warehouses"));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.pdf"));
    int seen = 0;
    auto cancelled = document.writePdf(path, [&seen](int done, int total) {
        seen = total;
        return done < 10;
    });
    ASSERT_FALSE(cancelled);
    EXPECT_EQ(cancelled.error().code, ErrorCode::Cancelled);
    EXPECT_EQ(seen, 62);
    EXPECT_FALSE(QFile::exists(path));

    ASSERT_TRUE(document.writePdf(path));
    const qint64 size = QFileInfo(path).size();
    EXPECT_GT(size, 1000);
    ASSERT_FALSE(document.writePdf(path, [](int, int) { return false; }));
    EXPECT_EQ(QFileInfo(path).size(), size); // the earlier report is still whole
}

TEST_F(MainWindowTest, AManagerEditsAProductAndUndoesAndRedoesIt)
{
    ProductsView *view = window->productsView();
    ASSERT_NE(view, nullptr);
    EXPECT_EQ(windowFor(clerk)->productsView(), nullptr);
    view->open(widget.id);
    EXPECT_EQ(view->nameField()->text(), QStringLiteral("Widget"));
    view->nameField()->setText(QStringLiteral("Widget, blue"));
    view->unitField()->setText(QStringLiteral("BOX"));
    ASSERT_TRUE(view->save()) << view->message().toStdString();
    EXPECT_EQ(catalog->product(widget.id)->name, QStringLiteral("Widget, blue"));

    // Validation is the model's: an empty name is refused and nothing is written.
    view->nameField()->setText(QStringLiteral("  "));
    EXPECT_FALSE(view->save());
    EXPECT_FALSE(view->message().isEmpty());
    EXPECT_EQ(catalog->product(widget.id)->name, QStringLiteral("Widget, blue"));

    view->undoStack()->undo();
    EXPECT_EQ(catalog->product(widget.id)->name, QStringLiteral("Widget"));
    EXPECT_EQ(catalog->product(widget.id)->unit, QStringLiteral("EA"));
    EXPECT_EQ(view->nameField()->text(), QStringLiteral("Widget")); // the form follows
    view->undoStack()->redo();
    EXPECT_EQ(catalog->product(widget.id)->name, QStringLiteral("Widget, blue"));
    // Each step was an audited edit, never a rewrite.
    EXPECT_GE(AuditLog(*db).history(QStringLiteral("product"), widget.id)->size(), 6);
}

TEST_F(MainWindowTest, AStaleEditOpensTheConflictDialogWithBothSides)
{
    ProductsView *view = window->productsView();
    view->open(widget.id);
    // Someone else renames it after the form was opened.
    const Product now = *catalog->product(widget.id);
    ASSERT_TRUE(
        masterData->editProduct(manager,
                                {widget.id, now.version, QStringLiteral("Gadget"), {}, {}, {}}));
    view->nameField()->setText(QStringLiteral("Widget, red"));

    // The real dialog: read it, then keep mine.
    QStringList seen;
    QTimer::singleShot(0, window.get(), [&seen] {
        auto *dialog = qobject_cast<ConflictDialog *>(QApplication::activeModalWidget());
        ASSERT_NE(dialog, nullptr);
        for (int row = 0; row < dialog->table()->rowCount(); ++row) {
            for (int column = 0; column < 3; ++column)
                seen.append(dialog->table()->item(row, column)->text());
        }
        dialog->choose(ConflictDialog::KeepMine);
    });
    ASSERT_TRUE(view->save()) << view->message().toStdString();
    EXPECT_TRUE(seen.contains(QStringLiteral("Widget, red")));
    EXPECT_TRUE(seen.contains(QStringLiteral("Gadget")));
    EXPECT_EQ(catalog->product(widget.id)->name, QStringLiteral("Widget, red"));

    // Again, and this time take theirs: nothing of mine is written.
    ASSERT_TRUE(masterData->editProduct(
        manager,
        {widget.id, catalog->product(widget.id)->version, QStringLiteral("Gizmo"), {}, {}, {}}));
    view->nameField()->setText(QStringLiteral("Widget, green"));
    view->setAskConflict([](const Error &) { return int(ConflictDialog::TakeTheirs); });
    EXPECT_FALSE(view->save());
    EXPECT_EQ(catalog->product(widget.id)->name, QStringLiteral("Gizmo"));
    EXPECT_EQ(view->nameField()->text(), QStringLiteral("Gizmo"));
}

TEST_F(MainWindowTest, ThresholdsAreValidatedSavedAndUndone)
{
    ProductsView *view = window->productsView();
    view->open(widget.id);
    EXPECT_EQ(view->minField()->value(), -1); // none yet
    view->minField()->setValue(50);
    view->maxField()->setValue(10);
    EXPECT_FALSE(view->saveThresholds());
    EXPECT_EQ(view->message(), QStringLiteral("The minimum cannot be above the maximum."));
    view->maxField()->setValue(500);
    ASSERT_TRUE(view->saveThresholds()) << view->message().toStdString();
    EXPECT_EQ(catalog->threshold(widget.id, 0)->value().minQty, 50);
    alerts->refresh();
    EXPECT_EQ(alerts->rowCount(), 1); // 15 on hand, below 50

    view->undoStack()->undo();
    auto undone = catalog->threshold(widget.id, 0);
    ASSERT_TRUE(undone);
    EXPECT_FALSE(undone->has_value() && (*undone)->minQty.has_value());
    EXPECT_EQ(view->minField()->value(), -1);
}

TEST_F(MainWindowTest, AManagerLinksAnUnknownBarcodeOnTheSpotAndTheScanCounts)
{
    window->tabs()->setCurrentWidget(window->scanPanel());
    ScanPanel *panel = window->scanPanel();
    window->handleScan(QStringLiteral("LOC-A-03"));
    window->handleScan(QStringLiteral("5901234123457"));
    EXPECT_EQ(panel->unknownCode(), QStringLiteral("5901234123457"));
    panel->linkUnknown(QStringLiteral("NO-SUCH-SKU"));
    EXPECT_FALSE(panel->lastScanCounted());
    panel->linkUnknown(QStringLiteral("W-100"));
    EXPECT_TRUE(panel->lastScanCounted()) << panel->message().toStdString();
    EXPECT_EQ(panel->message(), QStringLiteral("Widget × 1"));
    EXPECT_EQ(catalog->findProduct(QStringLiteral("5901234123457"))->id, widget.id);

    // A clerk is told the code is unknown, and is offered nothing to link.
    auto clerkWindow = windowFor(clerk);
    clerkWindow->tabs()->setCurrentWidget(clerkWindow->scanPanel());
    clerkWindow->handleScan(QStringLiteral("LOC-A-03"));
    clerkWindow->handleScan(QStringLiteral("4012345000009"));
    EXPECT_TRUE(clerkWindow->scanPanel()->unknownCode().isEmpty());
}

TEST_F(MainWindowTest, AClerkCountsAZoneByScanningAndAManagerPostsTheDifference)
{
    auto clerkWindow = windowFor(clerk);
    StocktakeView *view = clerkWindow->stocktakeView();
    clerkWindow->tabs()->setCurrentWidget(view);
    clerkWindow->handleScan(QStringLiteral("LOC-A-01")); // names the place to count
    EXPECT_EQ(stocktake->scope()->code, QStringLiteral("A-01"));
    for (int i = 0; i < 11; ++i)
        clerkWindow->handleScan(QStringLiteral("4006381333931"));
    EXPECT_EQ(view->message(), QStringLiteral("Widget × 11 at A-01"));
    EXPECT_EQ(view->summary(), QStringLiteral("1 line(s), 1 differ"));
    view->reasonField()->setText(QStringLiteral("cycle count"));
    EXPECT_FALSE(view->post()); // a clerk cannot post
    EXPECT_EQ(quantity(widget.id, binA.id), 12);

    // The manager's window shows the same count; posting records the difference.
    StocktakeView *managerView = window->stocktakeView();
    managerView->reasonField()->setText(QStringLiteral("cycle count"));
    ASSERT_TRUE(managerView->post()) << managerView->message().toStdString();
    EXPECT_EQ(managerView->message(), QStringLiteral("1 adjustment(s) posted."));
    EXPECT_EQ(quantity(widget.id, binA.id), 11);
}

TEST_F(MainWindowTest, CtrlNumberAndCtrlTabSwitchTabsEvenFromATable)
{
    QApplication::setActiveWindow(window.get());
    ASSERT_TRUE(QTest::qWaitForWindowActive(window.get()));
    auto *history = window->findChild<HistoryView *>();
    window->tabs()->setCurrentWidget(history);
    history->table()->setFocus();
    QTest::keyClick(history->table(), Qt::Key_Tab, Qt::ControlModifier);
    EXPECT_EQ(window->tabs()->currentIndex(), window->tabs()->indexOf(history) + 1);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_1, Qt::ControlModifier);
    EXPECT_EQ(window->tabs()->currentWidget(), window->scanPanel());
    QTest::keyClick(QApplication::focusWidget(),
                    Qt::Key_Backtab,
                    Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_EQ(window->tabs()->currentIndex(), window->tabs()->count() - 1);
}

TEST_F(MainWindowTest, SettingsRefuseAnUnknownLocationAndApplyWhatTheyChange)
{
    QSignalSpy changed(window.get(), &MainWindow::preferencesChanged);
    QString refusal;
    QTimer::singleShot(0, window.get(), [&refusal] {
        auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
        ASSERT_NE(dialog, nullptr);
        dialog->locationField()->setText(QStringLiteral("NO-SUCH-BIN"));
        dialog->accept(); // refused: the dialog stays
        refusal = dialog->problem();
        dialog->locationField()->setText(QStringLiteral("LOC-A-02"));
        dialog->gapField()->setValue(45);
        dialog->languageField()->setCurrentIndex(
            dialog->languageField()->findData(QStringLiteral("ko")));
        dialog->accept();
    });
    window->editSettings();
    EXPECT_EQ(refusal, QStringLiteral("Unknown location NO-SUCH-BIN"));
    ASSERT_EQ(changed.size(), 1);
    const auto preferences = changed.first().first().value<Preferences>();
    EXPECT_EQ(preferences.scanGapMs, 45);
    EXPECT_EQ(preferences.language, QStringLiteral("ko"));
    // The scan tab starts at the chosen location.
    EXPECT_EQ(scanning->location()->code, QStringLiteral("A-02"));

    Preferences narrower = window->preferences();
    narrower.warehouseId = warehouse.id;
    window->setPreferences(narrower);
    EXPECT_EQ(window->stockView()->warehouse()->currentData().toLongLong(), warehouse.id);
}

TEST_F(MainWindowTest, TheKeyIsAskedNeverShownAndRememberedOnlyWhenAsked)
{
    KeyDialog ask(QStringLiteral("/data/stock.db"), QStringLiteral("Wrong key. Try again."));
    ask.show();
    QPushButton *open = ask.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Open);
    EXPECT_FALSE(open->isEnabled()); // nothing typed yet
    EXPECT_EQ(ask.keyField()->echoMode(), QLineEdit::Password);
    EXPECT_FALSE(ask.remember());
    bool saidWhy = false;
    for (QLabel *label : ask.findChildren<QLabel *>())
        saidWhy = saidWhy || label->text() == QStringLiteral("Wrong key. Try again.");
    EXPECT_TRUE(saidWhy);
    QTest::keyClicks(ask.keyField(), QStringLiteral("s3cret"));
    EXPECT_TRUE(open->isEnabled());
    ask.rememberField()->setChecked(true);
    open->click();
    EXPECT_EQ(ask.result(), QDialog::Accepted);
    EXPECT_EQ(ask.key(), QStringLiteral("s3cret"));
    EXPECT_TRUE(ask.remember());
}

TEST_F(MainWindowTest, LocationLabelsCoverTheLocationAndEverythingUnderIt)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("zone.pdf"));
    ASSERT_TRUE(window->writeLocationLabels(QStringLiteral("WH1-A"), path));
    EXPECT_TRUE(QFile::exists(path));
    auto under = catalog->locationsUnder(zone.id);
    ASSERT_TRUE(under) << under.error();
    EXPECT_EQ(under->size(), 4); // the zone and its three bins
    auto unknown = window->writeLocationLabels(QStringLiteral("NOWHERE"), path);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().message, QStringLiteral("Unknown location NOWHERE"));
}

TEST_F(MainWindowTest, AManagerEditsTheLocationTreeWithUndoAndBothSidesOnAConflict)
{
    LocationsView *view = window->locationsView();
    ASSERT_NE(view, nullptr);
    EXPECT_EQ(windowFor(clerk)->locationsView(), nullptr);
    EXPECT_EQ(view->tree()->topLevelItemCount(), 1); // WH1, with its zone and bins inside
    view->open(binA.id);
    view->nameField()->setText(QStringLiteral("Aisle A, first bin"));
    ASSERT_TRUE(view->save()) << view->message().toStdString();
    EXPECT_EQ(catalog->location(binA.id)->name, QStringLiteral("Aisle A, first bin"));
    view->undoStack()->undo();
    EXPECT_EQ(catalog->location(binA.id)->name, QStringLiteral("A-01"));

    // Someone renames it meanwhile; taking theirs shows theirs and writes nothing of mine.
    const Location now = *catalog->location(binA.id);
    ASSERT_TRUE(
        masterData->editLocation(manager,
                                 {binA.id, now.version, QStringLiteral("Cold room"), {}, {}}));
    view->nameField()->setText(QStringLiteral("Mine"));
    view->setAskConflict([](const Error &) { return int(ConflictDialog::TakeTheirs); });
    auto taken = view->save();
    ASSERT_FALSE(taken);
    EXPECT_EQ(taken.error().code, ErrorCode::VersionConflict);
    EXPECT_EQ(view->nameField()->text(), QStringLiteral("Cold room"));

    // A bin goes inside a zone; nothing goes inside a bin.
    view->open(zone.id);
    ASSERT_TRUE(
        view->addChild(QStringLiteral("A-04"), QStringLiteral("A-04"), QStringLiteral("LOC-A-04")));
    EXPECT_EQ(catalog->findLocation(QStringLiteral("LOC-A-04"))->kind, LocationKind::Bin);
    view->open(binA.id);
    auto inBin = view->addChild(QStringLiteral("A-01-X"), QStringLiteral("x"), {});
    ASSERT_FALSE(inBin);
    EXPECT_EQ(view->message(), QStringLiteral("A bin cannot contain other locations."));
}

TEST_F(MainWindowTest, ImportingACsvIsAllOrNothingAndSaysWhereItFailed)
{
    QTemporaryDir dir;
    const QString good = dir.filePath(QStringLiteral("good.csv"));
    QFile out(good);
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write("sku,name,unit\r\nP-1,Pallet wrap,ROLL\r\nP-2,Box cutter,EA\r\n");
    out.close();
    auto imported = window->importCsv(int(CsvTable::Products), good);
    ASSERT_TRUE(imported) << imported.error();
    EXPECT_EQ(*imported, 2);
    EXPECT_EQ(catalog->productBySku(QStringLiteral("P-2"))->name, QStringLiteral("Box cutter"));

    const QString bad = dir.filePath(QStringLiteral("bad.csv"));
    QFile wrong(bad);
    ASSERT_TRUE(wrong.open(QIODevice::WriteOnly));
    wrong.write("sku,name,unit\r\nP-3,Tape,EA\r\nP-1,Again,EA\r\n");
    wrong.close();
    auto refused = window->importCsv(int(CsvTable::Products), bad);
    ASSERT_FALSE(refused);
    EXPECT_THAT(refused.error().message.toStdString(), testing::HasSubstr("Line 3"));
    EXPECT_FALSE(catalog->productBySku(QStringLiteral("P-3"))); // nothing of it was kept
    EXPECT_FALSE(
        window->importCsv(int(CsvTable::Products), dir.filePath(QStringLiteral("none.csv"))));
}

TEST_F(MainWindowTest, AFirstStartCreatesAnEncryptedDatabaseWithItsAdminOrNothing)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("new.db"));
    std::unique_ptr<Database> created;
    NewDatabaseDialog dialog(path, [&](const NewDatabaseAnswers &answers) -> Status {
        auto made = Setup::createDatabase({path,
                                           answers.key,
                                           QTimeZone::utc(),
                                           answers.adminName,
                                           answers.adminPassword},
                                          clock);
        if (!made)
            return std::unexpected(made.error());
        created = std::move(*made);
        return {};
    });
    dialog.keyField()->setText(QStringLiteral("k1"));
    dialog.keyAgainField()->setText(QStringLiteral("k2"));
    dialog.accept();
    EXPECT_EQ(dialog.problem(), QStringLiteral("The two keys differ."));
    dialog.keyAgainField()->setText(QStringLiteral("k1"));
    dialog.passwordField()->setText(QStringLiteral("short"));
    dialog.passwordAgainField()->setText(QStringLiteral("short"));
    dialog.accept();
    EXPECT_EQ(dialog.problem(), QStringLiteral("A password needs at least 8 characters."));
    EXPECT_FALSE(QFile::exists(path)) << "a failed creation leaves no file";
    dialog.passwordField()->setText(QStringLiteral("long enough"));
    dialog.passwordAgainField()->setText(QStringLiteral("long enough"));
    dialog.accept();
    EXPECT_EQ(dialog.result(), QDialog::Accepted) << dialog.problem().toStdString();
    ASSERT_NE(created, nullptr);
    EXPECT_TRUE(UserService(*created, clock)
                    .authenticate(QStringLiteral("admin"), QStringLiteral("long enough")));
    created.reset();
    EXPECT_FALSE(Database::open(path, QStringLiteral("k2"))); // encrypted under k1
    EXPECT_TRUE(Database::open(path, QStringLiteral("k1")));
}

TEST_F(MainWindowTest, AnAdminAddsAndDisablesUsersAndOnlyAnAdminSeesThem)
{
    EXPECT_EQ(window->usersView(), nullptr); // a manager
    auto adminWindow = windowFor(admin);
    UsersView *view = adminWindow->usersView();
    ASSERT_NE(view, nullptr);
    const int before = view->table()->rowCount();
    view->nameField()->setText(QStringLiteral("lee"));
    view->roleField()->setCurrentIndex(view->roleField()->findData(int(Role::Clerk)));
    view->passwordField()->setText(QStringLiteral("lee-password"));
    view->passwordAgainField()->setText(QStringLiteral("lee-pasword"));
    EXPECT_FALSE(view->addUser());
    EXPECT_EQ(view->message(), QStringLiteral("The two passwords differ."));
    view->passwordAgainField()->setText(QStringLiteral("lee-password"));
    ASSERT_TRUE(view->addUser()) << view->message().toStdString();
    EXPECT_EQ(view->table()->rowCount(), before + 1);
    EXPECT_TRUE(users->authenticate(QStringLiteral("lee"), QStringLiteral("lee-password")));

    for (int row = 0; row < view->table()->rowCount(); ++row) {
        if (view->table()->item(row, 0)->text() == QStringLiteral("lee"))
            view->table()->selectRow(row);
    }
    ASSERT_TRUE(view->toggleSelected()) << view->message().toStdString();
    EXPECT_EQ(view->message(), QStringLiteral("lee can no longer sign in."));
    EXPECT_FALSE(users->authenticate(QStringLiteral("lee"), QStringLiteral("lee-password")));
}

TEST_F(MainWindowTest, SignInRefusesAWrongPasswordAndAcceptsTheRightOne)
{
    LoginDialog login([this](const QString &name, const QString &password) {
        return users->authenticate(name, password);
    });
    login.show();
    login.userField()->setText(QStringLiteral("kim"));
    login.passwordField()->setText(QStringLiteral("wrong-password"));
    login.accept();
    EXPECT_FALSE(login.message().isEmpty());
    EXPECT_TRUE(login.isVisible());
    EXPECT_TRUE(login.passwordField()->text().isEmpty());

    login.passwordField()->setText(QStringLiteral("clerk-password"));
    login.accept();
    EXPECT_EQ(login.result(), QDialog::Accepted);
    EXPECT_EQ(login.actor().username, QStringLiteral("kim"));
}

} // namespace
} // namespace Stockroom::Views
