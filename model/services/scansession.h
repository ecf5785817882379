#pragma once

// ScanSession: the clerk's scanning, between the first scan and Enter.
//
// In a mode (receive, issue, transfer, count) the clerk scans a location label, then
// items. Each item scan adds a line, or adds to the line for the same product and lot
// (continuous multi-scan); a GS1 label brings its lot, expiry and count. Transfers take
// two location scans, from and to. cancelLast() (Esc) takes back the last scan; post()
// (Enter) records every line through MovementService in one transaction, all or nothing,
// and starts over at the same location. A scan that means nothing is refused with the
// reason and changes nothing.

#include "catalog.h"
#include "movementservice.h"

#include <QDate>
#include <QObject>

#include <optional>

namespace Stockroom {

enum class ScanMode { Receive, Issue, Transfer, Count };

struct ScanLine
{
    Product product;
    QString lot;
    QDate expiry;
    qint64 quantity = 0;
};

class ScanSession : public QObject
{
    Q_OBJECT

public:
    ScanSession(Database &db,
                const Catalog &catalog,
                MovementService &movements,
                QObject *parent = nullptr);

    ScanMode mode() const { return m_mode; }
    // A new mode starts a new session: lines and locations are cleared.
    void setMode(ScanMode mode);

    // What the scan did, in words for the clerk, or why it was refused.
    Result<QString> scan(const QString &code, const QDate &today);
    // Takes back the last scan: one unit of the last line, or the last location.
    void cancelLast();
    // Records the lines; on failure nothing is recorded and the lines stay.
    Result<QList<PostedMovement>> post(const Actor &actor);

    const QList<ScanLine> &lines() const { return m_lines; }
    std::optional<Location> location() const { return m_location; }
    std::optional<Location> destination() const { return m_destination; } // transfers

Q_SIGNALS:
    void changed();

private:
    Result<MovementCommand> commandFor(const ScanLine &line) const;

    Database &m_db;
    const Catalog &m_catalog;
    MovementService &m_movements;
    ScanMode m_mode = ScanMode::Receive;
    std::optional<Location> m_location;
    std::optional<Location> m_destination;
    QList<ScanLine> m_lines;
    // Each scan as it was applied, for cancelLast(): a line index and the quantity it
    // added, or -1 for a location.
    QList<std::pair<int, qint64>> m_history;
};

} // namespace Stockroom
