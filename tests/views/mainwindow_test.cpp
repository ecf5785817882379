// The window: the stock grid, scanning, history, the conflict inbox, keyboard and settings.
// On real widgets (offscreen), over a real database (WindowFixture).

#include "windowfixture.h"

#include <QGroupBox>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>

namespace Stockroom::Views {
namespace {

using MainWindowTest = WindowFixture;

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
    // An unknown location shows nothing, not everything.
    view->location()->setText(QStringLiteral("NOWHERE"));
    QTest::keyClick(view->location(), Qt::Key_Return);
    EXPECT_EQ(stock->rowCount(), 0);
    EXPECT_EQ(view->location()->toolTip(), QStringLiteral("Unknown location NOWHERE"));
    view->location()->setText(QStringLiteral("LOC-A-02"));
    QTest::keyClick(view->location(), Qt::Key_Return);

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
    auto *empty = inbox->table()->viewport()->findChild<QLabel *>(QStringLiteral("emptyState"));
    ASSERT_NE(empty, nullptr);
    EXPECT_FALSE(empty->isHidden()) << "an empty inbox says so";
    EXPECT_THAT(empty->text().toStdString(), testing::StartsWith("Nothing to decide"));
    ASSERT_TRUE(conflicts->reload()); // as the app does when a sync brings entries
    EXPECT_EQ(window->tabs()->tabText(window->tabs()->indexOf(inbox)),
              QStringLiteral("Conflicts (1)"));
    EXPECT_TRUE(empty->isHidden());

