// The scanner burst against a person typing, on real widgets (offscreen).

#include "views/scanfilter.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QShortcut>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <gmock/gmock.h>

#include <atomic>
#include <random>
#include <thread>
#include <vector>

namespace Stockroom::Views {
namespace {

// Stands for a widget that is not a text field (a grid, a button): it records the keys
// that reach it.
class KeySink : public QWidget
{
public:
    KeySink() { setFocusPolicy(Qt::StrongFocus); }

    QString typed; // printable keys; "^X" for Ctrl+X
    int enters = 0;

protected:
    void keyPressEvent(QKeyEvent *event) override
    {
        if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
            ++enters;
        else if (event->key() >= Qt::Key_Escape)
            return; // Ctrl, Shift and other keys without a character
        else if (event->modifiers() & Qt::ControlModifier)
            typed += QLatin1Char('^') + QChar(event->key());
        else
            typed += event->text();
    }
};

class ScanFilterTest : public testing::Test
{
protected:
    void SetUp() override
    {
        filter.setClock([this] { return now; });
        qApp->installEventFilter(&filter);
        sink.show();
        sink.setFocus();
    }
    void TearDown() override { qApp->removeEventFilter(&filter); }

    // Types text into the focused widget, ms apart by the filter's clock (QTest's events
    // carry no timestamp).
    void type(const QString &text, int ms, QWidget *into = nullptr)
    {
        for (QChar c : text) {
            now += ms;
            QTest::keyClick(into ? into : &sink, c.toLatin1());
        }
    }
    void enter(int ms, QWidget *into = nullptr)
    {
        now += ms;
        QTest::keyClick(into ? into : &sink, Qt::Key_Return);
    }
    // A key as the window system delivers it: stamped with when it was pressed.
    static void press(QWidget *into, QChar c, qint64 pressedAt)
    {
        const int key = c == QLatin1Char('\r') ? int(Qt::Key_Return) : c.toUpper().unicode();
        const QString text = c == QLatin1Char('\r') ? QString() : QString(c);
        QKeyEvent down(QEvent::KeyPress, key, Qt::NoModifier, text);
        down.setTimestamp(ulong(pressedAt));
        QApplication::sendEvent(into, &down);
        QKeyEvent up(QEvent::KeyRelease, key, Qt::NoModifier, text);
        up.setTimestamp(ulong(pressedAt));
        QApplication::sendEvent(into, &up);
    }
    // Lets the filter's gap timer run out.
    void pause()
    {
        now += 1000;
        QTest::qWait(filter.maxGapMs() * 3);
    }

