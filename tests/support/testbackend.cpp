#include "testbackend.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

#include <gtest/gtest.h>

namespace Stockroom::Test::TestBackend {

namespace {

QString stateFile(const char *name)
{
    return qEnvironmentVariable("STOCKROOM_TEST_POSTGRES") + QLatin1Char('/') + QLatin1String(name);
}

QString readState(const char *name)
{
    QFile file(stateFile(name));
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(file.readAll()).trimmed();
}

} // namespace

bool postgres()
{
    return qEnvironmentVariable("STOCKROOM_TEST_BACKEND") == QLatin1String("postgresql");
}

QString unavailableReason()
{
    if (!postgres())
        return QString();
    if (qEnvironmentVariableIsEmpty("STOCKROOM_TEST_POSTGRES"))
        return QStringLiteral("STOCKROOM_TEST_POSTGRES names no cluster state folder");
    if (const QString why = readState("unavailable"); !why.isEmpty())
        return why;
    if (readState("url").isEmpty())
        return QStringLiteral("the test cluster wrote no URL (was it started?)");
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return QStringLiteral("Qt's QPSQL driver is not installed (libqt6sql6-psql)");
    return QString();
}

QString newDatabase(const QString &fileInDir)
{
    if (!postgres())
        return fileInDir;
    static QAtomicInteger<int> counter;
    const QString name = QStringLiteral("stockroom_test_%1_%2")
                             .arg(QCoreApplication::applicationPid())
                             .arg(counter.fetchAndAddRelaxed(1));
    QUrl url(readState("url"));
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        admin.setHostName(url.host());
        admin.setPort(url.port());
        admin.setUserName(url.userName());
        admin.setDatabaseName(url.path().mid(1));
        if (!admin.open()) {
            ADD_FAILURE() << "cannot reach the test cluster: "
                          << admin.lastError().text().toStdString();
            std::abort();
        }
        QSqlQuery create(admin);
        if (!create.exec(QStringLiteral("CREATE DATABASE ") + name)) {
            ADD_FAILURE() << "cannot create a test database: "
                          << create.lastError().text().toStdString();
            std::abort();
        }
    }
    QSqlDatabase::removeDatabase(name);
    url.setPath(QLatin1Char('/') + name);
    return url.toString();
}

} // namespace Stockroom::Test::TestBackend