    inbox->table()->selectRow(0);
    inbox->decide(ConflictChoice::Theirs);
    EXPECT_EQ(window->tabs()->tabText(window->tabs()->indexOf(inbox)), QStringLiteral("Conflicts"));
    EXPECT_EQ(conflicts->rowCount(), 0);
    EXPECT_FALSE(empty->isHidden());
}

TEST_F(MainWindowTest, TheScanBasketSaysWhatGoesThereUntilItHoldsSomething)
{
    ScanPanel *panel = window->scanPanel();
    auto *empty = panel->findChild<QLabel *>(QStringLiteral("emptyState"));
    ASSERT_NE(empty, nullptr);
    EXPECT_FALSE(empty->isHidden());
    panel->scan(QStringLiteral("LOC-A-01"));
    EXPECT_FALSE(empty->isHidden()) << "a place is not yet an item";
    panel->scan(QStringLiteral("4006381333931"));
    EXPECT_TRUE(empty->isHidden());
    panel->cancelLast();
    EXPECT_FALSE(empty->isHidden());
}

TEST_F(MainWindowTest, TheInboxOffersTheDecisionsEachKindOfEntryAllows)
{
    QSqlQuery insert(db->connection());
    ASSERT_TRUE(insert.exec(QStringLiteral(
        "INSERT INTO conflicts (uuid, type, entity, entity_key, field, base, theirs, mine, "
        "detail, created_at) VALUES "
        "('c-1', 'field', 'product', 'p-1', 'name', 'Widget', 'Widget A', 'Widget B', '', 3), "
        "('c-2', 'stale-count', 'stock', 'p-1/l-1/', '', '10', '5', '8', '', 2), "
        "('c-3', 'negative-stock', 'stock', 'p-1/l-1/', '', '', '2', '-3', '', 1)")));
    ConflictInbox inbox(manager, *conflicts, *decisions);
    ASSERT_TRUE(conflicts->reload());
    const QList<QPushButton *> buttons = inbox.findChildren<QPushButton *>();
    ASSERT_EQ(buttons.size(), 2);
    const auto offered = [&](int row) {
        inbox.table()->selectRow(row);
        QStringList texts;
        for (QPushButton *button : buttons) {
            if (!button->isHidden())
                texts << button->text();
        }
        return texts;
    };
    const auto rowOf = [&](const char *uuid) {
        for (int row = 0; row < conflicts->rowCount(); ++row) {
            if (conflicts->index(row, 0).data(ConflictModel::UuidRole).toString()
                == QLatin1String(uuid))
                return row;
        }
        return -1;
    };
    EXPECT_EQ(offered(rowOf("c-1")),
              QStringList({QStringLiteral("Keep the server's value"),
                           QStringLiteral("Use this workstation's value")}));
    EXPECT_EQ(offered(rowOf("c-2")),
              QStringList({QStringLiteral("Keep the stock as it is"),
                           QStringLiteral("Let the count stand")}));
    EXPECT_EQ(offered(rowOf("c-3")), QStringList({QStringLiteral("Acknowledge")}));
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
    // A blind count: the clerk sees what was counted, not what is expected.
    EXPECT_EQ(view->summary(), QStringLiteral("1 line(s)"));
    auto *show = view->findChild<QCheckBox *>();
    ASSERT_NE(show, nullptr);
    EXPECT_FALSE(show->isEnabled()) << "only a manager may look";
    view->reasonField()->setText(QStringLiteral("cycle count"));
    EXPECT_FALSE(view->post()); // a clerk cannot post
    EXPECT_EQ(quantity(widget.id, binA.id), 12);

    // The manager's window shows the same count, and what differs once asked; posting
    // records the difference.
    StocktakeView *managerView = window->stocktakeView();
    managerView->findChild<QCheckBox *>()->setChecked(true);
    EXPECT_EQ(managerView->summary(), QStringLiteral("1 line(s), 1 differ"));
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
    // Each switch hid the widget the keys were sent to, so Qt never heard the modifiers go
    // up: release them where it listens, or the next test's clicks would carry Ctrl+Shift.
    QTest::keyRelease(window.get(), Qt::Key_Shift, Qt::NoModifier);
    QTest::keyRelease(window.get(), Qt::Key_Control, Qt::NoModifier);
    EXPECT_EQ(QGuiApplication::keyboardModifiers(), Qt::NoModifier);
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

TEST_F(MainWindowTest, QuittingWithAnUnpostedBasketAsksFirstAndTheBasketComesBack)
{
    window->show();
    window->scanPanel()->scan(QStringLiteral("LOC-A-01"));
    window->scanPanel()->scan(QStringLiteral("4006381333931"));
    ASSERT_EQ(window->unfinishedWork().size(), 1);

    QString asked;
    auto answer = [&asked](const QString &button) {
        QTimer::singleShot(0, [&asked, button] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            ASSERT_NE(box, nullptr);
            asked = box->text();
            for (QAbstractButton *b : box->buttons()) {
                if (b->text().remove(QLatin1Char('&')) == button)
                    b->click();
            }
        });
    };
    answer(QStringLiteral("Go back"));
    EXPECT_FALSE(window->close());
    EXPECT_TRUE(window->isVisible());
    EXPECT_THAT(asked.toStdString(), testing::HasSubstr("1 scanned line(s) are not posted"));
    EXPECT_THAT(asked.toStdString(), testing::HasSubstr("come back when you sign in again"));

    answer(QStringLiteral("Quit"));
    EXPECT_TRUE(window->close());

    // Signed in again: the basket is back, and the clerk is told.
    auto again = windowFor(manager);
    ASSERT_EQ(scanning->lines().size(), 1);
    EXPECT_EQ(scanning->lines().at(0).quantity, 1);
    EXPECT_EQ(again->scanPanel()->message(),
              QStringLiteral("2 scan(s) not posted before are back in the basket."));

    // With nothing unposted, the window closes without a question.
    again->scanPanel()->cancelLast();
    EXPECT_TRUE(again->unfinishedWork().isEmpty());
    bool askedAgain = false;
    QTimer::singleShot(0, [&askedAgain] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            askedAgain = true;
            box->reject();
        }
    });
    again->show();
    EXPECT_TRUE(again->close());
    EXPECT_FALSE(askedAgain);
}

