#include "demodata.h"

#include "model/domain/barcodes.h"
#include "model/domain/clock.h"
#include "model/domain/ids.h"
#include "model/services/masterdataservice.h"
#include "model/services/movementservice.h"
#include "model/services/userservice.h"
#include "model/storage/database.h"

#include <QHash>

#include <array>

namespace Stockroom {

namespace {

// SplitMix64: small, fast, and the same sequence on every platform.
class Random
{
public:
    explicit Random(quint64 seed)
        : m_state(seed)
    {}
    quint64 next()
    {
        quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // A number in [low, high].
    qint64 between(qint64 low, qint64 high)
    {
        return low + qint64(next() % quint64(high - low + 1));
    }
    bool chance(int percent) { return between(1, 100) <= percent; }

private:
    quint64 m_state;
};

class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime now)
        : m_now(std::move(now))
    {}
    QDateTime now() const override { return m_now; }
    void set(const QDateTime &now) { m_now = now; }

private:
    QDateTime m_now;
};

enum class Variants { Sizes, Colours, Volumes, Packs, Grades };

struct Category
{
    const char *english;
    const char *korean;
    const char *unit;
    bool lots;
    Variants variants;
};

constexpr std::array categories{
    Category{"Nitrile gloves", "니트릴 장갑", "BOX", false, Variants::Sizes},
    Category{"Saline solution", "생리식염수", "BOX", true, Variants::Volumes},
    Category{"Copy paper A4", "A4 복사용지", "BOX", false, Variants::Packs},
    Category{"Packing tape", "포장 테이프", "EA", false, Variants::Colours},
    Category{"Cable ties", "케이블 타이", "PK", false, Variants::Packs},
    Category{"Safety helmet", "안전모", "EA", false, Variants::Colours},
    Category{"Hand sanitizer", "손 소독제", "EA", true, Variants::Volumes},
    Category{"Bottled water", "생수", "BOX", true, Variants::Volumes},
    Category{"Instant noodles", "라면", "BOX", true, Variants::Packs},
    Category{"Canned tuna", "참치 통조림", "BOX", true, Variants::Packs},
    Category{"LED bulb", "LED 전구", "EA", false, Variants::Grades},
    Category{"AA batteries", "AA 건전지", "PK", false, Variants::Packs},
    Category{"Work boots", "작업화", "PR", false, Variants::Sizes},
    Category{"Stretch film", "스트레치 필름", "ROLL", false, Variants::Sizes},
    Category{"Shipping labels", "배송 라벨", "ROLL", false, Variants::Packs},
    Category{"Face masks", "마스크", "BOX", true, Variants::Sizes},
    Category{"Vitamin C tablets", "비타민C 정", "BOX", true, Variants::Grades},
    Category{"Dish soap", "주방 세제", "EA", true, Variants::Volumes},
    Category{"Screws M4", "나사 M4", "BOX", false, Variants::Packs},
    Category{"Drill bit set", "드릴 비트 세트", "SET", false, Variants::Grades},
};

constexpr std::array<std::pair<const char *, const char *>, 10> brands{{
    {"Hanbit", "한빛"},
    {"Daehan", "대한"},
    {"Saerom", "새롬"},
    {"Nuri", "누리"},
    {"Haneul", "하늘"},
    {"Boram", "보람"},
    {"Sejong", "세종"},
    {"Areum", "아름"},
    {"Gaon", "가온"},
    {"Dasom", "다솜"},
}};

using Variant = std::pair<const char *, const char *>;
constexpr std::array<Variant, 3> sizes{{{"Small", "소형"}, {"Medium", "중형"}, {"Large", "대형"}}};
constexpr std::array<Variant, 3> colours{
    {{"Blue", "파란색"}, {"Black", "검정색"}, {"White", "흰색"}}};
constexpr std::array<Variant, 3> volumes{{{"500 ml", "500 ml"}, {"1 L", "1 L"}, {"2 L", "2 L"}}};
constexpr std::array<Variant, 3> packs{
    {{"Pack of 10", "10개입"}, {"Pack of 50", "50개입"}, {"Pack of 100", "100개입"}}};
constexpr std::array<Variant, 3> grades{
    {{"Standard", "일반형"}, {"Premium", "고급형"}, {"Economy", "실속형"}}};

const std::array<Variant, 3> &variantsOf(Variants kind)
{
    switch (kind) {
    case Variants::Sizes:
        return sizes;
    case Variants::Colours:
        return colours;
    case Variants::Volumes:
        return volumes;
    case Variants::Packs:
        return packs;
    case Variants::Grades:
        break;
    }
    return grades;
}

// Where the generator has placed stock: product, bin and lot code (empty for none), as the
// commands it posts name them.
struct PlacedStock
{
    qint64 product;
    qint64 location;
    QString lot;
    friend bool operator==(const PlacedStock &, const PlacedStock &) = default;
    friend size_t qHash(const PlacedStock &key, size_t seed = 0)
    {
        return qHashMulti(seed, key.product, key.location, key.lot);
    }
};

struct DemoProduct
{
    qint64 id;
    bool lots;
    QList<qint64> homeBins; // per warehouse, in warehouse order
};

} // namespace

