#include "eventlog.h"

#include <QDateTime>

#include <cstdio>

namespace Stockroom::Sync {

namespace {

const char *levelName(EventLog::Level level)
{
    switch (level) {
    case EventLog::Level::Debug:
        return "debug";
    case EventLog::Level::Info:
        return "info";
    case EventLog::Level::Warning:
        return "warning";
    case EventLog::Level::Error:
        return "error";
    }
    return "info";
}

// A value as logfmt writes it: bare when it is one plain word, else in double quotes with
// quotes and backslashes escaped.
// Control characters become spaces, so a hostile value cannot start a new line.
QByteArray logValue(const QVariant &value)
{
    QByteArray text = value.typeId() == QMetaType::Bool
                          ? QByteArray(value.toBool() ? "true" : "false")
                          : value.toString().toUtf8();
    bool plain = !text.isEmpty();
    for (char &c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = ' ';
        if (c == ' ' || c == '"' || c == '=' || c == '\\')
            plain = false;
    }
    if (plain)
        return text;
    text.replace('\\', "\\\\").replace('"', "\\\"");
    return '"' + text + '"';
}

} // namespace

EventLog::EventLog(QIODevice *device, Level threshold)
    : m_device(device)
    , m_threshold(threshold)
{}

QByteArray EventLog::format(Level level, const char *event, std::initializer_list<Field> fields)
{
    QByteArray line = QByteArrayLiteral("level=") + levelName(level) + " event=" + event;
    for (const auto &[name, value] : fields)
        line += ' ' + QByteArray(name) + '=' + logValue(value);
    return line;
}

void EventLog::write(Level level, const char *event, std::initializer_list<Field> fields)
{
    if (level < m_threshold)
        return;
    // The real moment of the line, for whoever reads the log, whatever clock the code runs on.
    const QByteArray line = "time="
                            + QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1()
                            + ' ' + format(level, event, fields) + '\n';
    const std::lock_guard locker(m_mutex); // the server's writer threads log too
    if (m_device) {
        m_device->write(line);
        return;
    }
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

} // namespace Stockroom::Sync
