// model_bench: the model's speed, beside a raw SQLCipher baseline doing the same writes.
//
// 1. Writes: movements per second through the commands, batched in one transaction and
//    one per transaction, against plain C calls doing the same insert and stock update
//    on the same schema, in the same run.
// 2. Reads: on a database of 1,000,000 movements, the time from opening the file to the
//    first page of the stock model, and the time a stock filter takes.
// The large database is built once with DemoData and kept in the working directory.

#include "benchsupport.h"

#include "model/domain/barcodes.h"
#include "model/domain/ids.h"
#include "model/io/demodata.h"
#include "model/itemmodels/stockmodel.h"
#include "model/services/movementservice.h"
#include "model/services/userservice.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <sqlcipher/sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Stockroom;
using Bench::die;
using Bench::need;
using Bench::percentile;

namespace {

const QString key = QStringLiteral("bench-key");

class BenchClock final : public Clock
{
public:
    QDateTime now() const override { return m_now; }
    void tick() { m_now = m_now.addMSecs(250); }

private:
    QDateTime m_now = QDateTime(QDate(2026, 6, 1), QTime(8, 0), QTimeZone::utc());
};

// A fresh database with one warehouse, 100 bins, 1,000 products and a clerk.
struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    BenchClock clock;
    std::unique_ptr<StockLedger> ledger;
    std::unique_ptr<MovementService> movements;
    Actor clerk;
    QList<qint64> products;
    QList<qint64> bins;

    Fixture()
    {
        db = need(Database::create(path(), key), "create");
        need(DemoData::generate(*db, Bench::smallCatalogue(), SystemClock()), "demo");
        ledger = std::make_unique<StockLedger>(*db);
        movements = std::make_unique<MovementService>(*db, *ledger, clock);
        clerk = need(UserService(*db, clock).actorFor(QString::fromLatin1(DemoData::clerkName)),
                     "clerk");
        auto ids = need(db->run(QStringLiteral(
                            "SELECT id FROM products WHERE lot_tracked = 0 ORDER BY id")),
                        "ids");
        while (ids->next())
            products << ids->value(0).toLongLong();
        auto locations = need(db->run(
                                  QStringLiteral("SELECT id FROM locations WHERE kind = 'bin'")),
                              "bins");
        while (locations->next())
            bins << locations->value(0).toLongLong();
    }
    QString path() const { return dir.filePath(QStringLiteral("bench.db")); }
    ReceiveStock receipt(int i) const
    {
        return {products.at(i % products.size()), bins.at((i / 7) % bins.size()), {}, {}, 5, {}, {}};
    }
};

// The raw baseline: prepared statements on the same file and schema, no Qt, no rules.
// How the raw writer treats foreign keys and savepoints: the baseline uses neither; the
// journal-cost table varies them to show what SQLCipher's encrypted journals cost.
struct RawMode
{
    enum class ForeignKeys { Off, Immediate, Deferred };
    ForeignKeys foreignKeys = ForeignKeys::Off;
    int savepointsPerWrite = 0;
};

struct RawWriter
{
    sqlite3 *db = nullptr;
    sqlite3_stmt *insert = nullptr;
    sqlite3_stmt *update = nullptr;
    sqlite3_stmt *insertStock = nullptr;
    long long seq = 0;
    RawMode mode;

