// record and stock.

#include "clisession.h"
#include "commands.h"

#include "model/domain/tr.h"
#include "model/io/csv.h"
#include "model/services/stockqueries.h"

#include <QCommandLineParser>

#include <cstdio>
#include <optional>

namespace Stockroom::Cli {

namespace {

Result<qint64> number(const QCommandLineParser &parser, const char *option)
{
    const QString name = QString::fromLatin1(option);
    if (!parser.isSet(name))
        return fail(ErrorCode::InvalidInput, Tr::tr("Give --%1.").arg(name));
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok)
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("--%1 takes a whole number, not \"%2\".").arg(name, parser.value(name)));
    return value;
}

Result<MovementCommand> commandFrom(const QString &type,
                                    const QCommandLineParser &parser,
                                    const Catalog &catalog)
{
    auto product = catalog.findProduct(parser.value(QStringLiteral("product")));
    if (!product)
        return std::unexpected(product.error());
    const auto location = [&](const char *option) -> Result<qint64> {
        const QString code = parser.value(QString::fromLatin1(option));
        if (code.isEmpty())
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("Give --%1.").arg(QString::fromLatin1(option)));
        auto found = catalog.findLocation(code);
        if (!found)
            return std::unexpected(found.error());
        return found->id;
    };
    const QString lot = parser.value(QStringLiteral("lot"));
    const QString reason = parser.value(QStringLiteral("reason"));
    const QString reference = parser.value(QStringLiteral("reference"));

    if (type == QLatin1String("transfer")) {
        auto from = location("from");
        auto to = location("to");
        auto quantity = number(parser, "qty");
        if (!from || !to || !quantity)
            return std::unexpected(!from ? from.error() : !to ? to.error() : quantity.error());
        return TransferStock{product->id, *from, *to, lot, *quantity, reason, reference};
    }
    auto at = location("location");
    if (!at)
        return std::unexpected(at.error());
    if (type == QLatin1String("receive")) {
        auto quantity = number(parser, "qty");
        if (!quantity)
            return std::unexpected(quantity.error());
        QDate expiry;
        if (parser.isSet(QStringLiteral("expiry"))) {
            expiry = QDate::fromString(parser.value(QStringLiteral("expiry")), Qt::ISODate);
            if (!expiry.isValid())
                return fail(ErrorCode::InvalidInput, Tr::tr("Write --expiry as YYYY-MM-DD."));
        }
        return ReceiveStock{product->id, *at, lot, expiry, *quantity, reason, reference};
    }
    if (type == QLatin1String("issue")) {
        auto quantity = number(parser, "qty");
        if (!quantity)
            return std::unexpected(quantity.error());
        return IssueStock{product->id, *at, lot, *quantity, reason, reference};
    }
    if (type == QLatin1String("adjust")) {
        auto delta = number(parser, "delta");
        if (!delta)
            return std::unexpected(delta.error());
        return AdjustStock{product->id, *at, lot, *delta, reason, reference};
    }
    if (type == QLatin1String("count")) {
        auto counted = number(parser, "counted");
        if (!counted)
            return std::unexpected(counted.error());
        std::optional<qint64> against;
        if (parser.isSet(QStringLiteral("against"))) {
            auto value = number(parser, "against");
            if (!value)
                return std::unexpected(value.error());
            against = *value;
        }
        return CountStock{product->id, *at, lot, *counted, against, reason, reference};
    }
    return fail(ErrorCode::InvalidInput,
                Tr::tr("Record receive, issue, transfer, adjust or count, not \"%1\".").arg(type));
}

QString statusText(StockStatus status)
{
    switch (status) {
    case StockStatus::Ok:
        return QString();
    case StockStatus::BelowMin:
        return Tr::tr("below min");
    case StockStatus::AboveMax:
        return Tr::tr("above max");
    case StockStatus::Negative:
        return Tr::tr("NEGATIVE");
    }
    return QString();
}

QString alertText(const Alert &alert)
{
    switch (alert.kind) {
    case Alert::Kind::BelowMin:
        return Tr::tr("below min %1").arg(*alert.limit);
    case Alert::Kind::AboveMax:
        return Tr::tr("above max %1").arg(*alert.limit);
    case Alert::Kind::AtReorderPoint:
        return Tr::tr("at reorder point %1").arg(*alert.limit);
    case Alert::Kind::Negative:
        return Tr::tr("negative stock");
    case Alert::Kind::Expiring:
        return Tr::tr("lot %1 expires %2").arg(alert.lotCode, alert.expiry.toString(Qt::ISODate));
    case Alert::Kind::Expired:
        return Tr::tr("lot %1 EXPIRED %2").arg(alert.lotCode, alert.expiry.toString(Qt::ISODate));
    }
    return QString();
}

