// The dashboard's and the period report's figures, worked from the daily totals.

#include "tests/support/stockfixture.h"

#include "model/itemmodels/dashboardmodel.h"
#include "model/itemmodels/periodreportmodel.h"
#include "model/services/analytics.h"

#include <QAbstractItemModelTester>
#include <QBuffer>

#include <QSignalSpy>

namespace Stockroom {
namespace {

class AnalyticsTest : public Stockroom::Test::StockFixture
{
protected:
    void SetUp() override
    {
        StockFixture::SetUp();
        analytics = std::make_unique<Analytics>(*db);
        other = *masterData->createLocation(manager,
                                            {0,
                                             LocationKind::Warehouse,
                                             QStringLiteral("WH2"),
                                             QStringLiteral("Second warehouse"),
                                             {}});
        day1 = clock.now().date();

        // Day 1: 10 widgets in. Day 2: 3 out. Day 3: 5 saline in, one widget written off.
        // Day 4: 2 widgets moved inside the warehouse, 1 to the other. Day 5: 100 in.
        post(ReceiveStock{widget.id, binA.id, {}, {}, 10, {}, {}});
        clock.advance(86400);
        post(IssueStock{widget.id, binA.id, {}, 3, {}, {}});
        clock.advance(86400);
        post(ReceiveStock{medicine.id, binB.id, QStringLiteral("L1"), day1.addDays(200), 5, {}, {}});
        post(manager, AdjustStock{widget.id, binA.id, {}, -1, QStringLiteral("damaged"), {}});
        clock.advance(86400);
        post(TransferStock{widget.id, binA.id, binB.id, {}, 2, {}, {}});
        post(TransferStock{widget.id, binB.id, other.id, {}, 1, {}, {}});
        clock.advance(86400);
        post(ReceiveStock{widget.id, binC.id, {}, {}, 100, {}, {}});
    }
    void TearDown() override
    {
        analytics.reset();
        StockFixture::TearDown();
    }
    Period days(int first, int last) const
    {
        return {day1.addDays(first - 1), day1.addDays(last - 1)};
    }
    const PeriodLine *lineFor(const QList<PeriodLine> &report, qint64 productId) const
    {
        for (const PeriodLine &line : report) {
            if (line.productId == productId)
                return &line;
        }
        return nullptr;
    }