TEST_F(MainWindowTest, ARefusedScanStaysRedAndBeepsAgainUntilTheNextScan)
{
    ScanPanel *panel = window->scanPanel();
    auto *message = panel->findChild<QLabel *>(QStringLiteral("scanMessage"));
    ASSERT_NE(message, nullptr);
    panel->setBeep(true);
    panel->scan(QStringLiteral("LOC-A-01"));
    panel->scan(QStringLiteral("NO-SUCH-CODE"));
    ASSERT_FALSE(panel->lastScanCounted());
    const QColor refused = message->palette().color(QPalette::Window);
    QTest::qWait(1500); // longer than a success's flash
    EXPECT_EQ(message->palette().color(QPalette::Window), refused);
    EXPECT_TRUE(panel->isAlarming());

    // The next scan answers it.
    panel->scan(QStringLiteral("4006381333931"));
    EXPECT_TRUE(panel->lastScanCounted());
    EXPECT_FALSE(panel->isAlarming());
    QTest::qWait(1500);
    EXPECT_NE(message->palette().color(QPalette::Window), refused);
    EXPECT_EQ(message->palette().color(QPalette::Window), panel->palette().color(QPalette::Window))
        << "a success's flash fades";

    // So does a key in the scan bar.
    panel->scan(QStringLiteral("NO-SUCH-CODE"));
    ASSERT_TRUE(panel->isAlarming());
    QTest::keyClick(panel->scanBar(), Qt::Key_A);
    EXPECT_FALSE(panel->isAlarming());
    EXPECT_EQ(message->palette().color(QPalette::Window), refused) << "still red until a scan";
}

// The letter after '&' in a label, lower-cased; a null QChar when there is none.
QChar mnemonicOf(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        if (text.at(i + 1) == QLatin1Char('&')) {
            ++i; // "&&" is a literal ampersand
            continue;
        }
        return text.at(i + 1).toLower();
    }
    return {};
}

// Every Alt+letter a person can press on the screen a tab shows: the tab bar, the menu
// bar and the widgets of that tab, each letter with where it is.
QMultiMap<QChar, QString> mnemonicsOn(MainWindow &window, int tab)
{
    QMultiMap<QChar, QString> found;
    auto add = [&found](const QString &text, const QString &where) {
        if (const QChar letter = mnemonicOf(text); !letter.isNull())
            found.insert(letter, where + QStringLiteral(" \"") + text + QLatin1Char('"'));
    };
    for (int i = 0; i < window.tabs()->count(); ++i)
        add(window.tabs()->tabText(i), QStringLiteral("tab"));
    for (QAction *menu : window.menuBar()->actions())
        add(menu->text(), QStringLiteral("menu"));
    QWidget *page = window.tabs()->widget(tab);
    for (QWidget *widget : page->findChildren<QWidget *>()) {
        if (!widget->isVisibleTo(page))
            continue;
        if (auto *button = qobject_cast<QAbstractButton *>(widget))
            add(button->text(), QStringLiteral("button"));
        else if (auto *label = qobject_cast<QLabel *>(widget); label && label->buddy())
            add(label->text(), QStringLiteral("label"));
        else if (auto *group = qobject_cast<QGroupBox *>(widget))
            add(group->title(), QStringLiteral("group"));
        else if (auto *tabs = qobject_cast<QTabWidget *>(widget)) {
            for (int i = 0; i < tabs->count(); ++i)
                add(tabs->tabText(i), QStringLiteral("inner tab"));
        }
    }
    return found;
}

TEST_F(MainWindowTest, EveryAltLetterHasOneMeaningOnEachScreen)
{
    // Alt+S was Save in Products, the Stock tab and the Stockroom menu at once: Qt then
    // only moves the focus between them, and on Products it jumped to Stock.
    for (const Actor &who : {admin, manager, clerk}) {
        auto shown = windowFor(who);
        shown->show();
        for (int tab = 0; tab < shown->tabs()->count(); ++tab) {
            shown->tabs()->setCurrentIndex(tab);
            const QMultiMap<QChar, QString> letters = mnemonicsOn(*shown, tab);
            for (const QChar letter : letters.uniqueKeys()) {
                const QStringList uses = letters.values(letter);
                EXPECT_EQ(uses.size(), 1) << who.username.toStdString() << ", tab "
                                          << shown->tabs()->tabText(tab).toStdString() << ": Alt+"
                                          << QString(letter).toStdString() << " means "
                                          << uses.join(QStringLiteral(", ")).toStdString();
            }
        }
    }
}

