#include "passphrase.h"

#include "model/domain/tr.h"

#include <QFile>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace Stockroom {

namespace {

Result<QString> readKeyFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io,
                    Tr::tr("Cannot read the key file %1: %2").arg(path, file.errorString()));
    QByteArray key = file.readLine(4096);
    while (key.endsWith('\n') || key.endsWith('\r'))
        key.chop(1);
    if (key.isEmpty())
        return fail(ErrorCode::InvalidInput, Tr::tr("The key file %1 is empty.").arg(path));
    return QString::fromUtf8(key);
}

Result<QString> promptOnTerminal(const QString &prompt)
{
    FILE *tty = std::fopen("/dev/tty", "r+");
    if (!tty) {
        return fail(ErrorCode::WrongKey,
                    Tr::tr("No key given: use --key-file or set STOCKROOM_DB_KEY."));
    }
    std::fputs(prompt.toLocal8Bit().constData(), tty);
    std::fflush(tty);
    termios saved{};
    const int fd = fileno(tty);
    const bool canHide = tcgetattr(fd, &saved) == 0;
    if (canHide) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    char buffer[1024] = {};
    const bool read = std::fgets(buffer, sizeof buffer, tty) != nullptr;
    if (canHide)
        tcsetattr(fd, TCSAFLUSH, &saved);
    std::fputs("\n", tty);
    std::fclose(tty);
    QByteArray key(buffer);
    while (key.endsWith('\n') || key.endsWith('\r'))
        key.chop(1);
    if (!read || key.isEmpty())
        return fail(ErrorCode::WrongKey, Tr::tr("No key was typed."));
    return QString::fromUtf8(key);
}

} // namespace

Result<QString> Passphrase::obtain(const QString &keyFile,
                                   const char *envName,
                                   const QString &prompt)
{
    if (!keyFile.isEmpty())
        return readKeyFile(keyFile);
    const QByteArray fromEnv = qgetenv(envName);
    if (!fromEnv.isEmpty())
        return QString::fromUtf8(fromEnv);
    return promptOnTerminal(prompt);
}

Result<QString> Passphrase::obtainNew(const QString &keyFile, const char *envName)
{
    if (!keyFile.isEmpty() || !qgetenv(envName).isEmpty())
        return obtain(keyFile, envName, QString());
    auto first = promptOnTerminal(Tr::tr("New key: "));
    if (!first)
        return first;
    auto second = promptOnTerminal(Tr::tr("New key again: "));
    if (!second)
        return second;
    if (*first != *second)
        return fail(ErrorCode::InvalidInput, Tr::tr("The two keys differ."));
    return first;
}

} // namespace Stockroom
