#include "keystore.h"

#include <qt6keychain/keychain.h>

#include <QApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QTimer>

namespace Stockroom {

namespace {

const QString service = QStringLiteral("Stockroom database key");
constexpr int waitMs = 5000;

// Runs a job to its end, or gives up after waitMs: a key store that hangs must not hang the
// app. Returns what went wrong, in words, or an empty string.
QString finish(QKeychain::Job &job, const QString &databasePath)
{
    job.setAutoDelete(false);
    job.setKey(QFileInfo(databasePath).absoluteFilePath()); // one entry however it was named
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(waitMs, &loop, &QEventLoop::quit);
    job.start();
    if (!finished)
        loop.exec();
    if (!finished)
        return QApplication::tr("the key store did not answer");
    switch (job.error()) {
    case QKeychain::NoError:
        return QString();
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return QApplication::tr("this desktop has no key store");
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return QApplication::tr("the key store refused access");
    default:
        return job.errorString().isEmpty() || job.errorString() == QLatin1String("Unknown error")
                   ? QApplication::tr("this desktop has no key store")
                   : job.errorString();
    }
}

} // namespace

std::optional<QString> KeyStore::read(const QString &databasePath)
{
    QKeychain::ReadPasswordJob job(service);
    if (!finish(job, databasePath).isEmpty() || job.textData().isEmpty())
        return std::nullopt;
    return job.textData();
}

Status KeyStore::write(const QString &databasePath, const QString &key)
{
    QKeychain::WritePasswordJob job(service);
    job.setTextData(key);
    if (const QString problem = finish(job, databasePath); !problem.isEmpty()) {
        return fail(ErrorCode::Io,
                    QApplication::tr("The key could not be kept in the system key store: %1.")
                        .arg(problem));
    }
    return {};
}

void KeyStore::forget(const QString &databasePath)
{
    QKeychain::DeletePasswordJob job(service);
    (void) finish(job, databasePath); // nothing kept is as good as forgotten
}

} // namespace Stockroom
