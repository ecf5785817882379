// Starting up: the database key, a first start that creates a database, signing in.
// On real widgets (offscreen), over a real database (WindowFixture).

#include "windowfixture.h"

namespace Stockroom::Views {
namespace {

using StartUpTest = WindowFixture;

TEST_F(StartUpTest, TheKeyIsAskedNeverShownAndRememberedOnlyWhenAsked)
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

TEST_F(StartUpTest, AFirstStartCreatesAnEncryptedDatabaseWithItsAdminOrNothing)
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

TEST_F(StartUpTest, SignInRefusesAWrongPasswordAndAcceptsTheRightOne)
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
