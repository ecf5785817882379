// The scanner burst against a person typing, on real widgets (offscreen).

#include "views/scanfilter.h"

#include <QApplication>
#include <QLineEdit>
#include <QShortcut>
#include <QSignalSpy>
#include <QTest>

#include <gmock/gmock.h>

namespace Stockroom::Views {
namespace {

class ScanFilterTest : public testing::Test
{
protected:
    void SetUp() override
    {
        filter.setClock([this] { return now; });
        qApp->installEventFilter(&filter);
        field.show();
        field.setFocus();
    }
    void TearDown() override { qApp->removeEventFilter(&filter); }

    // Types text into the focused field, ms apart by the filter's clock.
    void type(const QString &text, int ms)
    {
        for (QChar c : text) {
            now += ms;
            QTest::keyClick(&field, c.toLatin1());
        }
    }
    void enter(int ms)
    {
        now += ms;
        QTest::keyClick(&field, Qt::Key_Return);
    }
    // Lets the filter's gap timer run out.
    void pause()
    {
        now += 1000;
        QTest::qWait(filter.maxGapMs() * 3);
    }

    qint64 now = 0;
    ScanFilter filter;
    QLineEdit field;
};

TEST_F(ScanFilterTest, AFastBurstEndedByEnterIsAScanAndNeverReachesTheField)
{
    QSignalSpy scanned(&filter, &ScanFilter::scanned);
    QSignalSpy returned(&field, &QLineEdit::returnPressed);
    type(QStringLiteral("4006381333931"), 5);
    enter(5);
    ASSERT_EQ(scanned.size(), 1);
    EXPECT_EQ(scanned.at(0).at(0).toString(), QStringLiteral("4006381333931"));
    EXPECT_TRUE(field.text().isEmpty());
    EXPECT_EQ(returned.size(), 0);
}

TEST_F(ScanFilterTest, ShiftAroundCapitalsDoesNotBreakAScan)
{
    // What a scanner (and xdotool) sends for "SK-1": Shift down and up around each capital.
    QSignalSpy scanned(&filter, &ScanFilter::scanned);
    for (char c : {'S', 'K'}) {
        now += 3;
        QTest::keyPress(&field, Qt::Key_Shift);
        QTest::keyClick(&field, c, Qt::ShiftModifier);
        QTest::keyRelease(&field, Qt::Key_Shift, Qt::ShiftModifier);
    }
    type(QStringLiteral("-1"), 3);
    enter(3);
    ASSERT_EQ(scanned.size(), 1);
    EXPECT_EQ(scanned.at(0).at(0).toString(), QStringLiteral("SK-1"));
    EXPECT_TRUE(field.text().isEmpty());
}

TEST_F(ScanFilterTest, APersonTypingSeesEveryKeyAndNoScan)
{
    QSignalSpy scanned(&filter, &ScanFilter::scanned);
    QSignalSpy returned(&field, &QLineEdit::returnPressed);
    type(QStringLiteral("A-01 x"), 120);
    enter(120);
    EXPECT_EQ(scanned.size(), 0);
    EXPECT_EQ(field.text(), QStringLiteral("A-01 x"));
    EXPECT_EQ(returned.size(), 1);
}

TEST_F(ScanFilterTest, AShortFastBurstIsTypingToo)
{
    QSignalSpy scanned(&filter, &ScanFilter::scanned);
    type(QStringLiteral("ok"), 5);
    enter(5);
    EXPECT_EQ(scanned.size(), 0);
    EXPECT_EQ(field.text(), QStringLiteral("ok"));
}

TEST_F(ScanFilterTest, ABurstThatStopsWithoutEnterIsGivenBackInOrder)
{
    QSignalSpy scanned(&filter, &ScanFilter::scanned);
    type(QStringLiteral("12345"), 5);
    pause();
    EXPECT_EQ(field.text(), QStringLiteral("12345"));
    type(QStringLiteral("67"), 150);
    pause();
    EXPECT_EQ(field.text(), QStringLiteral("1234567"));
    EXPECT_EQ(scanned.size(), 0);
}

TEST_F(ScanFilterTest, AShortcutEndsABurstAndPassesAfterWhatWasHeld)
{
    QSignalSpy scanned(&filter, &ScanFilter::scanned);
    type(QStringLiteral("abc"), 5);
    now += 5;
    QTest::keyClick(&field, Qt::Key_A, Qt::ControlModifier); // select all
    type(QStringLiteral("Z"), 200);
    pause();
    EXPECT_EQ(field.text(), QStringLiteral("Z"));
    EXPECT_EQ(scanned.size(), 0);
}

TEST_F(ScanFilterTest, AShortcutSeesTheTextTypedBeforeIt)
{
    // Ctrl+S right after fast typing: the save must see every character, so what was held
    // goes to the field before the shortcut runs.
    QString seen;
    QShortcut save(QKeySequence::Save, &field, [this, &seen] { seen = field.text(); });
    QApplication::setActiveWindow(&field);
    ASSERT_TRUE(QTest::qWaitForWindowActive(&field));
    type(QStringLiteral("refill"), 5);
    now += 5;
    QTest::keyClick(&field, Qt::Key_S, Qt::ControlModifier);
    EXPECT_EQ(seen, QStringLiteral("refill"));
}

TEST_F(ScanFilterTest, TheGapIsConfigurable)
{
    filter.setMaxGapMs(80);
    QSignalSpy scanned(&filter, &ScanFilter::scanned);
    type(QStringLiteral("SLOW-SCANNER"), 60);
    enter(60);
    ASSERT_EQ(scanned.size(), 1);
    EXPECT_EQ(scanned.at(0).at(0).toString(), QStringLiteral("SLOW-SCANNER"));
}

TEST_F(ScanFilterTest, ADialogOverTheWatchedWindowGetsEveryKeyHoweverFast)
{
    QWidget window;
    filter.setWindow(&window);
    QSignalSpy scanned(&filter, &ScanFilter::scanned);
    // The field stands for a file dialog's name: a window of its own.
    type(QStringLiteral("/tmp/report.pdf"), 2);
    enter(2);
    EXPECT_EQ(scanned.size(), 0);
    EXPECT_EQ(field.text(), QStringLiteral("/tmp/report.pdf"));

    // Aimed at the watched window, the same burst is a scan.
    QLineEdit inside(&window);
    window.show();
    inside.setFocus();
    for (QChar c : QStringLiteral("4006381333931")) {
        now += 2;
        QTest::keyClick(&inside, c.toLatin1());
    }
    now += 2;
    QTest::keyClick(&inside, Qt::Key_Return);
    ASSERT_EQ(scanned.size(), 1);
    EXPECT_TRUE(inside.text().isEmpty());
}

} // namespace
} // namespace Stockroom::Views
