// The demo database: realistic, and never dated after the moment it is made.

#include "tests/support/fakeclock.h"
#include "tests/support/tempdatabase.h"

#include "model/io/demodata.h"
#include "model/storage/database.h"

#include <QSqlQuery>

#include <gmock/gmock.h>

namespace Stockroom {
namespace {

TEST(DemoDataTest, NoMovementIsDatedAfterTheDemoWasMade)
{
    // 02:00 UTC is 11:00 in Seoul, the middle of the warehouses' working day: today's
    // hours are not over, so the demo's history ends with yesterday's.
    const QDateTime made(QDate(2026, 12, 8), QTime(2, 0), QTimeZone::utc());
    Stockroom::Test::FakeClock clock(made);
    Stockroom::Test::TempDatabase temp;
    Database &db = temp.create();
    DemoOptions options;
    options.products = 30;
    options.movements = 300;
    options.days = 3;
    options.warehouses = 1;
    options.zonesPerWarehouse = 1;
    options.binsPerZone = 4;
    auto summary = DemoData::generate(db, options, clock, {});
    ASSERT_TRUE(summary) << summary.error().message.toStdString();
    ASSERT_GT(summary->movements, 0);

    auto newest = db.select(
        QStringLiteral("SELECT max(occurred_at), min(occurred_at) FROM movements"));
    ASSERT_TRUE(newest) << newest.error().message.toStdString();
    ASSERT_TRUE(newest->next());
    const QDateTime last = QDateTime::fromMSecsSinceEpoch(newest->value(0).toLongLong(),
                                                          QTimeZone::utc());
    const QDateTime first = QDateTime::fromMSecsSinceEpoch(newest->value(1).toLongLong(),
                                                           QTimeZone::utc());
    EXPECT_LE(last, made) << last.toString(Qt::ISODate).toStdString();
    const QTimeZone seoul("Asia/Seoul");
    EXPECT_EQ(last.toTimeZone(seoul).date(), QDate(2026, 12, 7));
    EXPECT_EQ(first.toTimeZone(seoul).date(), QDate(2026, 12, 5));
    EXPECT_GE(first.toTimeZone(seoul).time(), QTime(8, 0));

    // Made in the evening, the day's hours are over: today is in.
    Stockroom::Test::TempDatabase evening;
    clock.set(QDateTime(QDate(2026, 12, 8), QTime(10, 0), QTimeZone::utc())); // 19:00 in Seoul
    auto again = DemoData::generate(evening.create(), options, clock, {});
    ASSERT_TRUE(again) << again.error().message.toStdString();
    auto newer = evening.db().select(QStringLiteral("SELECT max(occurred_at) FROM movements"));
    ASSERT_TRUE(newer) << newer.error().message.toStdString();
    ASSERT_TRUE(newer->next());
    const QDateTime latest = QDateTime::fromMSecsSinceEpoch(newer->value(0).toLongLong(),
                                                            QTimeZone::utc());
    EXPECT_LE(latest, clock.now());
    EXPECT_EQ(latest.toTimeZone(seoul).date(), QDate(2026, 12, 8));
}

} // namespace
} // namespace Stockroom