    explicit RawWriter(const QString &path, RawMode rawMode = {})
        : mode(rawMode)
    {
        const QByteArray file = path.toUtf8();
        const QByteArray k = key.toUtf8();
        if (sqlite3_open_v2(file.constData(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK
            || sqlite3_key(db, k.constData(), int(k.size())) != SQLITE_OK)
            die(QStringLiteral("raw open"));
        exec("PRAGMA journal_mode = WAL");
        exec("PRAGMA synchronous = FULL");
        exec("PRAGMA cache_size = -65536");
        if (mode.foreignKeys != RawMode::ForeignKeys::Off)
            exec("PRAGMA foreign_keys = ON");
        prepare(&insert,
                "INSERT INTO movements (id, leg, type, product_id, location_id, lot_id, delta, "
                "device_id, "
                "device_seq, user_id, occurred_at, reason, reference, hash) "
                "VALUES (?1, 0, 'receipt', ?2, ?3, 0, 5, 'raw-device', ?4, 1, ?5, '', '', ?6)");
        prepare(&update,
                "UPDATE stock SET quantity = quantity + 5, version = version + 1 "
                "WHERE product_id = ?1 AND location_id = ?2 AND lot_id = 0");
        prepare(
            &insertStock,
            "INSERT INTO stock (product_id, location_id, lot_id, quantity) VALUES (?1, ?2, 0, 5)");
    }
    ~RawWriter()
    {
        sqlite3_finalize(insert);
        sqlite3_finalize(update);
        sqlite3_finalize(insertStock);
        sqlite3_close(db);
    }
    void exec(const char *sql)
    {
        if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            die(QStringLiteral("raw %1: %2")
                    .arg(QString::fromLatin1(sql), QString::fromUtf8(sqlite3_errmsg(db))));
    }
    void prepare(sqlite3_stmt **stmt, const char *sql)
    {
        if (sqlite3_prepare_v2(db, sql, -1, stmt, nullptr) != SQLITE_OK)
            die(QStringLiteral("raw prepare: %1").arg(QString::fromUtf8(sqlite3_errmsg(db))));
    }
    void begin()
    {
        exec("BEGIN IMMEDIATE");
        if (mode.foreignKeys == RawMode::ForeignKeys::Deferred)
            exec("PRAGMA defer_foreign_keys = ON"); // for this transaction
    }
    void write(long long product, long long location)
    {
        static const char *const savepoints[] = {"SAVEPOINT a", "SAVEPOINT b"};
        static const char *const releases[] = {"RELEASE b", "RELEASE a"};
        for (int i = 0; i < mode.savepointsPerWrite; ++i)
            exec(savepoints[i]);
        writeRow(product, location);
        for (int i = 2 - mode.savepointsPerWrite; i < 2; ++i)
            exec(releases[i]);
    }
    void writeRow(long long product, long long location)
    {
        ++seq;
        // The same kind of id the commands make: time-ordered (UUID version 7).
        const QByteArray id = Ids::timeOrdered(1780300800000LL + seq * 250,
                                               quint64(seq) * 0x9e3779b97f4a7c15ULL,
                                               quint64(seq) * 0xbf58476d1ce4e5b9ULL)
                                  .toLatin1();
        static const char hash[]
            = "0000000000000000000000000000000000000000000000000000000000000000";
        sqlite3_bind_text(insert, 1, id.constData(), int(id.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int64(insert, 2, product);
        sqlite3_bind_int64(insert, 3, location);
        sqlite3_bind_int64(insert, 4, seq);
        sqlite3_bind_int64(insert, 5, 1780300800000LL + seq);
        sqlite3_bind_text(insert, 6, hash, -1, SQLITE_STATIC);
        if (sqlite3_step(insert) != SQLITE_DONE)
            die(QStringLiteral("raw insert: %1").arg(QString::fromUtf8(sqlite3_errmsg(db))));
        sqlite3_reset(insert);
        sqlite3_bind_int64(update, 1, product);
        sqlite3_bind_int64(update, 2, location);
        sqlite3_step(update);
        sqlite3_reset(update);
        if (sqlite3_changes(db) == 0) {
            sqlite3_bind_int64(insertStock, 1, product);
            sqlite3_bind_int64(insertStock, 2, location);
            sqlite3_step(insertStock);
            sqlite3_reset(insertStock);
        }
    }
};

struct WriteFigures
{
    double batchedRate = 0;
    double singleP50 = 0;
    double singleP99 = 0;
    double singleRate = 0;
    bool clean = true;
};

constexpr int batched = 20000;
constexpr int single = 1000;

// Writes the batch of receipts through raw C in one transaction; returns movements/s.
double rawBatch(Fixture &f, RawWriter &raw)
{
    QElapsedTimer timer;
    timer.start();
    raw.begin();
    for (int i = 0; i < batched; ++i) {
        const ReceiveStock r = f.receipt(i);
        raw.write(r.productId, r.locationId);
    }
    raw.exec("COMMIT");
    return batched / (double(timer.nsecsElapsed()) / 1e9);
}

WriteFigures rawWrites()
{
    Fixture f;
    f.ledger.reset();
    f.movements.reset();
    f.db.reset();
    RawWriter raw(f.path());
    WriteFigures figures;
    figures.batchedRate = rawBatch(f, raw);
    QElapsedTimer timer;
    timer.start();
    std::vector<double> latencies;
    double total = 0;
    for (int i = 0; i < single; ++i) {
        const ReceiveStock r = f.receipt(batched + i);
        timer.restart();
        raw.begin();
        raw.write(r.productId, r.locationId);
        raw.exec("COMMIT");
        latencies.push_back(double(timer.nsecsElapsed()) / 1e6);
        total += latencies.back();
    }
    figures.singleP50 = percentile(latencies, 50);
    figures.singleP99 = percentile(latencies, 99);
    figures.singleRate = single / (total / 1000.0);
    return figures;
}

WriteFigures commandWrites()
{
    Fixture f;
    WriteFigures figures;
    QElapsedTimer timer;
    timer.start();
    {
        auto tx = need(Transaction::begin(*f.db), "begin");
        for (int i = 0; i < batched; ++i) {
            f.clock.tick();
            need(f.movements->post(f.clerk, f.receipt(i)), "post");
        }
        need(tx.commit(), "commit");
    }
    figures.batchedRate = batched / (double(timer.nsecsElapsed()) / 1e9);
    std::vector<double> latencies;
    double total = 0;
    for (int i = 0; i < single; ++i) {
        f.clock.tick();
        const ReceiveStock r = f.receipt(batched + i);
        timer.restart();
        need(f.movements->post(f.clerk, r), "post");
        latencies.push_back(double(timer.nsecsElapsed()) / 1e6);
        total += latencies.back();
    }
    figures.singleP50 = percentile(latencies, 50);
    figures.singleP99 = percentile(latencies, 99);
    figures.singleRate = single / (total / 1000.0);
    figures.clean = need(f.ledger->verify(), "verify").isClean();
    return figures;
}

// Raw C writes under each journal setting, on a fresh database each: what SQLCipher's
// encrypted journals cost, and why the commands use no savepoints and deferred keys.
void journalCosts(int rounds)
{
    struct Variant
    {
        const char *name;
        RawMode mode;
    };
    const Variant variants[] = {
        {"no foreign keys, no savepoints (the baseline)", {}},
        {"foreign keys checked per statement", {RawMode::ForeignKeys::Immediate, 0}},
        {"foreign keys checked at commit", {RawMode::ForeignKeys::Deferred, 0}},
        {"two savepoints per movement, no foreign keys", {RawMode::ForeignKeys::Off, 2}},
    };
    std::printf(
        "\n== Raw C under each journal setting: %d receipts in one transaction, median of %d\n",
        batched,
        rounds);
    std::vector<std::vector<double>> rates(std::size(variants));
    for (int round = 0; round < rounds; ++round) {
        for (size_t v = 0; v < std::size(variants); ++v) {
            Fixture f;
            f.ledger.reset();
            f.movements.reset();
            f.db.reset();
            RawWriter raw(f.path(), variants[v].mode);
            rates[v].push_back(rawBatch(f, raw));
        }
    }
    for (size_t v = 0; v < std::size(variants); ++v)
        std::printf("  %-56s %12.0f movements/s\n", variants[v].name, percentile(rates[v], 50));
}

// This machine's speed drifts by a third between runs, raw C included, so the two sides
// run back to back in each round and the ratio is taken per round: the median of those
// paired ratios is the figure, beside the median rates.
void writes(int rounds)
{
    std::printf(
        "\n== Writes: %d receipts batched in one transaction, then %d one per transaction;\n"
        "   each side on a fresh database with the same schema, %d alternating rounds\n",
        batched,
        single,
        rounds);
    std::vector<WriteFigures> raw;
    std::vector<WriteFigures> commands;
    for (int round = 0; round < rounds; ++round) {
        raw.push_back(rawWrites());
        commands.push_back(commandWrites());
    }
    const auto median = [](const std::vector<WriteFigures> &all, double WriteFigures::*field) {
        std::vector<double> values;
        for (const WriteFigures &figures : all)
            values.push_back(figures.*field);
        return percentile(values, 50);
    };
    const double commandRate = median(commands, &WriteFigures::batchedRate);
    const double rawRate = median(raw, &WriteFigures::batchedRate);
    std::printf("%-58s %12s %12s\n", "", "commands", "raw C");
    std::printf("%-58s %12.0f %12.0f\n",
                "batched, one transaction: movements/s",
                commandRate,
                rawRate);
    std::vector<double> ratios;
    for (size_t round = 0; round < raw.size(); ++round)
        ratios.push_back(100.0 * commands[round].batchedRate / raw[round].batchedRate);
    std::printf("%-58s %11.0f%%\n",
                "  commands as a share of raw, median of rounds (>= 50%)",
                percentile(ratios, 50));
    std::printf("%-58s %6.0f%% to %.0f%%\n",
                "  lowest and highest round",
                *std::min_element(ratios.begin(), ratios.end()),
                *std::max_element(ratios.begin(), ratios.end()));
    std::printf("%-58s %12.2f %12.2f\n",
                "one per transaction (fsync each): p50 ms",
                median(commands, &WriteFigures::singleP50),
                median(raw, &WriteFigures::singleP50));
    std::printf("%-58s %12.2f %12.2f\n",
                "one per transaction: p99 ms (target < 5)",
                median(commands, &WriteFigures::singleP99),
                median(raw, &WriteFigures::singleP99));
    std::printf("%-58s %12.0f %12.0f\n",
                "one per transaction: movements/s",
                median(commands, &WriteFigures::singleRate),
                median(raw, &WriteFigures::singleRate));
    bool clean = true;
    for (const WriteFigures &figures : commands)
        clean = clean && figures.clean;
    std::printf("%-58s %12s\n", "verify after every round", clean ? "clean" : "DIFFERS");
}

void reads(const QString &path)
{
    std::printf("\n== Reads on %s\n", qPrintable(path));
    if (!QFile::exists(path)) {
        std::printf("building it once (1,000,000 movements; this takes a few minutes)...\n");
        std::fflush(stdout);
        DemoOptions options;
        options.products = 25000;
        options.movements = 1000000;
        options.days = 365;
        options.homeBinsPerProduct = 1;
        options.lastDay = QDate(2026, 11, 1);
        QElapsedTimer build;
        build.start();
        auto db = need(Database::create(path + QStringLiteral(".part"), key), "create");
        auto summary = need(DemoData::generate(*db, options, SystemClock()), "demo");
        db.reset();
        QFile::rename(path + QStringLiteral(".part"), path);
        std::printf("built in %.0f s: %d ledger lines, %d products\n",
                    double(build.elapsed()) / 1000.0,
                    summary.movements,
                    summary.products);
    }

    const auto today = [] {
        return QDate(2026, 11, 1);
    };
    QElapsedTimer timer;
    timer.start();
    auto db = need(Database::open(path, key), "open");
    const double opened = double(timer.nsecsElapsed()) / 1e6;
    StockLedger ledger(*db);
    StockModel model(*db, ledger, today);
    const double firstPage = double(timer.nsecsElapsed()) / 1e6;

    auto lines = need(db->run(QStringLiteral("SELECT count(*) FROM movements")), "count");
    lines->next();
    const qint64 ledgerLines = lines->value(0).toLongLong();
    lines->finish();
    auto stockRows = need(StockQueries(*db).count({}, today()), "stock rows");

    std::printf("%-58s %12lld\n", "ledger lines", qlonglong(ledgerLines));
    std::printf("%-58s %12lld\n", "stock rows", qlonglong(stockRows));
    std::printf("%-58s %12.1f\n", "open the database (key derivation, checks): ms", opened);
    std::printf("%-58s %12.1f\n", "open to first page of stock (target < 1000): ms", firstPage);

    struct Case
    {
        const char *name;
        StockFilter filter;
        StockSort sort;
    };
    StockFilter text;
    text.text = QStringLiteral("gloves");
    StockFilter korean;
    korean.text = QStringLiteral("라면");
    StockFilter rare;
    rare.text = QStringLiteral("SKU-1999");
    StockFilter barcode;
    barcode.text = Barcodes::withCheckDigit(QStringLiteral("880123012345")); // product 12,345
    StockFilter low;
    low.lowStockOnly = true;
    StockFilter expiring;
    expiring.expiringWithinDays = 30;
    StockFilter warehouse;
    warehouse.warehouseId = 1;
    const Case cases[] = {
        {"filter text \"gloves\"", text, {}},
        {"filter Korean text (ramyeon)", korean, {}},
        {"filter rare text \"SKU-1999\"", rare, {}},
        {"filter one barcode", barcode, {}},
        {"filter one warehouse", warehouse, {}},
        {"filter low stock", low, {}},
        {"filter lots expiring within 30 days", expiring, {}},
        {"no filter, sorted by quantity", {}, {StockColumn::Quantity, Qt::DescendingOrder}},
    };
    std::printf("%-58s %12s %8s\n",
                "stock model filter (median of 5; target < 50 ms)",
                "ms",
                "rows");
    for (const Case &c : cases) {
        std::vector<double> times;
        for (int run = 0; run < 5; ++run) {
            model.sort(int(c.sort.column), c.sort.order); // the sort resets too; timed below
            timer.restart();
            model.setFilter(c.filter);
            times.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        std::printf("  %-56s %12.1f %8d\n", c.name, percentile(times, 50), model.rowCount());
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    // model_bench [--writes-only] [--rounds N] [path of the large read database]
    bool writesOnly = false;
    int rounds = 0;
    QString big = QStringLiteral("bench-1m.db");
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--writes-only")) {
            writesOnly = true;
        } else if (args.at(i) == QLatin1String("--rounds") && i + 1 < args.size()) {
            rounds = std::max(1, args.at(++i).toInt());
        } else {
            big = args.at(i);
        }
    }
    QString cipherVersion;
    {
        QTemporaryDir dir;
        cipherVersion = need(Database::create(dir.filePath(QStringLiteral("v.db")), key), "create")
                            ->cipherVersion();
    }
    std::printf("model_bench: Stockroom %s, SQLCipher %s\n",
                STOCKROOM_VERSION,
                qPrintable(cipherVersion));
    writes(rounds > 0 ? rounds : writesOnly ? 5 : 9);
    if (!writesOnly) {
        journalCosts(3);
        reads(big);
    }
    return 0;
}