    std::unique_ptr<Analytics> analytics;
    Location other;
    QDate day1;
};

TEST_F(AnalyticsTest, StockLevelsWorkBackFromTodayDayByDay)
{
    auto levels = analytics->stockLevels({warehouse.id, widget.id}, days(1, 5));
    ASSERT_TRUE(levels) << levels.error();
    QList<qint64> quantities;
    for (const DayLevel &level : *levels)
        quantities.append(level.quantity);
    EXPECT_EQ(quantities, (QList<qint64>{10, 7, 6, 5, 105}));
    EXPECT_EQ(levels->first().day, day1);
    EXPECT_EQ(levels->last().day, day1.addDays(4));

    // A period in the past ends where the ledger says it did, not at today's stock.
    auto past = analytics->stockLevels({warehouse.id, widget.id}, days(2, 3));
    ASSERT_TRUE(past) << past.error();
    ASSERT_EQ(past->size(), 2);
    EXPECT_EQ(past->at(0).quantity, 7);
    EXPECT_EQ(past->at(1).quantity, 6);

    // Over every warehouse the transfer to WH2 moves nothing; every product counts.
    auto all = analytics->stockLevels({}, days(3, 4));
    ASSERT_TRUE(all) << all.error();
    EXPECT_EQ(all->at(0).quantity, 6 + 5);
    EXPECT_EQ(all->at(1).quantity, 6 + 5);

    // Before anything was received there was nothing.
    auto before = analytics->stockLevels({}, {day1.addDays(-2), day1.addDays(-1)});
    ASSERT_TRUE(before) << before.error();
    EXPECT_EQ(before->at(0).quantity, 0);
    EXPECT_EQ(before->at(1).quantity, 0);
}

TEST_F(AnalyticsTest, MovementsPerDayCountLinesByTypeWithEmptyDaysKept)
{
    auto perDay = analytics->movementsPerDay({warehouse.id, 0}, days(0, 4));
    ASSERT_TRUE(perDay) << perDay.error();
    ASSERT_EQ(perDay->size(), 5);
    const auto lines = [&](int day, MovementType type) {
        return perDay->at(day).lines[size_t(type)];
    };
    EXPECT_EQ(perDay->at(0).total(), 0); // the day before: nothing, but still a day
    EXPECT_EQ(lines(1, MovementType::Receipt), 1);
    EXPECT_EQ(lines(2, MovementType::Issue), 1);
    EXPECT_EQ(lines(3, MovementType::Receipt), 1);
    EXPECT_EQ(lines(3, MovementType::Adjustment), 1);
    // Two lines inside the warehouse and the outgoing line to WH2.
    EXPECT_EQ(lines(4, MovementType::Transfer), 3);
    EXPECT_EQ(perDay->at(4).total(), 3);

    auto elsewhere = analytics->movementsPerDay({other.id, 0}, days(4, 4));
    ASSERT_TRUE(elsewhere) << elsewhere.error();
    EXPECT_EQ(elsewhere->at(0).lines[size_t(MovementType::Transfer)], 1);
}

TEST_F(AnalyticsTest, TopMoversRankByUnitsIssued)
{
    post(IssueStock{medicine.id, binB.id, QStringLiteral("L1"), 4, {}, {}});
    auto movers = analytics->topMovers({}, days(1, 5));
    ASSERT_TRUE(movers) << movers.error();
    ASSERT_EQ(movers->size(), 2);
    EXPECT_EQ(movers->at(0).productId, medicine.id);
    EXPECT_EQ(movers->at(0).unitsIssued, 4);
    EXPECT_EQ(movers->at(1).productId, widget.id);
    EXPECT_EQ(movers->at(1).unitsIssued, 3);
    EXPECT_EQ(movers->at(1).issueLines, 1);

    auto one = analytics->topMovers({}, days(1, 5), 1);
    ASSERT_TRUE(one) << one.error();
    EXPECT_EQ(one->size(), 1);
    auto none = analytics->topMovers({other.id, 0}, days(1, 5));
    ASSERT_TRUE(none) << none.error();
    EXPECT_TRUE(none->isEmpty());
}

TEST_F(AnalyticsTest, PeriodReportBalancesOpeningMovementsAndClosing)
{
    auto report = analytics->periodReport({warehouse.id, 0}, days(2, 4));
    ASSERT_TRUE(report) << report.error();
    ASSERT_EQ(report->size(), 2);
    EXPECT_EQ(report->at(0).sku, QStringLiteral("M-200")); // by SKU
    const PeriodLine *w = lineFor(*report, widget.id);
    ASSERT_NE(w, nullptr);
    EXPECT_EQ(w->opening, 10);
    EXPECT_EQ(w->receipts, 0);
    EXPECT_EQ(w->issues, 3);
    EXPECT_EQ(w->transfersIn, 2);
    EXPECT_EQ(w->transfersOut, 3);
    EXPECT_EQ(w->adjustments, -1);
    EXPECT_EQ(w->closing, 5);
    const PeriodLine *m = lineFor(*report, medicine.id);
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->opening, 0);
    EXPECT_EQ(m->receipts, 5);
    EXPECT_EQ(m->closing, 5);

    // Over both warehouses the widget that went to WH2 is still there.
    auto all = analytics->periodReport({}, days(2, 4));
    ASSERT_TRUE(all) << all.error();
    w = lineFor(*all, widget.id);
    ASSERT_NE(w, nullptr);
    EXPECT_EQ(w->transfersIn, 3);
    EXPECT_EQ(w->transfersOut, 3);
    EXPECT_EQ(w->closing, 6);

