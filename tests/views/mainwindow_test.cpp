// The workstation's window and sign-in on real widgets (offscreen), over a real database.

#include "tests/support/stockfixture.h"

#include "model/conflictmodel.h"
#include "model/conflictservice.h"
#include "model/stockmodel.h"
#include "views/conflictinbox.h"
#include "views/logindialog.h"
#include "views/mainwindow.h"
#include "views/stockview.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

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
        conflicts = std::make_unique<ConflictModel>(*db);
        decisions = std::make_unique<ConflictService>(*db);
        window = std::make_unique<MainWindow>(manager,
                                              MainWindow::Parts{*catalog,
                                                                *stock,
                                                                *conflicts,
                                                                *decisions,
                                                                nullptr});
        window->show();
    }
    void TearDown() override
    {
        window.reset();
        decisions.reset();
        conflicts.reset();
        tester.reset();
        stock.reset();
        StockFixture::TearDown();
    }

    int rows() const { return window->stockView()->table()->model()->rowCount(); }

    std::unique_ptr<StockModel> stock;
    std::unique_ptr<QAbstractItemModelTester> tester;
    std::unique_ptr<ConflictModel> conflicts;
    std::unique_ptr<ConflictService> decisions;
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
    ASSERT_TRUE(conflicts->reload());
    auto *inbox = window->findChild<ConflictInbox *>();
    ASSERT_NE(inbox, nullptr);
    Q_EMIT decisions->resolved(QString()); // the inbox reloads on any decision
    EXPECT_EQ(window->tabs()->tabText(1), QStringLiteral("&Conflicts (1)"));

    inbox->table()->selectRow(0);
    inbox->decide(ConflictChoice::Theirs);
    EXPECT_EQ(window->tabs()->tabText(1), QStringLiteral("&Conflicts"));
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
