#include "scanresolver.h"

#include "model/domain/barcodes.h"
#include "model/domain/gs1.h"
#include "model/domain/tr.h"

#include <algorithm>

namespace Stockroom {

namespace {

// The scan without what a scanner or a keyboard wedge adds around it (a trailing CR or
// LF, stray control characters), keeping the group separator a GS1 label needs.
QString cleaned(const QString &scan)
{
    QString text;
    text.reserve(scan.size());
    for (QChar c : scan) {
        if (c == QChar(Gs1::groupSeparator) || (c.isPrint() && c != QChar::Null))
            text.append(c);
    }
    return text.trimmed();
}

} // namespace

ScanResolver::ScanResolver(const Catalog &catalog)
    : m_catalog(catalog)
{}

Result<ScanResult> ScanResolver::resolve(const QString &scan, const QDate &today) const
{
    ScanResult result;
    result.code = cleaned(scan);
    if (result.code.isEmpty())
        return fail(ErrorCode::InvalidInput, Tr::tr("The scan was empty."));

    if (Gs1::looksLikeElementString(result.code)) {
        auto label = Gs1::parse(result.code, today);
        if (!label)
            return std::unexpected(label.error());
        if (label->gtin.isEmpty())
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("This GS1 label names no product (no GTIN, AI 01)."));
        const QStringList codes = Gs1::productCodes(label->gtin);
        for (const QString &code : codes) {
            auto product = m_catalog.productByBarcode(code);
            if (product) {
                result.product = *product;
                break;
            }
            if (product.error().code != ErrorCode::UnknownBarcode)
                return std::unexpected(product.error());
        }
        if (!result.product)
            return fail(ErrorCode::UnknownBarcode, Tr::tr("Unknown barcode %1").arg(codes.first()));
        result.lot = label->lot;
        result.expiry = label->expiry;
        result.serial = label->serial;
        result.quantity = label->count;
        return result;
    }

    // A location label sets where the clerk is; its code never looks like a retail code.
    auto location = m_catalog.findLocation(result.code);
    if (location) {
        result.kind = ScanResult::Kind::Location;
        result.location = *location;
        return result;
    }
    if (location.error().code != ErrorCode::NotFound)
        return std::unexpected(location.error());

    auto product = m_catalog.findProduct(result.code);
    if (product) {
        result.product = *product;
        return result;
    }
    // A misread retail code says so, rather than "unknown".
    const bool retailLength = result.code.size() == 8 || result.code.size() == 12
                              || result.code.size() == 13;
    if (product.error().code == ErrorCode::UnknownBarcode && retailLength
        && std::all_of(result.code.cbegin(), result.code.cend(), [](QChar c) {
               return c >= QLatin1Char('0') && c <= QLatin1Char('9');
           })) {
        if (auto checked = Barcodes::classify(result.code); !checked)
            return std::unexpected(checked.error());
    }
    return std::unexpected(product.error());
}

} // namespace Stockroom