int printSummary(CliSession &session, int expiringDays)
{
    StockQueries queries(session.db());
    auto summary = queries.summary();
    if (!summary)
        return failWith(summary.error().message);
    print(Tr::tr("%1  %2  %3  %4  %5\n")
              .arg(Tr::tr("Warehouse"), -34)
              .arg(Tr::tr("Products"), 8)
              .arg(Tr::tr("Stock rows"), 10)
              .arg(Tr::tr("Quantity"), 12)
              .arg(Tr::tr("Negative"), 8));
    for (const WarehouseSummary &w : *summary) {
        print(QStringLiteral("%1  %2  %3  %4  %5\n")
                  .arg(w.code + QStringLiteral(" ") + w.name, -34)
                  .arg(w.products, 8)
                  .arg(w.stockRows, 10)
                  .arg(w.totalQuantity, 12)
                  .arg(w.negativeRows, 8));
    }
    auto alerts = queries.alerts(session.clock().now().date(), expiringDays);
    if (!alerts)
        return failWith(alerts.error().message);
    int below = 0, above = 0, reorder = 0, negative = 0, expiring = 0, expired = 0;
    for (const Alert &alert : *alerts) {
        switch (alert.kind) {
        case Alert::Kind::BelowMin:
            ++below;
            break;
        case Alert::Kind::AboveMax:
            ++above;
            break;
        case Alert::Kind::AtReorderPoint:
            ++reorder;
            break;
        case Alert::Kind::Negative:
            ++negative;
            break;
        case Alert::Kind::Expiring:
            ++expiring;
            break;
        case Alert::Kind::Expired:
            ++expired;
            break;
        }
    }
    print(Tr::tr("Alerts: %1 below min, %2 at reorder point, %3 above max, %4 negative, "
                 "%5 lots expiring within %6 days, %7 expired.\n")
              .arg(below)
              .arg(reorder)
              .arg(above)
              .arg(negative)
              .arg(expiring)
              .arg(expiringDays)
              .arg(expired));
    return 0;
}

} // namespace

int runRecord(const QStringList &arguments)
{
    QCommandLineParser parser;
    CliSession::addOptions(parser);
    parser.addPositionalArgument(QStringLiteral("type"),
                                 Tr::tr("receive, issue, transfer, adjust or count"));
    for (const auto &[name, help] :
         {std::pair{"product", "The product's barcode or SKU."},
          std::pair{"location", "The location's code or barcode."},
          std::pair{"from", "Transfer: where from."},
          std::pair{"to", "Transfer: where to."},
          std::pair{"qty", "The quantity (receive, issue, transfer)."},
          std::pair{"delta", "Adjust: the change, such as -2."},
          std::pair{"counted", "Count: the quantity counted."},
          std::pair{"against", "Count: the stock the count was taken against."},
          std::pair{"lot", "The lot."},
          std::pair{"expiry", "Receive: the new lot's expiry, YYYY-MM-DD."},
          std::pair{"reason", "Why."},
          std::pair{"reference", "An order or document number."}}) {
        parser.addOption({QString::fromLatin1(name), Tr::tr(help), QStringLiteral("value")});
    }
    if (auto exit = parseOrExit(parser, arguments, Tr::tr("Records one movement.")))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return failWith(Tr::tr("Say what to record: receive, issue, transfer, adjust or count."));
    auto session = CliSession::open(parser);
    if (!session)
        return failWith(session.error().message);
    auto command = commandFrom(parser.positionalArguments().first(), parser, (*session)->catalog());
    if (!command)
        return failWith(command.error().message);
    auto posted = (*session)->movements().post((*session)->actor(), *command);
    if (!posted)
        return failWith(posted.error().message);
    for (int i = 0; i < posted->lines.size(); ++i) {
        const MovementLine &line = posted->lines.at(i);
        auto location = (*session)->catalog().location(line.locationId);
        print(Tr::tr("%1 %2 %3 at %4: stock now %5%6\n")
                  .arg(toString(line.type), line.id)
                  .arg(line.delta > 0 ? QStringLiteral("+%1").arg(line.delta)
                                      : QString::number(line.delta))
                  .arg(location ? location->code : QString::number(line.locationId))
                  .arg(posted->stockAfter.at(i).quantity)
                  .arg(posted->wentNegative ? Tr::tr(" (below zero: an alert is raised)")
                                            : QString()));
    }
    return 0;
}

