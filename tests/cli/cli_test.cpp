// stockroom-cli as scripts use it: real processes on real encrypted files.

#include "tests/support/printers.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <gmock/gmock.h>

namespace Stockroom {
namespace {

using testing::HasSubstr;

struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

class CliTest : public testing::Test
{
protected:
    QString path(const QString &name) const { return dir.filePath(name); }
    QString db() const { return path(QStringLiteral("shop.db")); }

    CliResult cli(const QStringList &arguments,
                  const QMap<QString, QString> &env = {},
                  const QByteArray &input = {})
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("STOCKROOM_DB_KEY"), key);
        for (auto it = env.cbegin(); it != env.cend(); ++it) {
            if (it.value().isNull())
                environment.remove(it.key());
            else
                environment.insert(it.key(), it.value());
        }
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(STOCKROOM_CLI), arguments);
        if (!input.isEmpty())
            process.write(input);
        process.closeWriteChannel();
        EXPECT_TRUE(process.waitForFinished(120000));
        return {process.exitCode(),
                QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    // init, then a warehouse, a bin and two products through CSV.
    void initShop()
    {
        const CliResult init = cli({QStringLiteral("init"), QStringLiteral("--db"), db()},
                                   {{QStringLiteral("STOCKROOM_ADMIN_PASSWORD"),
                                     QStringLiteral("admin-password")}});
        ASSERT_EQ(init.exitCode, 0) << init.err.toStdString();
        write(
            QStringLiteral("locations.csv"),
            "code,name,kind,parent,barcode\nWH,Main,warehouse,,\nA-01,Bin A-01,bin,WH,LOC-A-01\n");
        write(QStringLiteral("products.csv"),
              "sku,name,local_name,unit,lot_tracked,barcodes\nW-100,Widget,위젯,EA,no,"
              "4006381333931\nM-200,Saline,,BOX,yes,\n");
        ASSERT_EQ(cli({QStringLiteral("import"),
                       QStringLiteral("--db"),
                       db(),
                       QStringLiteral("--table"),
                       QStringLiteral("locations"),
                       path(QStringLiteral("locations.csv"))})
                      .exitCode,
                  0);
        ASSERT_EQ(cli({QStringLiteral("import"),
                       QStringLiteral("--db"),
                       db(),
                       QStringLiteral("--table"),
                       QStringLiteral("products"),
                       path(QStringLiteral("products.csv"))})
                      .exitCode,
                  0);
        const CliResult users = cli({QStringLiteral("record"),
                                     QStringLiteral("receive"),
                                     QStringLiteral("--db"),
                                     db(),
                                     QStringLiteral("--product"),
                                     QStringLiteral("4006381333931"),
                                     QStringLiteral("--location"),
                                     QStringLiteral("LOC-A-01"),
                                     QStringLiteral("--qty"),
                                     QStringLiteral("10"),
                                     QStringLiteral("--reference"),
                                     QStringLiteral("PO-1")});
        ASSERT_EQ(users.exitCode, 0) << users.err.toStdString();
    }

    void write(const QString &name, const QByteArray &text)
    {
        QFile file(path(name));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(text);
    }

    static void expectOneLineError(const CliResult &run, const char *text)
    {
        EXPECT_EQ(run.exitCode, 1);
        EXPECT_EQ(run.err.count(QLatin1Char('\n')), 1) << run.err.toStdString();
        EXPECT_THAT(run.err.toStdString(), HasSubstr(text));
    }

    QTemporaryDir dir;
    QString key = QStringLiteral("cli test key");
};

TEST_F(CliTest, InitCreatesAnEncryptedDatabase)
{
    initShop();
    QFile file(db());
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_FALSE(file.read(16).startsWith("SQLite format 3"));
    const CliResult verify = cli({QStringLiteral("verify"), QStringLiteral("--db"), db()});
    EXPECT_EQ(verify.exitCode, 0) << verify.err.toStdString();
    EXPECT_THAT(verify.out.toStdString(), HasSubstr("clean"));
}

TEST_F(CliTest, VerifyRepairRebuildsAndChecksAgain)
{
    initShop();
    const CliResult repaired = cli(
        {QStringLiteral("verify"), QStringLiteral("--repair"), QStringLiteral("--db"), db()});
    EXPECT_EQ(repaired.exitCode, 0) << repaired.err.toStdString();
    EXPECT_THAT(repaired.out.toStdString(), HasSubstr("Rebuilt every projection"));
    EXPECT_THAT(repaired.out.toStdString(), HasSubstr("clean"));
    const CliResult stock = cli({QStringLiteral("stock"), QStringLiteral("--db"), db()});
    EXPECT_THAT(stock.out.toStdString(), HasSubstr("W-100"));
}

TEST_F(CliTest, WrongKeyIsAOneLineError)
{
    initShop();
    expectOneLineError(cli({QStringLiteral("stock"), QStringLiteral("--db"), db()},
                           {{QStringLiteral("STOCKROOM_DB_KEY"), QStringLiteral("wrong")}}),
                       "Wrong key or not a Stockroom database");
}

TEST_F(CliTest, KeyFileIsRead)
{
    initShop();
    write(QStringLiteral("key.txt"), key.toUtf8() + "\n");
    const CliResult stock = cli({QStringLiteral("stock"),
                                 QStringLiteral("--db"),
                                 db(),
                                 QStringLiteral("--key-file"),
                                 path(QStringLiteral("key.txt"))},
                                {{QStringLiteral("STOCKROOM_DB_KEY"), QString()}});
    EXPECT_EQ(stock.exitCode, 0) << stock.err.toStdString();
    EXPECT_THAT(stock.out.toStdString(), HasSubstr("W-100"));
}

TEST_F(CliTest, RecordsAndShowsStock)
{
    initShop();
    const CliResult issue = cli({QStringLiteral("record"),
                                 QStringLiteral("issue"),
                                 QStringLiteral("--db"),
                                 db(),
                                 QStringLiteral("--product"),
                                 QStringLiteral("W-100"),
                                 QStringLiteral("--location"),
                                 QStringLiteral("A-01"),
                                 QStringLiteral("--qty"),
                                 QStringLiteral("3")});
    ASSERT_EQ(issue.exitCode, 0) << issue.err.toStdString();
    EXPECT_THAT(issue.out.toStdString(), HasSubstr("stock now 7"));
    const CliResult csv = cli(
        {QStringLiteral("stock"), QStringLiteral("--db"), db(), QStringLiteral("--csv")});
    ASSERT_EQ(csv.exitCode, 0);
    EXPECT_EQ(csv.out,
              QStringLiteral("sku,name,location,lot,expiry,quantity,unit,status\r\n"
                             "W-100,Widget,A-01,,,7,EA,\r\n"));
}

TEST_F(CliTest, RefusalsAreOneLineErrors)
{
    initShop();
    expectOneLineError(cli({QStringLiteral("record"),
                            QStringLiteral("issue"),
                            QStringLiteral("--db"),
                            db(),
                            QStringLiteral("--product"),
                            QStringLiteral("W-100"),
                            QStringLiteral("--location"),
                            QStringLiteral("A-01"),
                            QStringLiteral("--qty"),
                            QStringLiteral("30")}),
                       "Only 10 EA of W-100 at A-01 in stock");
    expectOneLineError(cli({QStringLiteral("record"),
                            QStringLiteral("receive"),
                            QStringLiteral("--db"),
                            db(),
                            QStringLiteral("--product"),
                            QStringLiteral("5901234123457"),
                            QStringLiteral("--location"),
                            QStringLiteral("A-01"),
                            QStringLiteral("--qty"),
                            QStringLiteral("1")}),
                       "Unknown barcode 5901234123457");
    expectOneLineError(cli({QStringLiteral("record"),
                            QStringLiteral("receive"),
                            QStringLiteral("--db"),
                            db(),
                            QStringLiteral("--product"),
                            QStringLiteral("W-100"),
                            QStringLiteral("--location"),
                            QStringLiteral("A-01"),
                            QStringLiteral("--qty"),
                            QStringLiteral("many")}),
                       "--qty takes a whole number");
    expectOneLineError(cli({QStringLiteral("stock"),
                            QStringLiteral("--db"),
                            path(QStringLiteral("missing.db"))}),
                       "does not exist");
    expectOneLineError(cli({QStringLiteral("stock")}), "Give the database with --db");
    EXPECT_EQ(cli({QStringLiteral("frobnicate")}).exitCode, 2);
}

TEST_F(CliTest, TheUsersRoleIsEnforced)
{
    initShop();
    // Only the admin exists: acting as an unknown user is refused, and a manager-only
    // command needs a manager.
    expectOneLineError(cli({QStringLiteral("record"),
                            QStringLiteral("adjust"),
                            QStringLiteral("--db"),
                            db(),
                            QStringLiteral("--user"),
                            QStringLiteral("nobody"),
                            QStringLiteral("--product"),
                            QStringLiteral("W-100"),
                            QStringLiteral("--location"),
                            QStringLiteral("A-01"),
                            QStringLiteral("--delta"),
                            QStringLiteral("-1"),
                            QStringLiteral("--reason"),
                            QStringLiteral("broken")}),
                       "There is no user nobody");
    const CliResult demo = cli({QStringLiteral("demo"),
                                QStringLiteral("--db"),
                                path(QStringLiteral("demo.db")),
                                QStringLiteral("--products"),
                                QStringLiteral("20"),
                                QStringLiteral("--movements"),
                                QStringLiteral("200"),
                                QStringLiteral("--last-day"),
                                QStringLiteral("2026-11-20")});
    ASSERT_EQ(demo.exitCode, 0) << demo.err.toStdString();
    expectOneLineError(cli({QStringLiteral("record"),
                            QStringLiteral("adjust"),
                            QStringLiteral("--db"),
                            path(QStringLiteral("demo.db")),
                            QStringLiteral("--user"),
                            QStringLiteral("kim"),
                            QStringLiteral("--product"),
                            QStringLiteral("SKU-00001"),
                            QStringLiteral("--location"),
                            QStringLiteral("SEL-A-01"),
                            QStringLiteral("--delta"),
                            QStringLiteral("-1"),
                            QStringLiteral("--reason"),
                            QStringLiteral("broken")}),
                       "kim (Clerk) may not adjust stock");
    const CliResult verify = cli(
        {QStringLiteral("verify"), QStringLiteral("--db"), path(QStringLiteral("demo.db"))});
    EXPECT_EQ(verify.exitCode, 0) << verify.out.toStdString();
}

TEST_F(CliTest, BadCsvNamesLineAndColumnAndImportsNothing)
{
    initShop();
    write(QStringLiteral("stock.csv"),
          "sku,location,lot,expiry,quantity\nW-100,A-01,,,5\nW-100,A-01,,,-5\n");
    expectOneLineError(cli({QStringLiteral("import"),
                            QStringLiteral("--db"),
                            db(),
                            QStringLiteral("--table"),
                            QStringLiteral("stock"),
                            path(QStringLiteral("stock.csv"))}),
                       "Line 3, column quantity");
    const CliResult csv = cli(
        {QStringLiteral("stock"), QStringLiteral("--db"), db(), QStringLiteral("--csv")});
    EXPECT_THAT(csv.out.toStdString(), HasSubstr("W-100,Widget,A-01,,,10,EA"));
}

TEST_F(CliTest, ExportImportsIntoAnotherDatabase)
{
    initShop();
    for (const char *table : {"locations", "products", "stock"}) {
        const CliResult exported = cli(
            {QStringLiteral("export"),
             QStringLiteral("--db"),
             db(),
             QStringLiteral("--table"),
             QString::fromLatin1(table),
             QStringLiteral("--output"),
             path(QString::fromLatin1(table) + QStringLiteral(".out.csv"))});
        ASSERT_EQ(exported.exitCode, 0) << exported.err.toStdString();
    }
    const QString copy = path(QStringLiteral("copy.db"));
    ASSERT_EQ(cli({QStringLiteral("init"), QStringLiteral("--db"), copy},
                  {{QStringLiteral("STOCKROOM_ADMIN_PASSWORD"), QStringLiteral("admin-password")}})
                  .exitCode,
              0);
    for (const char *table : {"locations", "products", "stock"}) {
        const CliResult imported = cli(
            {QStringLiteral("import"),
             QStringLiteral("--db"),
             copy,
             QStringLiteral("--table"),
             QString::fromLatin1(table),
             path(QString::fromLatin1(table) + QStringLiteral(".out.csv"))});
        ASSERT_EQ(imported.exitCode, 0) << table << ": " << imported.err.toStdString();
    }
    EXPECT_EQ(
        cli({QStringLiteral("stock"), QStringLiteral("--db"), copy, QStringLiteral("--csv")}).out,
        cli({QStringLiteral("stock"), QStringLiteral("--db"), db(), QStringLiteral("--csv")}).out);
}

TEST_F(CliTest, RekeyReplacesTheKey)
{
    initShop();
    const CliResult rekey = cli({QStringLiteral("rekey"), QStringLiteral("--db"), db()},
                                {{QStringLiteral("STOCKROOM_NEW_DB_KEY"),
                                  QStringLiteral("the new key")}});
    ASSERT_EQ(rekey.exitCode, 0) << rekey.err.toStdString();
    expectOneLineError(cli({QStringLiteral("verify"), QStringLiteral("--db"), db()}), "Wrong key");
    EXPECT_EQ(cli({QStringLiteral("verify"), QStringLiteral("--db"), db()},
                  {{QStringLiteral("STOCKROOM_DB_KEY"), QStringLiteral("the new key")}})
                  .exitCode,
              0);
}

TEST_F(CliTest, NoKeyAndNoTerminalIsAClearError)
{
    initShop();
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("STOCKROOM_DB_KEY"));
    process.setProcessEnvironment(environment);
    // setsid: no controlling terminal, as under CI or a service.
    process.start(QStringLiteral("setsid"),
                  {QStringLiteral(STOCKROOM_CLI),
                   QStringLiteral("stock"),
                   QStringLiteral("--db"),
                   db()});
    ASSERT_TRUE(process.waitForFinished(30000));
    EXPECT_EQ(process.exitCode(), 1);
    EXPECT_THAT(process.readAllStandardError().toStdString(),
                HasSubstr("No terminal to ask for the database key on: give it with --key-file, "
                          "or set STOCKROOM_DB_KEY."));
}

TEST_F(CliTest, InitWithAKeyButNoAdminPasswordSaysThePasswordIsMissing)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("STOCKROOM_DB_KEY"), QStringLiteral("a key"));
    environment.remove(QStringLiteral("STOCKROOM_ADMIN_PASSWORD"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral("setsid"),
                  {QStringLiteral(STOCKROOM_CLI),
                   QStringLiteral("init"),
                   QStringLiteral("--db"),
                   path(QStringLiteral("new.db"))});
    ASSERT_TRUE(process.waitForFinished(30000));
    EXPECT_EQ(process.exitCode(), 1);
    const std::string err = process.readAllStandardError().toStdString();
    EXPECT_THAT(err, HasSubstr("the admin's password"));
    EXPECT_THAT(err, HasSubstr("--admin-password-file"));
    EXPECT_THAT(err, HasSubstr("STOCKROOM_ADMIN_PASSWORD"));
    EXPECT_THAT(err, testing::Not(HasSubstr("key")));
    EXPECT_FALSE(QFile::exists(path(QStringLiteral("new.db"))));
}

} // namespace
} // namespace Stockroom
