#pragma once

// Clock: where Stockroom asks the time, so that tests and the demo generator control it.
// Every "now" and "today" in the model, the sync client and server and the views comes from
// an injected Clock; only the programs' main functions make a SystemClock.
// Times are UTC. Nothing decides by comparing two devices' clocks; the time is recorded
// for people and reports.

#include <QDateTime>
#include <QTimeZone>

namespace Stockroom {

class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;

    virtual qint64 msecsSinceEpoch() const { return now().toMSecsSinceEpoch(); }
    // Today's date in zone: a warehouse's (Database::dayZone()), or the machine's own.
    QDate today(const QTimeZone &zone = QTimeZone::systemTimeZone()) const
    {
        return now().toTimeZone(zone).date();
    }
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
    qint64 msecsSinceEpoch() const override { return QDateTime::currentMSecsSinceEpoch(); }
};

} // namespace Stockroom
