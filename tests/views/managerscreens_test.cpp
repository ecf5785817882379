// The managers' screens: the dashboard, alerts, and the period report with its exports.
// On real widgets (offscreen), over a real database (WindowFixture).

#include "windowfixture.h"

#include "tests/support/pdfpages.h"

namespace Stockroom::Views {
namespace {

using ManagerScreensTest = WindowFixture;

TEST_F(ManagerScreensTest, TheDashboardDrawsTheLedgerAndFollowsItLive)
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

TEST_F(ManagerScreensTest, NewAlertsRaiseTheBadgeAndAManagerAcknowledgesThem)
{
    AlertsView *view = window->alertsView();
    ASSERT_NE(view, nullptr);
    const int tab = window->tabs()->indexOf(view);
    EXPECT_EQ(window->tabs()->tabText(tab), QStringLiteral("Alerts"));
    ASSERT_TRUE(masterData->setThreshold(manager, {widget.id, warehouse.id, 0, 20, {}, {}}));
    alerts->refresh();
    EXPECT_EQ(window->tabs()->tabText(tab), QStringLiteral("Alerts (1)"));
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
    EXPECT_EQ(window->tabs()->tabText(tab), QStringLiteral("Alerts"));
    auto *waiting = view->findChild<QCheckBox *>();
    ASSERT_NE(waiting, nullptr);
    waiting->setChecked(true);
    EXPECT_EQ(view->table()->model()->rowCount(), 0);
}

TEST_F(ManagerScreensTest, AClerkSeesAlertsButNoDashboardAndCannotAcknowledge)
{
    ASSERT_TRUE(masterData->setThreshold(manager, {widget.id, warehouse.id, 0, 20, {}, {}}));
    alerts->refresh();
    auto clerkWindow = windowFor(clerk);
    EXPECT_EQ(clerkWindow->dashboardView(), nullptr);
    AlertsView *view = clerkWindow->alertsView();
    const int tab = clerkWindow->tabs()->indexOf(view);
    EXPECT_EQ(clerkWindow->tabs()->tabText(tab), QStringLiteral("Alerts (1)"));
    auto *button = view->findChild<QPushButton *>();
    ASSERT_NE(button, nullptr);
    EXPECT_FALSE(button->isEnabled());
    // Even if the button were reached, the command refuses.
    view->table()->selectRow(0);
    view->acknowledgeSelected();
    EXPECT_EQ(alerts->unacknowledgedCount(), 1);
    EXPECT_THAT(view->message().toStdString(), testing::HasSubstr("may not acknowledge alerts"));
}

TEST_F(ManagerScreensTest, AManagerRunsThePeriodReportAndExportsItAsCsvAndPdf)
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
    EXPECT_EQ(Stockroom::Test::pdfPages(pdf), 1); // the chart and one product
}

TEST_F(ManagerScreensTest, ACancelledPdfLeavesNoFileAndAnOlderOneUntouched)
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
    ReportDocument document(*report, QStringLiteral("All warehouses"), clock.now());
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

} // namespace
} // namespace Stockroom::Views
