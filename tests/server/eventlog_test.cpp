// The server's log lines: one line per event, whatever a peer puts in a value.

#include "sync/server/eventlog.h"

#include <QBuffer>

#include <gmock/gmock.h>

namespace Stockroom::Sync {
namespace {

TEST(EventLogTest, PlainValuesAreBareAndOthersQuotedWithEscapes)
{
    EXPECT_EQ(EventLog::format(EventLog::Level::Info,
                               "push",
                               {{"device", QStringLiteral("abc-1")},
                                {"ops", 12},
                                {"tls", true},
                                {"reason", QStringLiteral("said \"no\" \\ twice")},
                                {"empty", QString()}}),
              QByteArray("level=info event=push device=abc-1 ops=12 tls=true "
                         "reason=\"said \\\"no\\\" \\\\ twice\" empty=\"\""));
}

TEST(EventLogTest, AHostileValueCannotStartANewLine)
{
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    EventLog log(&out);
    log.warning("refused", {{"device", QStringLiteral("x\nlevel=info event=forged")}});
    log.write(EventLog::Level::Debug, "hidden"); // below the threshold
    const QByteArray written = out.data();
    EXPECT_EQ(written.count('\n'), 1);
    EXPECT_THAT(written.toStdString(),
                testing::HasSubstr("event=refused device=\"x level=info event=forged\"\n"));
    EXPECT_TRUE(written.startsWith("time="));
}

} // namespace
} // namespace Stockroom::Sync