Result<DemoSummary> DemoData::generate(Database &db,
                                       const DemoOptions &options,
                                       const Clock &realClock,
                                       const Progress &progress)
{
    Random random(options.seed);
    ManualClock clock(realClock.now());
    const QTimeZone seoul("Asia/Seoul");
    const QTimeZone zone = seoul.isValid() ? seoul : QTimeZone::utc();
    // Each day's movements fall in the warehouses' working hours, 08:00 to 18:00 in their
    // zone. By default the last day is the last one whose hours are over, so nothing is
    // dated after the moment the demo is made (History sorts by time: a clerk's first
    // postings would sink below the demo's "future" ones).
    const QDateTime here = realClock.now().toTimeZone(zone);
    const QDate lastDay = options.lastDay.isValid()     ? options.lastDay
                          : here.time() >= QTime(18, 0) ? here.date()
                                                        : here.date().addDays(-1);
    const QDate firstDay = lastDay.addDays(-(options.days - 1));
    clock.set(QDateTime(firstDay, QTime(7, 30), zone).toUTC());

    const auto newId = [&random, &clock] {
        return Ids::timeOrdered(clock.now().toMSecsSinceEpoch(), random.next(), random.next());
    };

    if (auto set = db.setSetting(QStringLiteral("time_zone"), QString::fromLatin1(zone.id())); !set)
        return std::unexpected(set.error());
    StockLedger ledger(db);
    MovementService movements(db, ledger, clock, newId);
    MasterDataService masterData(db, clock, newId);
    UserService users(db, clock);
    DemoSummary summary;

    // Users
    const QString password = QString::fromLatin1(DemoData::password);
    auto admin = users.createFirstAdmin(
        {QString::fromLatin1(adminName), QStringLiteral("Administrator"), Role::Admin, password});
    if (!admin)
        return std::unexpected(admin.error());
    auto adminActor = users.actorFor(QString::fromLatin1(adminName));
    if (!adminActor)
        return std::unexpected(adminActor.error());
    for (const auto &[name, display, role] : {std::tuple{managerName, "Mina Park", Role::Manager},
                                              std::tuple{clerkName, "Kim Jisoo", Role::Clerk}}) {
        if (auto created = users.createUser(*adminActor,
                                            {QString::fromLatin1(name),
                                             QString::fromUtf8(display),
                                             role,
                                             password});
            !created)
            return std::unexpected(created.error());
    }
    auto manager = users.actorFor(QString::fromLatin1(managerName));
    auto clerk = users.actorFor(QString::fromLatin1(clerkName));
    if (!manager || !clerk)
        return fail(ErrorCode::NotFound, QStringLiteral("demo users"));
    summary.users = 3;

    auto tx = Transaction::begin(db);
    if (!tx)
        return std::unexpected(tx.error());

    // Locations
    const std::array<std::pair<const char *, const char *>, 4> sites{{
        {"SEL", "Seoul distribution centre"},
        {"PUS", "Busan distribution centre"},
        {"ICN", "Incheon airport depot"},
        {"DJN", "Daejeon depot"},
    }};
    QList<QList<qint64>> binsOfWarehouse;
    QList<qint64> warehouseIds;
    for (int w = 0; w < options.warehouses && w < int(sites.size()); ++w) {
        const QString site = QString::fromLatin1(sites[w].first);
        auto warehouse = masterData.createLocation(*manager,
                                                   {0,
                                                    LocationKind::Warehouse,
                                                    QStringLiteral("WH-") + site,
                                                    QString::fromLatin1(sites[w].second),
                                                    {}});
        if (!warehouse)
            return std::unexpected(warehouse.error());
        warehouseIds << warehouse->id;
        binsOfWarehouse.append(QList<qint64>());
        ++summary.locations;
        for (int z = 0; z < options.zonesPerWarehouse; ++z) {
            const QString zoneCode = site + QLatin1Char('-')
                                     + QChar(QLatin1Char('A').unicode() + z);
            auto zoneLocation = masterData.createLocation(*manager,
                                                          {warehouse->id,
                                                           LocationKind::Zone,
                                                           zoneCode,
                                                           QStringLiteral("Zone %1").arg(QChar(
                                                               QLatin1Char('A').unicode() + z)),
                                                           {}});
            if (!zoneLocation)
                return std::unexpected(zoneLocation.error());
            ++summary.locations;
            for (int b = 1; b <= options.binsPerZone; ++b) {
                const QString code = QStringLiteral("%1-%2").arg(zoneCode).arg(b,
                                                                               2,
                                                                               10,
                                                                               QLatin1Char('0'));
                auto bin = masterData.createLocation(*manager,
                                                     {zoneLocation->id,
                                                      LocationKind::Bin,
                                                      code,
                                                      QStringLiteral("Bin %1").arg(code),
                                                      QStringLiteral("L") + code});
                if (!bin)
                    return std::unexpected(bin.error());
                binsOfWarehouse.last() << bin->id;
                ++summary.locations;
            }
        }
    }
    if (progress)
        progress(QStringLiteral("locations"), summary.locations, summary.locations);

    // Products and thresholds
    QList<DemoProduct> products;
    products.reserve(options.products);
    for (int i = 0; i < options.products; ++i) {
        const Category &category = categories[random.between(0, categories.size() - 1)];
        const auto &brand = brands[random.between(0, brands.size() - 1)];
        const auto &choices = variantsOf(category.variants);
        const auto &variant = choices[random.between(0, choices.size() - 1)];
        const QString model = QStringLiteral("%1").arg(i + 1, 4, 10, QLatin1Char('0'));
        const QString ean = Barcodes::withCheckDigit(
            QStringLiteral("880123%1").arg(i + 1, 6, 10, QLatin1Char('0')));
        auto product = masterData.createProduct(*manager,
                                                {QStringLiteral("SKU-%1")
                                                     .arg(i + 1, 5, 10, QLatin1Char('0')),
                                                 QStringLiteral("%1 %2, %3 (%4)")
                                                     .arg(QString::fromLatin1(brand.first),
                                                          QString::fromLatin1(category.english),
                                                          QString::fromLatin1(variant.first),
                                                          model),
                                                 QStringLiteral("%1 %2 %3 (%4)")
                                                     .arg(QString::fromUtf8(brand.second),
                                                          QString::fromUtf8(category.korean),
                                                          QString::fromUtf8(variant.second),
                                                          model),
                                                 QString::fromLatin1(category.unit),
                                                 category.lots,
                                                 {ean}});
        if (!product)
            return std::unexpected(product.error());
        DemoProduct demo{product->id, category.lots, {}};
        for (const QList<qint64> &bins : binsOfWarehouse) {
            for (int h = 0; h < options.homeBinsPerProduct; ++h)
                demo.homeBins << bins.at(random.between(0, bins.size() - 1));
        }
        products.append(demo);
        if (progress && (i + 1) % 500 == 0)
            progress(QStringLiteral("products"), i + 1, options.products);
    }
    summary.products = int(products.size());
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());

    // Movements, in batches of one transaction each.
    QHash<PlacedStock, qint64> stock;
    QList<PlacedStock> stocked; // keys that may hold stock; pruned lazily
    int lotCounter = 0;
    const qint64 perDay = qMax<qint64>(1, options.movements / options.days);
    qint64 posted = 0;
    const auto advance = [&](qint64 index) {
        const qint64 day = qMin<qint64>(index / perDay, options.days - 1);
        const qint64 secondOfDay = 8 * 3600 + (index % perDay) * (10 * 3600) / perDay;
        clock.set(QDateTime(firstDay.addDays(day), QTime(0, 0), zone).addSecs(secondOfDay).toUTC());
    };
    const auto record = [&](const Actor &actor, const MovementCommand &command) -> Status {
        auto result = movements.post(actor, command);
        if (!result)
            return std::unexpected(result.error());
        summary.movements += int(result->lines.size());
        return {};
    };

    // One movement; returns without posting when the pick does not make sense.
    const auto step = [&]() -> Status {
        const int roll = int(random.between(1, 100));
        // Until something is in stock, everything is a receipt.
        const bool receive = stocked.isEmpty() || roll <= 27 || posted < options.products / 2;
        if (receive) {
            const DemoProduct &product = products.at(random.between(0, products.size() - 1));
            const qint64 bin = product.homeBins.at(random.between(0, product.homeBins.size() - 1));
            QString lot;
            QDate expiry;
            if (product.lots) {
                lot = QStringLiteral("L%1-%2")
                          .arg(clock.now().date().toString(QStringLiteral("yyMMdd")))
                          .arg(++lotCounter);
                // Most lots keep for months to years; a few are short-dated, and of those
                // some are still on the shelf, expiring or expired, at the end.
                expiry = clock.now().date().addDays(random.between(1, 1000) <= 3
                                                        ? random.between(20, 150)
                                                        : random.between(240, 720));
            }
            const qint64 quantity = random.between(10, 120);
            if (auto done = record(*clerk,
                                   ReceiveStock{product.id,
                                                bin,
                                                lot,
                                                expiry,
                                                quantity,
                                                {},
                                                QStringLiteral("PO-%1").arg(posted + 1000)});
                !done)
                return std::unexpected(done.error());
            const PlacedStock key{product.id, bin, lot};
            if (stock.value(key) <= 0)
                stocked.append(key);
            stock[key] += quantity;
        } else {
            const qsizetype pick = random.between(0, stocked.size() - 1);
            const PlacedStock key = stocked.at(pick);
            const qint64 onHand = stock.value(key);
            if (onHand <= 0) {
                stocked.swapItemsAt(pick, stocked.size() - 1);
                stocked.removeLast();
                return {};
            }
            if (roll <= 82) {
                const qint64 quantity = random.between(1, qMin<qint64>(onHand, 60));
                if (auto done = record(*clerk,
                                       IssueStock{key.product,
                                                  key.location,
                                                  key.lot,
                                                  quantity,
                                                  {},
                                                  QStringLiteral("SO-%1").arg(posted + 5000)});
                    !done)
                    return std::unexpected(done.error());
                stock[key] -= quantity;
            } else if (roll <= 92) {
                const qsizetype warehouse = random.between(0, binsOfWarehouse.size() - 1);
                const qint64 to = binsOfWarehouse.at(warehouse).at(
                    random.between(0, binsOfWarehouse.at(warehouse).size() - 1));
                if (to == key.location)
                    return {};
                const qint64 quantity = random.between(1, onHand);
                if (auto done = record(*clerk,
                                       TransferStock{key.product,
                                                     key.location,
                                                     to,
                                                     key.lot,
                                                     quantity,
                                                     QStringLiteral("replenishment"),
                                                     {}});
                    !done)
                    return std::unexpected(done.error());
                stock[key] -= quantity;
                const PlacedStock target{key.product, to, key.lot};
                if (stock.value(target) <= 0)
                    stocked.append(target);
                stock[target] += quantity;
            } else if (roll <= 97) {
                const qint64 counted = random.chance(70)
                                           ? onHand
                                           : qMax<qint64>(0, onHand + random.between(-3, 2));
                if (auto done = record(*clerk,
                                       CountStock{key.product,
                                                  key.location,
                                                  key.lot,
                                                  counted,
                                                  onHand,
                                                  QStringLiteral("cycle count"),
                                                  {}});
                    !done)
                    return std::unexpected(done.error());
                stock[key] = counted;
            } else {
                const qint64 delta = -random.between(1, qMin<qint64>(onHand, 3));
                if (auto done = record(*manager,
                                       AdjustStock{key.product,
                                                   key.location,
                                                   key.lot,
                                                   delta,
                                                   QStringLiteral("damaged in handling"),
                                                   {}});
                    !done)
                    return std::unexpected(done.error());
                stock[key] += delta;
            }
        }
        ++posted;
        return {};
    };

    while (posted < options.movements) {
        auto batch = Transaction::begin(db);
        if (!batch)
            return std::unexpected(batch.error());
        const qint64 batchEnd = qMin<qint64>(posted + 2000, options.movements);
        while (posted < batchEnd) {
            advance(posted);
            if (auto done = step(); !done)
                return std::unexpected(done.error());
        }
        if (auto committed = batch->commit(); !committed)
            return std::unexpected(committed.error());
        if (progress)
            progress(QStringLiteral("movements"), posted, options.movements);
    }

    // Thresholds, set by a manager who knows the stock: for about 40% of the products in
    // each warehouse, a minimum well under what is there and a maximum well over it, so
    // that a few dozen products stand out (below minimum, above maximum), as in a real
    // warehouse, rather than thousands.
    QHash<qint64, qint64> warehouseOfBin;
    for (qsizetype w = 0; w < binsOfWarehouse.size(); ++w) {
        for (qint64 bin : binsOfWarehouse.at(w))
            warehouseOfBin.insert(bin, warehouseIds.at(w));
    }
    QHash<std::pair<qint64, qint64>, qint64> totals;
    for (auto it = stock.cbegin(); it != stock.cend(); ++it)
        totals[{it.key().product, warehouseOfBin.value(it.key().location)}] += it.value();
    auto thresholds = Transaction::begin(db);
    if (!thresholds)
        return std::unexpected(thresholds.error());
    for (const DemoProduct &product : std::as_const(products)) {
        for (qint64 warehouseId : warehouseIds) {
            if (!random.chance(40))
                continue;
            const qint64 total = totals.value({product.id, warehouseId});
            if (total <= 0)
                continue; // nothing of it is kept there
            qint64 min = qMax<qint64>(1, total * random.between(20, 45) / 100);
            qint64 max = qMax<qint64>(min * 3, total * random.between(160, 300) / 100);
            const int roll = int(random.between(1, 1000));
            if (roll <= 5) // below minimum
                min = total + random.between(5, 40);
            else if (roll <= 8 && total > 10) // above maximum
                max = qMax<qint64>(min + 1, total * random.between(50, 90) / 100);
            max = qMax(max, min + 1);
            if (auto set = masterData.setThreshold(*manager,
                                                   {product.id, warehouseId, 0, min, max, min * 2});
                !set)
                return std::unexpected(set.error());
        }
    }
    if (auto committed = thresholds->commit(); !committed)
        return std::unexpected(committed.error());
    return summary;
}

} // namespace Stockroom
