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

Result<QString> promptOnTerminal(const SecretSource &source, const QString &prompt)
{
    FILE *tty = std::fopen("/dev/tty", "r+");
    if (!tty) {
        return fail(ErrorCode::WrongKey,
                    Tr::tr("No terminal to ask for %1 on: give it with %2, or set %3.")
                        .arg(source.what, source.fileOption, QLatin1String(source.envName)));
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
        return fail(ErrorCode::WrongKey, Tr::tr("Nothing was typed for %1.").arg(source.what));
    return QString::fromUtf8(key);
}

} // namespace

Result<QString> Passphrase::obtain(const SecretSource &source, const QString &prompt)
{
    if (!source.file.isEmpty())
        return readKeyFile(source.file);
    const QByteArray fromEnv = qgetenv(source.envName);
    if (!fromEnv.isEmpty())
        return QString::fromUtf8(fromEnv);
    return promptOnTerminal(source, prompt);
}

Result<QString> Passphrase::obtainNew(const SecretSource &source)
{
    if (!source.file.isEmpty() || !qgetenv(source.envName).isEmpty())
        return obtain(source, QString());
    auto first = promptOnTerminal(source, Tr::tr("New %1: ").arg(source.what));
    if (!first)
        return first;
    auto second = promptOnTerminal(source, Tr::tr("Once more, %1: ").arg(source.what));
    if (!second)
        return second;
    if (*first != *second)
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("The two differ: %1 was not set.").arg(source.what));
    return first;
}

} // namespace Stockroom
