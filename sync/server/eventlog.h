#pragma once

// EventLog: the server's structured log, one line per event in logfmt
// ("time=... level=info event=push device=... ops=12"), which journald keeps as it is and
// which grep, awk or a log shipper read without a parser of ours. Log lines are never
// translated. The log writes to a QIODevice it does not own (stderr in the server).

#include <QIODevice>
#include <QVariant>

#include <initializer_list>
#include <mutex>
#include <utility>

namespace Stockroom::Sync {

class EventLog
{
public:
    enum class Level { Debug, Info, Warning, Error };
    using Field = std::pair<const char *, QVariant>;

    // With no device, lines go to stderr.
    explicit EventLog(QIODevice *device = nullptr, Level threshold = Level::Info);

    void write(Level level, const char *event, std::initializer_list<Field> fields = {});
    void info(const char *event, std::initializer_list<Field> fields = {})
    {
        write(Level::Info, event, fields);
    }
    void warning(const char *event, std::initializer_list<Field> fields = {})
    {
        write(Level::Warning, event, fields);
    }
    void error(const char *event, std::initializer_list<Field> fields = {})
    {
        write(Level::Error, event, fields);
    }

    // One logfmt line without the time, for tests.
    static QByteArray format(Level level, const char *event, std::initializer_list<Field> fields);

private:
    QIODevice *m_device;
    Level m_threshold;
    std::mutex m_mutex; // a std::mutex, which ThreadSanitizer sees
};

} // namespace Stockroom::Sync
