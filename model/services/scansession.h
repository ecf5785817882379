#pragma once

// ScanSession: the clerk's scanning, between the first scan and Enter.
//
// In a mode (receive, issue, transfer, count) the clerk scans a location label, then
// items. Each item scan adds a line, or adds to the line for the same product and lot
// (continuous multi-scan); a GS1 label brings its lot, expiry and count. A quantity typed
// as "*240" (or "240*") counts the next item 240 times, the way scanner users expect at a
// till; Esc on that item gives the typed quantity back for the right one. Transfers take
// two location scans, from and to. cancelLast() (Esc) takes back the last scan; post()
// (Enter) records every line through MovementService in one transaction, all or nothing,
// and starts over at the same location. A scan that means nothing is refused with the
// reason and changes nothing.
//
// Once resume() names the clerk, the basket is kept in the database as it is scanned (one
// row per scan still in it), so that nothing scanned is lost to a crash or a quit: the
// same clerk signing in again gets it back, replayed scan by scan. Posting clears it in
// the same transaction that records the movements, so a crash never posts it twice.

#include "catalog.h"
#include "movementservice.h"

#include <QDate>
#include <QObject>
#include <QStringList>

#include <optional>

namespace Stockroom {

enum class ScanMode { Receive, Issue, Transfer, Count };

// What resume() brought back: the scans replayed, and the words of any that no longer
// apply (a product archived since, a label deleted) and were left out.
struct ResumedBasket
{
    ScanMode mode = ScanMode::Receive;
    int scans = 0;
    QStringList dropped;
};

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

    // Takes up the basket this clerk left unposted, and keeps theirs from now on.
    Result<ResumedBasket> resume(const Actor &actor);

    ScanMode mode() const { return m_mode; }
    // A new mode starts a new session: lines and locations are cleared.
    Status setMode(ScanMode mode);

    // What the scan did, in words for the clerk, or why it was refused.
    Result<QString> scan(const QString &code, const QDate &today);
    // Takes back the last scan: one unit of the last line, or the last location.
    Status cancelLast();
    // Records the lines; on failure nothing is recorded and the lines stay.
    Result<QList<PostedMovement>> post(const Actor &actor);

    const QList<ScanLine> &lines() const { return m_lines; }
    std::optional<Location> location() const { return m_location; }
    // The quantity typed for the next item, if any.
    std::optional<qint64> typedQuantity() const;
    std::optional<Location> destination() const { return m_destination; } // transfers

Q_SIGNALS:
    void changed();

private:
    Result<MovementCommand> commandFor(const ScanLine &line) const;
    Result<QString> apply(const QString &code, const QDate &today);
    // The lot (and its expiry) to take quantity of this product from at the location:
    // first expiry, first out, among lots not expired on today.
    Result<std::pair<QString, QDate>> firstToExpire(qint64 productId,
                                                    qint64 quantity,
                                                    const QDate &today) const;
    void takeBackLast();
    // The kept basket; all do nothing before resume().
    Status keep(const QString &code, const QDate &today) const;
    Status forgetLast() const;
    Status forgetAll() const;

    Database &m_db;
    const Catalog &m_catalog;
    MovementService &m_movements;
    ScanMode m_mode = ScanMode::Receive;
    std::optional<Location> m_location;
    std::optional<Location> m_destination;
    // As they were scanned, to keep them in the basket after a post.
    QString m_locationScan;
    QString m_destinationScan;
    QDate m_locationDay;
    QDate m_destinationDay;
    qint64 m_keeper = 0; // the user whose basket is kept; 0 before resume()
    QList<ScanLine> m_lines;
    // Each scan as it was applied, for cancelLast().
    struct Step
    {
        enum Kind { Location, Quantity, Item } kind;
        int line = -1;         // an item's line
        qint64 quantity = 0;   // what an item added; a typed quantity
        qint64 multiplier = 0; // an item's typed quantity, given back when it is taken back
    };
    QList<Step> m_history;
    qint64 m_multiplier = 0; // a typed quantity for the next item; 0 when none
};

} // namespace Stockroom