TEST_F(MainWindowTest, ALockedTerminalHidesTheWorkAndGivesItBackToTheSamePerson)
{
    window->show();
    window->scanPanel()->scan(QStringLiteral("LOC-A-01"));
    window->scanPanel()->scan(QStringLiteral("4006381333931"));
    QString refusal;
    bool hiddenWhileLocked = false;
    QTimer::singleShot(0, window.get(), [&] {
        LoginDialog *ask = window->lockDialog();
        ASSERT_NE(ask, nullptr);
        hiddenWhileLocked = !window->centralWidget()->isVisible();
        EXPECT_EQ(ask->userField()->text(), manager.username) << "the user is named";
        ask->passwordField()->setText(QStringLiteral("wrong"));
        ask->accept(); // refused: still locked
        refusal = ask->message();
        ask->passwordField()->setText(QStringLiteral("manager-password"));
        ask->accept();
    });
    window->lock();
    EXPECT_TRUE(hiddenWhileLocked);
    EXPECT_FALSE(refusal.isEmpty());
    EXPECT_FALSE(window->isLocked());
    EXPECT_TRUE(window->centralWidget()->isVisible());
    EXPECT_TRUE(window->isVisible());
    ASSERT_EQ(scanning->lines().size(), 1) << "the basket is as it was left";
    EXPECT_FALSE(window->nextUser());
}

TEST_F(MainWindowTest, SomeoneElseSigningInAtTheLockTakesTheTerminalOver)
{
    window->show();
    QTimer::singleShot(0, window.get(), [&] {
        LoginDialog *ask = window->lockDialog();
        ASSERT_NE(ask, nullptr);
        ask->userField()->setText(clerk.username);
        ask->passwordField()->setText(QStringLiteral("clerk-password"));
        ask->accept();
    });
    window->lock();
    EXPECT_FALSE(window->isVisible()) << "the window closes for the clerk's";
    ASSERT_TRUE(window->nextUser());
    EXPECT_EQ(window->nextUser()->userId, clerk.userId);
}

TEST_F(MainWindowTest, TheTerminalLocksAfterTheIdleTimeAndUseStartsItOver)
{
    window->show();
    Preferences preferences = window->preferences();
    preferences.lockAfterMinutes = 0;
    window->setPreferences(preferences);
    EXPECT_EQ(window->msUntilLock(), -1) << "0 is never";
    preferences.lockAfterMinutes = 15;
    window->setPreferences(preferences);
    EXPECT_GT(window->msUntilLock(), 14 * 60 * 1000);
    QTest::qWait(300);
    const int before = window->msUntilLock();
    QTest::keyClick(window->scanPanel()->scanBar(), Qt::Key_A);
    EXPECT_GT(window->msUntilLock(), before) << "a key is use";
}

TEST_F(MainWindowTest, SigningOutClosesTheWindowForTheSignInScreen)
{
    window->show();
    window->signOut();
    EXPECT_FALSE(window->isVisible());
    EXPECT_TRUE(window->signedOut());
    EXPECT_FALSE(window->nextUser());
}

TEST_F(MainWindowTest, EveryAltLetterInAMenuHasOneMeaning)
{
    for (const Actor &who : {admin, manager, clerk}) {
        auto shown = windowFor(who);
        for (QAction *title : shown->menuBar()->actions()) {
            QMultiMap<QChar, QString> letters;
            for (QAction *item : title->menu()->actions()) {
                if (const QChar letter = mnemonicOf(item->text()); !letter.isNull())
                    letters.insert(letter, item->text());
            }
            for (const QChar letter : letters.uniqueKeys())
                EXPECT_EQ(letters.count(letter), 1)
                    << who.username.toStdString() << ", menu " << title->text().toStdString()
                    << ": " << letters.values(letter).join(QStringLiteral(", ")).toStdString();
        }
    }
}

} // namespace
} // namespace Stockroom::Views
