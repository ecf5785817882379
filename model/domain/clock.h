#pragma once

// Clock: where the model asks the time, so that tests and the demo generator control it.
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
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

} // namespace Stockroom
