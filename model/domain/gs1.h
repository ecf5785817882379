#pragma once

// Gs1: the GS1 element strings that GS1-128 and GS1 DataMatrix labels carry, so that one
// scan fills product, lot, expiry and quantity.
//
// A scanner sends the label's data after an optional symbology identifier ("]C1" for
// GS1-128, "]d2" for DataMatrix, "]Q3" for QR), with FNC1 between variable-length fields
// as the ASCII group separator (GS, 0x1D). parse() reads the application identifiers
// Stockroom uses (01 GTIN, 10 lot, 17 expiry, 21 serial, 30 and 37 count) and steps over
// other common ones (SSCC, dates, weights, ...). Anything it cannot read is an error that
// says what and where, never a guess.

#include "error.h"
#include "types.h"

#include <QDate>

#include <optional>

namespace Stockroom {

struct Gs1Data
{
    QString gtin;                // AI 01: 14 digits, check digit verified
    QString lot;                 // AI 10
    QDate expiry;                // AI 17; day 00 means the last day of the month
    QString serial;              // AI 21
    std::optional<qint64> count; // AI 30 (variable count) or 37 (count of trade items)
};

class Gs1
{
public:
    static constexpr char16_t groupSeparator = 0x1d;

    // Whether a scan is meant as an element string: it has a GS1 symbology identifier
    // or a group separator, or starts with AI 01 and fourteen digits.
    static bool looksLikeElementString(QStringView scan);

    // The element string's fields. today decides the century of two-digit years (GS1's
    // rule: from 49 years back to 50 ahead).
    static Result<Gs1Data> parse(QStringView scan, const QDate &today);

    // The codes a GTIN-14 may be stored under as a product barcode, most specific first:
    // EAN-13 (one leading zero dropped), UPC-A (two), EAN-8 (six), then the GTIN-14.
    static QStringList productCodes(const QString &gtin14);

    // The other way: the GTIN-14 of a product barcode (EAN-13, UPC-A or EAN-8, padded with
    // zeros), or empty for a code that is not one.
    static QString gtinOf(const Barcode &barcode);
    // The element string as a label prints it under the bars, AIs in parentheses:
    // "(01)04006381333931(17)270331(10)B-7781(37)24". Fixed-length fields come first, the
    // count last; fields left empty are left out.
    static QString humanReadable(const Gs1Data &data);
};

} // namespace Stockroom
