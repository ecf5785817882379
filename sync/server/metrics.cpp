#include "metrics.h"

#include <cstring>

namespace Stockroom::Sync {

namespace {

// Latency buckets in seconds, from a fast REST read to a slow push of a large batch.
const QList<double>
    latencyBounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

QByteArray number(double value)
{
    if (value == double(qint64(value)))
        return QByteArray::number(qint64(value));
    return QByteArray::number(value, 'g', 12);
}

QByteArray escaped(const QString &value)
{
    QByteArray out = value.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return out;
}

// Inserts le="bound" into a rendered label set such as {route="x"}.
QByteArray withBound(const QByteArray &labels, const QByteArray &bound)
{
    const QByteArray le = "le=\"" + bound + '"';
    if (labels.isEmpty())
        return '{' + le + '}';
    return labels.left(labels.size() - 1) + ',' + le + '}';
}

} // namespace

Metrics::Metrics()
{
    declare(operations,
            Type::Counter,
            "Sync and REST operations applied, by outcome (applied, rebased, conflict, "
            "rejected).");
    declare(rejections, Type::Counter, "Operations rejected, by reason.");
    declare(historyRefusals,
            Type::Counter,
            "Workstations refused because their history no longer leads to what this server "
            "recorded.");
    declare(movements, Type::Counter, "Movements written to the ledger.");
    declare(workstations, Type::Gauge, "Workstations connected over WebSockets.");
    // The families without labels read zero before anything happened.
    family(movements).series[QByteArray()];
    family(workstations).series[QByteArray()];
    declare(pushSeconds,
            Type::Histogram,
            "Time to apply one sync push (a batch), database included.",
            latencyBounds);
    declare(requests, Type::Counter, "HTTP requests answered, by route and status.");
    declare(requestSeconds,
            Type::Histogram,
            "Time to answer one HTTP request, by route.",
            latencyBounds);
    declare(groupSize,
            Type::Histogram,
            "REST writes applied together in one transaction (group commit).",
            {1, 2, 4, 8, 16, 32, 64, 128, 256, 512});
    declare(writeAttempts,
            Type::Counter,
            "Attempts at a stock write applied on its own (--stock-strategy other than group), "
            "by strategy and result: applied, retried (another writer changed the row first) "
            "or gave-up (still contended after every retry).");
    declare(databaseSeconds,
            Type::Histogram,
            "Time spent in the database per push or request, by caller (push, rest).",
            latencyBounds);
}

void Metrics::declare(const char *name, Type type, const char *help, QList<double> bounds)
{
    m_families.push_back(Family{name, help, type, std::move(bounds), {}});
}

Metrics::Family &Metrics::family(const char *name)
{
    for (Family &family : m_families) {
        if (family.name == name)
            return family;
    }
    Q_ASSERT_X(false, "Metrics", "a family that was never declared");
    declare(name, Type::Counter, "");
    return m_families.back();
}

const Metrics::Family *Metrics::find(const char *name) const
{
    for (const Family &family : m_families) {
        if (family.name == name)
            return &family;
    }
    return nullptr;
}

QByteArray Metrics::labelText(Labels labels)
{
    if (labels.size() == 0)
        return {};
    QByteArray text = "{";
    for (const auto &[name, value] : labels) {
        if (text.size() > 1)
            text += ',';
        text += name;
        text += "=\"" + escaped(value) + '"';
    }
    return text + '}';
}

void Metrics::increment(const char *name, Labels labels, double by)
{
    const std::lock_guard locker(m_mutex);
    family(name).series[labelText(labels)].value += by;
}

void Metrics::set(const char *name, Labels labels, double value)
{
    const std::lock_guard locker(m_mutex);
    family(name).series[labelText(labels)].value = value;
}

void Metrics::observe(const char *name, Labels labels, double value)
{
    const std::lock_guard locker(m_mutex);
    Family &family = this->family(name);
    Series &series = family.series[labelText(labels)];
    if (series.buckets.empty())
        series.buckets.assign(size_t(family.bounds.size()), 0);
    series.value += value;
    ++series.count;
    for (qsizetype i = 0; i < family.bounds.size(); ++i) {
        if (value <= family.bounds.at(i)) {
            ++series.buckets[size_t(i)];
            break;
        }
    }
}

double Metrics::value(const char *name, Labels labels) const
{
    const std::lock_guard locker(m_mutex);
    const Family *family = find(name);
    if (!family)
        return 0;
    const auto series = family->series.constFind(labelText(labels));
    if (series == family->series.cend())
        return 0;
    return family->type == Type::Histogram ? double(series->count) : series->value;
}

QByteArray Metrics::render() const
{
    const std::lock_guard locker(m_mutex);
    static const char *const typeNames[] = {"counter", "gauge", "histogram"};
    QByteArray out;
    for (const Family &family : m_families) {
        out += "# HELP " + family.name + ' ' + family.help + '\n';
        out += "# TYPE " + family.name + ' ' + typeNames[int(family.type)] + '\n';
        for (auto it = family.series.cbegin(); it != family.series.cend(); ++it) {
            if (family.type != Type::Histogram) {
                out += family.name + it.key() + ' ' + number(it->value) + '\n';
                continue;
            }
            quint64 cumulative = 0;
            for (qsizetype i = 0; i < family.bounds.size(); ++i) {
                cumulative += it->buckets[size_t(i)];
                out += family.name + "_bucket" + withBound(it.key(), number(family.bounds.at(i)))
                       + ' ' + QByteArray::number(cumulative) + '\n';
            }
            out += family.name + "_bucket" + withBound(it.key(), "+Inf") + ' '
                   + QByteArray::number(it->count) + '\n';
            out += family.name + "_sum" + it.key() + ' ' + number(it->value) + '\n';
            out += family.name + "_count" + it.key() + ' ' + QByteArray::number(it->count) + '\n';
        }
    }
    return out;
}

} // namespace Stockroom::Sync