    qint64 now = 0;
    ScanFilter filter;
    KeySink sink;
};

TEST_F(ScanFilterTest, AFastBurstEndedByEnterIsAScanAndNeverReachesTheWidget)
{
    QSignalSpy scanned(&filter, &ScanFilter::scanned);
    type(QStringLiteral("4006381333931"), 5);
    enter(5);
    ASSERT_EQ(scanned.size(), 1);
    EXPECT_EQ(scanned.at(0).at(0).toString(), QStringLiteral("4006381333931"));
    EXPECT_TRUE(sink.typed.isEmpty());
    EXPECT_EQ(sink.enters, 0);
}

TEST_F(ScanFilterTest, ShiftAroundCapitalsDoesNotBreakAScan)
{
    // What a scanner (and xdotool) sends for "SK-1": Shift down and up around each capital.
    QSignalSpy scanned(&filter, &ScanFilter::scanned);
    for (char c : {'S', 'K'}) {
        now += 3;
        QTest::keyPress(&sink, Qt::Key_Shift);
        QTest::keyClick(&sink, c, Qt::ShiftModifier);
        QTest::keyRelease(&sink, Qt::Key_Shift, Qt::ShiftModifier);
    }
    type(QStringLiteral("-1"), 3);
    enter(3);
    ASSERT_EQ(scanned.size(), 1);
    EXPECT_EQ(scanned.at(0).at(0).toString(), QStringLiteral("SK-1"));
    EXPECT_TRUE(sink.typed.isEmpty());
}

TEST_F(ScanFilterTest, APersonTypingSeesEveryKeyAndNoScan)
{
    QSignalSpy scanned(&filter, &ScanFilter::scanned);
    type(QStringLiteral("A-01 x"), 120);
    enter(120);
    EXPECT_EQ(scanned.size(), 0);
    EXPECT_EQ(sink.typed, QStringLiteral("A-01 x"));
    EXPECT_EQ(sink.enters, 1);
}

TEST_F(ScanFilterTest, AShortFastBurstIsTypingToo)
{
    QSignalSpy scanned(&filter, &ScanFilter::scanned);
    type(QStringLiteral("ok"), 5);
    enter(5);
    EXPECT_EQ(scanned.size(), 0);
    EXPECT_EQ(sink.typed, QStringLiteral("ok"));
    EXPECT_EQ(sink.enters, 1);
}

TEST_F(ScanFilterTest, ABurstThatStopsWithoutEnterIsGivenBackInOrder)
{
    QSignalSpy scanned(&filter, &ScanFilter::scanned);
    type(QStringLiteral("12345"), 5);
    pause();
    EXPECT_EQ(sink.typed, QStringLiteral("12345"));
    type(QStringLiteral("67"), 150);
    pause();
    EXPECT_EQ(sink.typed, QStringLiteral("1234567"));
    EXPECT_EQ(scanned.size(), 0);
}

TEST_F(ScanFilterTest, AShortcutEndsABurstAndPassesAfterWhatWasHeld)
{
    QSignalSpy scanned(&filter, &ScanFilter::scanned);
    type(QStringLiteral("abc"), 5);
    now += 5;
    QTest::keyClick(&sink, Qt::Key_A, Qt::ControlModifier);
    type(QStringLiteral("Z"), 200);
    pause();
    EXPECT_EQ(sink.typed, QStringLiteral("abc^AZ"));
    EXPECT_EQ(scanned.size(), 0);
}

TEST_F(ScanFilterTest, AShortcutSeesTheKeysTypedBeforeIt)
{
    // Ctrl+S right after fast typing: the save must see every character, so what was held
    // goes to the widget before the shortcut runs.
    QString seen;
    QShortcut save(QKeySequence::Save, &sink, [this, &seen] { seen = sink.typed; });
    QApplication::setActiveWindow(&sink);
    ASSERT_TRUE(QTest::qWaitForWindowActive(&sink));
    type(QStringLiteral("refill"), 5);
    now += 5;
    QTest::keyClick(&sink, Qt::Key_S, Qt::ControlModifier);
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
    // The sink stands for a dialog: a window of its own.
    type(QStringLiteral("4006381333931"), 2);
    enter(2);
    EXPECT_EQ(scanned.size(), 0);
    EXPECT_EQ(sink.typed, QStringLiteral("4006381333931"));

    // Aimed at the watched window, the same burst is a scan.
    auto *inside = new KeySink;
    inside->setParent(&window);
    window.show();
    inside->setFocus();
    type(QStringLiteral("4006381333931"), 2, inside);
    enter(2, inside);
    ASSERT_EQ(scanned.size(), 1);
    EXPECT_TRUE(inside->typed.isEmpty());
}

TEST_F(ScanFilterTest, AScanIntoAFocusedTextFieldFillsThatField)
{
    // Products' "link a barcode" field, a search box: the scanned code is what belongs
    // there, and its Enter is the field's.
    QSignalSpy scanned(&filter, &ScanFilter::scanned);
    QWidget form;
    auto *line = new QLineEdit(&form);
    auto *combo = new QComboBox(&form);
    combo->setEditable(true);
    auto *notes = new QPlainTextEdit(&form);
    form.show();
    QSignalSpy returned(line, &QLineEdit::returnPressed);

    line->setFocus();
    type(QStringLiteral("4006381333931"), 3, line);
    enter(3, line);
    EXPECT_EQ(line->text(), QStringLiteral("4006381333931"));
    EXPECT_EQ(returned.size(), 1);

    combo->setFocus();
    type(QStringLiteral("SKU-00004"), 3, combo);
    EXPECT_EQ(combo->currentText(), QStringLiteral("SKU-00004"));

    notes->setFocus();
    type(QStringLiteral("LOT-7"), 3, notes);
    EXPECT_EQ(notes->toPlainText(), QStringLiteral("LOT-7"));
    EXPECT_EQ(scanned.size(), 0);

    // A field that cannot be written in is not a text field: the scan goes to the window.
    line->setReadOnly(true);
    line->setFocus();
    type(QStringLiteral("5901234123457"), 3, line);
    enter(3, line);
    ASSERT_EQ(scanned.size(), 1);
    EXPECT_EQ(scanned.at(0).at(0).toString(), QStringLiteral("5901234123457"));
    EXPECT_EQ(line->text(), QStringLiteral("4006381333931"));
}

TEST_F(ScanFilterTest, KeysAreTimedByWhenTheyWerePressedNotWhenTheyArrive)
{
    QSignalSpy scanned(&filter, &ScanFilter::scanned);
    // A busy application reads a scan's keys late, 100 ms apart by its own clock, though
    // the scanner pressed them 5 ms apart.
    qint64 at = 1'000'000;
    for (QChar c : QStringLiteral("SKU-00004\r")) {
        now += 100;
        press(&sink, c, at += 5);
    }
    ASSERT_EQ(scanned.size(), 1);
    EXPECT_EQ(scanned.at(0).at(0).toString(), QStringLiteral("SKU-00004"));
    EXPECT_TRUE(sink.typed.isEmpty());

    // A person's keys, 150 ms apart, read all at once after a stall: typing.
    for (QChar c : QStringLiteral("A-01\r")) {
        now += 1;
        press(&sink, c, at += 150);
    }
    EXPECT_EQ(scanned.size(), 1);
    EXPECT_EQ(sink.typed, QStringLiteral("A-01"));
    EXPECT_EQ(sink.enters, 1);
}

TEST_F(ScanFilterTest, AScanTheEventLoopSplitIsJoinedAgainAndNothingOfItIsLeft)
{
    QSignalSpy scanned(&filter, &ScanFilter::scanned);
    qint64 at = 1'000'000;
    // "S" arrives; the application stalls past the gap before it reads "KU-00004", which
    // the scanner pressed 5 ms after the "S".
    press(&sink, QLatin1Char('S'), at += 5);
    QTest::qWait(filter.maxGapMs() * 3);
    for (QChar c : QStringLiteral("KU-00004\r"))
        press(&sink, c, at += 5);
    ASSERT_EQ(scanned.size(), 1);
    EXPECT_EQ(scanned.at(0).at(0).toString(), QStringLiteral("SKU-00004"));

    // The whole code given back before its Enter is read is a scan all the same.
    for (QChar c : QStringLiteral("4006381333931"))
        press(&sink, c, at += 5);
    QTest::qWait(filter.maxGapMs() * 3);
    press(&sink, QLatin1Char('\r'), at += 5);
    ASSERT_EQ(scanned.size(), 2);
    EXPECT_EQ(scanned.at(1).at(0).toString(), QStringLiteral("4006381333931"));
    EXPECT_EQ(sink.enters, 0);

    // Typing after a pause is not joined to what was typed before it.
    sink.typed.clear();
    press(&sink, QLatin1Char('A'), at += 500);
    QTest::qWait(filter.maxGapMs() * 3);
    for (QChar c : QStringLiteral("-01\r"))
        press(&sink, c, at += 150);
    EXPECT_EQ(scanned.size(), 2);
    EXPECT_EQ(sink.typed, QStringLiteral("A-01"));
    EXPECT_EQ(sink.enters, 1);
}

// Scans (2 to 15 ms a key) and a person's typing (60 to 200 ms a key) on a machine whose
// every core is busy, into an application that stalls now and then. The keys come from another thread, as the window system's do,
// stamped with when they were meant to be pressed, whenever the application gets to them.
TEST_F(ScanFilterTest, UnderCpuLoadEveryScanIsWholeAndEveryTypedKeyArrives)
{
    struct Press
    {
        qint64 at; // ms from the start
        QChar c;
    };
    std::mt19937 random(20261208);
    auto between = [&random](int low, int high) {
        return std::uniform_int_distribution<int>(low, high)(random);
    };
    const QStringList codes = {QStringLiteral("4006381333931"),
                               QStringLiteral("SKU-00004"),
                               QStringLiteral("LOC-A-01"),
                               QStringLiteral("0104012345000009"),
                               QStringLiteral("PSK-88012"),
                               QStringLiteral("5901234123457"),
                               QStringLiteral("SKU-00017"),
                               QStringLiteral("LOC-B-12")};
    const QStringList words = {QStringLiteral("bin"), QStringLiteral("A-7"), QStringLiteral("ok")};
    std::vector<Press> presses;
    QStringList expectedScans;
    QString expectedTyped;
    qint64 at = 50;
    auto add = [&](const QString &text, int low, int high) {
        for (QChar c : text + QLatin1Char('\r'))
            presses.push_back({at += between(low, high), c});
        at += between(120, 300); // the next label, or the next thought
    };
    for (qsizetype i = 0; i < codes.size(); ++i) {
        add(codes.at(i), 2, 15);
        expectedScans << codes.at(i);
        if (i % 3 == 1) {
            const QString word = words.at(i / 3);
            add(word, 60, 200);
            expectedTyped += word;
        }
    }

    QElapsedTimer clock; // what the application sees, for any key without a timestamp
    clock.start();
    filter.setClock([&clock] { return clock.elapsed(); });
    std::atomic<bool> stop = false;
    std::vector<std::jthread> load;
    for (unsigned i = 0; i < std::max(2u, std::thread::hardware_concurrency()); ++i) {
        load.emplace_back([&stop] {
            volatile quint64 spin = 0;
            while (!stop.load(std::memory_order_relaxed))
                spin = spin + 1;
        });
    }
    // The application itself is busy now and then (a big repaint, a write): 45 ms at a time.
    QTimer busy;
    busy.setInterval(97);
    QObject::connect(&busy, &QTimer::timeout, [] {
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(45);
        while (std::chrono::steady_clock::now() < until) {
        }
    });
    busy.start();
    QSignalSpy scanned(&filter, &ScanFilter::scanned);
    const qint64 base = 1'000'000;
    QPointer<KeySink> target = &sink;
    std::jthread keyboard([&presses, target, base] {
        const auto start = std::chrono::steady_clock::now();
        for (const Press &p : presses) {
            std::this_thread::sleep_until(start + std::chrono::milliseconds(p.at));
            const bool enter = p.c == QLatin1Char('\r');
            const int key = enter ? int(Qt::Key_Return) : p.c.toUpper().unicode();
            const QString text = enter ? QString() : QString(p.c);
            for (QEvent::Type type : {QEvent::KeyPress, QEvent::KeyRelease}) {
                auto *event = new QKeyEvent(type, key, Qt::NoModifier, text);
                event->setTimestamp(ulong(base + p.at));
                QCoreApplication::postEvent(target, event);
            }
        }
    });
    const bool done = QTest::qWaitFor([&] { return scanned.size() >= expectedScans.size(); },
                                      int(at) + 10'000);
    keyboard.join();
    QTest::qWait(filter.maxGapMs() * 3);
    busy.stop();
    stop = true;
    load.clear();

    ASSERT_TRUE(done) << "scans seen: " << scanned.size() << " of " << expectedScans.size();
    QStringList seen;
    for (const QList<QVariant> &signal : std::as_const(scanned))
        seen << signal.at(0).toString();
    EXPECT_EQ(seen, expectedScans);
    // Every typed word reached the widget whole and in order (a stall may also have given
    // it the first keys of a scan, which the scan then took back into its code).
    qsizetype from = 0;
    for (const QString &word : words) {
        const qsizetype found = sink.typed.indexOf(word, from);
        EXPECT_GE(found, 0) << qPrintable(word) << " in " << qPrintable(sink.typed);
        from = found < 0 ? from : found + word.size();
    }
    EXPECT_EQ(sink.enters, words.size());
}

} // namespace
} // namespace Stockroom::Views
