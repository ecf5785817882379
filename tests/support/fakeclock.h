#pragma once

// FakeClock: a clock that tests set and advance by hand.

#include "model/domain/clock.h"

namespace Stockroom::Test {

class FakeClock final : public Clock
{
public:
    explicit FakeClock(QDateTime now = QDateTime(QDate(2026, 3, 2), QTime(9, 0), QTimeZone::utc()))
        : m_now(std::move(now))
    {}

    QDateTime now() const override { return m_now; }
    void advance(qint64 seconds) { m_now = m_now.addSecs(seconds); }
    void set(QDateTime now) { m_now = std::move(now); }

private:
    QDateTime m_now;
};

} // namespace Stockroom::Test