int runStock(const QStringList &arguments)
{
    QCommandLineParser parser;
    CliSession::addOptions(parser);
    parser.addOption(
        {QStringLiteral("product"), Tr::tr("Only this product (barcode or SKU)."), Tr::tr("code")});
    parser.addOption({QStringLiteral("location"),
                      Tr::tr("Only this location and what is under it."),
                      Tr::tr("code")});
    parser.addOption({QStringLiteral("warehouse"), Tr::tr("Only this warehouse."), Tr::tr("code")});
    parser.addOption({QStringLiteral("search"),
                      Tr::tr("Only rows whose SKU or name contains this."),
                      Tr::tr("text")});
    parser.addOption({QStringLiteral("low"), Tr::tr("Only products below their minimum.")});
    parser.addOption({QStringLiteral("expiring"),
                      Tr::tr("Only lots expiring within this many days."),
                      Tr::tr("days")});
    parser.addOption({QStringLiteral("summary"), Tr::tr("Totals per warehouse and alert counts.")});
    parser.addOption({QStringLiteral("alerts"), Tr::tr("List the alerts.")});
    parser.addOption({QStringLiteral("csv"), Tr::tr("Write CSV instead of a table.")});
    parser.addOption({QStringLiteral("limit"),
                      Tr::tr("At most this many rows (0: all)."),
                      Tr::tr("n"),
                      QStringLiteral("0")});
    if (auto exit = parseOrExit(parser, arguments, Tr::tr("Shows stock on hand.")))
        return *exit;
    auto opened = CliSession::open(parser);
    if (!opened)
        return failWith(opened.error().message);
    CliSession &session = **opened;
    const int expiringDays = parser.isSet(QStringLiteral("expiring"))
                                 ? parser.value(QStringLiteral("expiring")).toInt()
                                 : 30;
    if (parser.isSet(QStringLiteral("summary")))
        return printSummary(session, expiringDays);

    StockQueries queries(session.db());
    const QDate today = session.clock().now().date();
    if (parser.isSet(QStringLiteral("alerts"))) {
        auto alerts = queries.alerts(today, expiringDays);
        if (!alerts)
            return failWith(alerts.error().message);
        for (const Alert &alert : *alerts)
            print(QStringLiteral("%1  %2  %3  %4\n")
                      .arg(alert.sku, -10)
                      .arg(alert.quantity, 8)
                      .arg(alertText(alert), -30)
                      .arg(alert.name));
        return 0;
    }

    StockFilter filter;
    filter.text = parser.value(QStringLiteral("search"));
    filter.lowStockOnly = parser.isSet(QStringLiteral("low"));
    if (parser.isSet(QStringLiteral("expiring")))
        filter.expiringWithinDays = expiringDays;
    if (parser.isSet(QStringLiteral("product"))) {
        auto product = session.catalog().findProduct(parser.value(QStringLiteral("product")));
        if (!product)
            return failWith(product.error().message);
        filter.productId = product->id;
    }
    for (const auto &[option, target] :
         {std::pair{"location", &filter.locationId}, std::pair{"warehouse", &filter.warehouseId}}) {
        if (!parser.isSet(QString::fromLatin1(option)))
            continue;
        auto location = session.catalog().findLocation(parser.value(QString::fromLatin1(option)));
        if (!location)
            return failWith(location.error().message);
        *target = location->id;
    }
    const bool csv = parser.isSet(QStringLiteral("csv"));
    const qint64 limit = parser.value(QStringLiteral("limit")).toLongLong();
    std::optional<StockCursor> cursor;
    qint64 printed = 0;
    for (;;) {
        auto page = queries.page(filter, {}, cursor, 1000, today);
        if (!page)
            return failWith(page.error().message);
        if (!cursor) {
            if (csv)
                print(Csv::formatRecord({QStringLiteral("sku"),
                                         QStringLiteral("name"),
                                         QStringLiteral("location"),
                                         QStringLiteral("lot"),
                                         QStringLiteral("expiry"),
                                         QStringLiteral("quantity"),
                                         QStringLiteral("unit"),
                                         QStringLiteral("status")}));
            else
                print(QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                          .arg(Tr::tr("SKU"), -10)
                          .arg(Tr::tr("Location"), -10)
                          .arg(Tr::tr("Lot"), -14)
                          .arg(Tr::tr("Expiry"), -10)
                          .arg(Tr::tr("Quantity"), 12)
                          .arg(Tr::tr("Product")));
        }
        for (const StockRow &row : *page) {
            const QString expiry = row.expiry.isValid() ? row.expiry.toString(Qt::ISODate)
                                                        : QString();
            if (csv) {
                print(Csv::formatRecord({row.sku,
                                         row.name,
                                         row.locationCode,
                                         row.lotCode,
                                         expiry,
                                         QString::number(row.quantity),
                                         row.unit,
                                         statusText(row.status)}));
            } else {
                print(QStringLiteral("%1  %2  %3  %4  %5  %6 %7\n")
                          .arg(row.sku, -10)
                          .arg(row.locationCode, -10)
                          .arg(row.lotCode, -14)
                          .arg(expiry, -10)
                          .arg(QStringLiteral("%1 %2").arg(row.quantity).arg(row.unit), 12)
                          .arg(row.name, statusText(row.status)));
            }
            if (limit > 0 && ++printed >= limit)
                return 0;
        }
        if (page->size() < 1000)
            return 0;
        cursor = StockQueries::cursorAfter(page->last());
    }
}

} // namespace Stockroom::Cli