    // A product that neither had stock nor moved is left out.
    auto before = analytics->periodReport({}, {day1.addDays(-9), day1.addDays(-1)});
    ASSERT_TRUE(before) << before.error();
    EXPECT_TRUE(before->isEmpty());
}

TEST_F(AnalyticsTest, PeriodThatEndsBeforeItBeginsIsRefused)
{
    const Period backwards{day1, day1.addDays(-1)};
    auto report = analytics->periodReport({}, backwards);
    ASSERT_FALSE(report);
    EXPECT_EQ(report.error().code, ErrorCode::InvalidInput);
    EXPECT_FALSE(analytics->stockLevels({}, backwards));
    EXPECT_FALSE(analytics->movementsPerDay({}, backwards));
    EXPECT_FALSE(analytics->topMovers({}, backwards));
}

TEST_F(AnalyticsTest, DashboardFollowsTheLedgerLive)
{
    DashboardModel dashboard(*db, *ledger, [this] { return clock.now().date(); });
    dashboard.setScope({warehouse.id, widget.id});
    dashboard.setDays(3);
    EXPECT_EQ(dashboard.period(), days(3, 5));
    ASSERT_EQ(dashboard.levels().size(), 3);
    EXPECT_EQ(dashboard.levels().last().quantity, 105);
    EXPECT_EQ(dashboard.topMovers().size(), 0); // the issue was on day 2

    QSignalSpy changed(&dashboard, &DashboardModel::changed);
    // Nobody watching: a movement costs no reload, only a note that the figures are old.
    post(IssueStock{widget.id, binC.id, {}, 2, {}, {}});
    EXPECT_FALSE(changed.wait(600));
    EXPECT_EQ(dashboard.levels().last().quantity, 105);
    dashboard.setWatched(true); // shown: it catches up at once
    ASSERT_EQ(changed.size(), 1);
    EXPECT_EQ(dashboard.levels().last().quantity, 103);
    dashboard.setWatched(false);
    dashboard.setWatched(true); // nothing happened meanwhile: nothing to read again
    EXPECT_EQ(changed.size(), 1);

    // Watched, it follows the ledger.
    changed.clear();
    post(IssueStock{widget.id, binC.id, {}, 3, {}, {}});
    post(IssueStock{widget.id, binC.id, {}, 1, {}, {}});
    ASSERT_TRUE(changed.wait(5000));
    EXPECT_EQ(changed.size(), 1); // two movements, one reload
    EXPECT_EQ(dashboard.levels().last().quantity, 99);
    EXPECT_EQ(dashboard.movementsPerDay().last().lines[size_t(MovementType::Issue)], 3);
    ASSERT_EQ(dashboard.topMovers().size(), 1);
    EXPECT_EQ(dashboard.topMovers().first().unitsIssued, 6);
}

TEST_F(AnalyticsTest, ReportModelShowsTheLinesAndTheirTotalAndExportsThemAsShown)
{
    PeriodReportModel model(*db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    EXPECT_EQ(model.rowCount(), 0); // nothing asked yet
    ASSERT_TRUE(model.load({warehouse.id, 0}, days(2, 4)));
    ASSERT_EQ(model.rowCount(), 3);
    EXPECT_EQ(model.index(1, PeriodReportModel::Sku).data().toString(), QStringLiteral("W-100"));
    EXPECT_EQ(model.index(1, PeriodReportModel::Opening).data().toLongLong(), 10);
    EXPECT_EQ(model.index(2, PeriodReportModel::Sku).data().toString(), QStringLiteral("Total"));
    EXPECT_TRUE(model.index(2, 0).data(PeriodReportModel::TotalRole).toBool());
    EXPECT_EQ(model.index(2, PeriodReportModel::Receipts).data().toLongLong(), 5);
    EXPECT_EQ(model.index(2, PeriodReportModel::Closing).data().toLongLong(), 10);

    QBuffer out;
    out.open(QIODevice::WriteOnly);
    ASSERT_TRUE(model.writeCsv(out));
    const QStringList lines = QString::fromUtf8(out.data()).split(QStringLiteral("\r\n"));
    ASSERT_EQ(lines.size(), 5); // header, two products, total, and the empty end
    EXPECT_EQ(lines.at(0),
              QStringLiteral("SKU,Product,Unit,Opening,Receipts,Issues,Transfers in,"
                             "Transfers out,Adjustments,Closing"));
    EXPECT_EQ(lines.at(2), QStringLiteral("W-100,Widget,EA,10,0,3,2,3,-1,5"));
    EXPECT_EQ(lines.at(3), QStringLiteral("Total,,,10,5,3,2,3,-1,10"));

    // A failed load keeps what was shown.
    EXPECT_FALSE(model.load({}, {day1, day1.addDays(-1)}));
    EXPECT_EQ(model.rowCount(), 3);
}

} // namespace
} // namespace Stockroom
