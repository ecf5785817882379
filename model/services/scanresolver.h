#pragma once

// ScanResolver: what one scan means, for the clerk's scan pipeline.
//
// A scan is a location label (it sets where the clerk is), a product's barcode or SKU, or
// a GS1 label that also brings lot, expiry, serial and count. resolve() says which, or
// refuses with a message a clerk can act on: "Unknown barcode 4006381333931", a wrong
// check digit, a GS1 label that cannot be read. It reads the catalogue and changes nothing.

#include "catalog.h"

#include <QDate>

#include <optional>

namespace Stockroom {

struct ScanResult
{
    enum class Kind { Location, Product };
    Kind kind = Kind::Product;
    QString code; // the scan as read, without control characters
    std::optional<Location> location;
    std::optional<Product> product;
    // From a GS1 label; empty when the scan did not carry them.
    QString lot;
    QDate expiry;
    QString serial;
    std::optional<qint64> quantity;
};

class ScanResolver
{
public:
    explicit ScanResolver(const Catalog &catalog);

    // today decides the century of a GS1 label's two-digit years.
    Result<ScanResult> resolve(const QString &scan, const QDate &today) const;

private:
    const Catalog &m_catalog;
};

} // namespace Stockroom
