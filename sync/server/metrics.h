#pragma once

// Metrics: what stockroom-server counts and times, served as Prometheus text on /metrics.
//
// A family is declared once with its help text (counter, gauge or histogram) and then
// updated by label values. Updates are cheap map operations on the thread that owns the
// server; nothing here is shared across threads. render() writes the text exposition
// format 0.0.4, families in the order they were declared, label sets sorted.

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <initializer_list>
#include <mutex>
#include <vector>

namespace Stockroom::Sync {

class Metrics
{
public:
    using Labels = std::initializer_list<std::pair<const char *, QString>>;

    // The families stockroom-server keeps; see the constructor for what each means.
    static constexpr const char *operations = "stockroom_operations_total";
    static constexpr const char *rejections = "stockroom_rejections_total";
    static constexpr const char *movements = "stockroom_movements_applied_total";
    static constexpr const char *workstations = "stockroom_connected_workstations";
    static constexpr const char *pushSeconds = "stockroom_push_seconds";
    static constexpr const char *requestSeconds = "stockroom_http_request_seconds";
    static constexpr const char *requests = "stockroom_http_requests_total";
    static constexpr const char *databaseSeconds = "stockroom_database_seconds";
    static constexpr const char *groupSize = "stockroom_http_write_group_size";
    static constexpr const char *writeAttempts = "stockroom_stock_write_attempts_total";
    static constexpr const char *historyRefusals = "stockroom_history_refusals_total";

    Metrics();

    void increment(const char *family, Labels labels = {}, double by = 1);
    void set(const char *family, Labels labels, double value);
    void observe(const char *family, Labels labels, double value);
    // The current value of a counter or gauge, or a histogram's count; 0 when never set.
    double value(const char *family, Labels labels = {}) const;

    QByteArray render() const;

private:
    enum class Type { Counter, Gauge, Histogram };
    struct Series
    {
        double value = 0; // counter, gauge; a histogram's sum
        quint64 count = 0;
        std::vector<quint64> buckets; // a histogram's, not cumulative
    };
    struct Family
    {
        QByteArray name;
        QByteArray help;
        Type type = Type::Counter;
        QList<double> bounds;            // a histogram's upper bounds, ascending
        QMap<QByteArray, Series> series; // by rendered label set
    };

    void declare(const char *name, Type type, const char *help, QList<double> bounds = {});
    Family &family(const char *name);
    const Family *find(const char *name) const;
    static QByteArray labelText(Labels labels);

    // The server's writer threads count too. A std::mutex, which ThreadSanitizer sees.
    mutable std::mutex m_mutex;
    std::vector<Family> m_families;
};

} // namespace Stockroom::Sync
