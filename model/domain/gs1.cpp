#include "gs1.h"

#include "barcodes.h"
#include "tr.h"

#include <algorithm>
#include <cstring>

namespace Stockroom {

namespace {

struct Identifier
{
    const char *ai;
    int length;    // the fixed length, or the most a variable field holds
    bool variable; // ended by a group separator or the end of the scan
    bool numeric;
};

// The identifiers read, and common ones stepped over (GS1 General Specifications, 3.2).
constexpr Identifier identifiers[] = {
    {"00", 18, false, true},  // SSCC
    {"01", 14, false, true},  // GTIN
    {"02", 14, false, true},  // GTIN of contained items
    {"10", 20, true, false},  // batch or lot
    {"11", 6, false, true},   // production date
    {"12", 6, false, true},   // due date
    {"13", 6, false, true},   // packaging date
    {"15", 6, false, true},   // best before
    {"16", 6, false, true},   // sell by
    {"17", 6, false, true},   // expiry
    {"20", 2, false, true},   // variant
    {"21", 20, true, false},  // serial
    {"22", 20, true, false},  // consumer product variant
    {"30", 8, true, true},    // variable count
    {"37", 8, true, true},    // count of trade items
    {"240", 30, true, false}, // additional product id
    {"241", 30, true, false}, // customer part number
    {"250", 30, true, false}, // secondary serial
    {"400", 30, true, false}, // customer's purchase order
    {"410", 13, false, true}, // ship to
    {"414", 13, false, true}, // location number
};

bool isDigits(QStringView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) {
        return c >= QLatin1Char('0') && c <= QLatin1Char('9');
    });
}

// AIs 310n to 369n: a measure with n decimals, six digits.
std::optional<Identifier> measure(QStringView at)
{
    if (at.size() < 4 || !isDigits(at.first(4)))
        return std::nullopt;
    const int prefix = at.first(3).toInt();
    if (prefix < 310 || prefix > 369)
        return std::nullopt;
    return Identifier{nullptr, 6, false, true};
}

QStringView stripSymbologyIdentifier(QStringView scan)
{
    if (scan.size() >= 3 && scan.front() == QLatin1Char(']'))
        scan = scan.sliced(3);
    while (!scan.isEmpty() && scan.front() == QChar(Gs1::groupSeparator))
        scan = scan.sliced(1); // FNC1 in first position, sent as a separator
    return scan;
}

Result<QDate> dateOf(QStringView yymmdd, const QDate &today)
{
    const int yy = yymmdd.sliced(0, 2).toInt();
    const int month = yymmdd.sliced(2, 2).toInt();
    const int day = yymmdd.sliced(4, 2).toInt();
    // The century that puts the year within 49 years back and 50 ahead of today.
    int year = today.year() / 100 * 100 + yy;
    if (year - today.year() > 50)
        year -= 100;
    else if (today.year() - year > 49)
        year += 100;
    if (month < 1 || month > 12)
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("The date %1 has no month %2.").arg(yymmdd.toString()).arg(month));
    const QDate first(year, month, 1);
    const QDate date = day == 0 ? QDate(year, month, first.daysInMonth()) : QDate(year, month, day);
    if (!date.isValid())
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("The date %1 does not exist.").arg(yymmdd.toString()));
    return date;
}

} // namespace

bool Gs1::looksLikeElementString(QStringView scan)
{
    if (scan.startsWith(QLatin1String("]C1")) || scan.startsWith(QLatin1String("]d2"))
        || scan.startsWith(QLatin1String("]Q3")) || scan.startsWith(QLatin1String("]e0"))
        || scan.contains(QChar(groupSeparator)))
        return true;
    return scan.size() >= 16 && scan.startsWith(QLatin1String("01")) && isDigits(scan.first(16));
}

Result<Gs1Data> Gs1::parse(QStringView scan, const QDate &today)
{
    QStringView rest = stripSymbologyIdentifier(scan);
    if (rest.isEmpty())
        return fail(ErrorCode::InvalidInput, Tr::tr("The GS1 label holds no data."));
    Gs1Data data;
    QStringList seen;
    const qsizetype total = rest.size();
    while (!rest.isEmpty()) {
        const qsizetype position = total - rest.size() + 1;
        std::optional<Identifier> found = measure(rest);
        qsizetype aiLength = 4;
        for (const Identifier &identifier : identifiers) {
            if (found)
                break;
            if (rest.startsWith(QLatin1String(identifier.ai))) {
                found = identifier;
                aiLength = qsizetype(std::strlen(identifier.ai));
            }
        }
        if (!found)
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("Unknown GS1 application identifier at character %1: \"%2\".")
                            .arg(position)
                            .arg(rest.first(std::min<qsizetype>(4, rest.size())).toString()));
        const QString ai = rest.first(aiLength).toString();
        rest = rest.sliced(aiLength);
        QStringView value;
        if (found->variable) {
            const qsizetype end = rest.indexOf(QChar(groupSeparator));
            value = end < 0 ? rest : rest.first(end);
            rest = end < 0 ? QStringView() : rest.sliced(end + 1);
            if (value.isEmpty() || value.size() > found->length)
                return fail(ErrorCode::InvalidInput,
                            Tr::tr("GS1 field (%1) must hold 1 to %2 characters, not %3.")
                                .arg(ai)
                                .arg(found->length)
                                .arg(value.size()));
        } else {
            if (rest.size() < found->length)
                return fail(ErrorCode::InvalidInput,
                            Tr::tr("GS1 field (%1) is cut short: %2 characters, not %3.")
                                .arg(ai)
                                .arg(rest.size())
                                .arg(found->length));
            value = rest.first(found->length);
            rest = rest.sliced(found->length);
            if (!rest.isEmpty() && rest.front() == QChar(groupSeparator))
                rest = rest.sliced(1); // a separator after a fixed field is allowed
        }
        if (found->numeric && !isDigits(value))
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("GS1 field (%1) must be digits, not \"%2\".")
                            .arg(ai, value.toString()));
        if (seen.contains(ai))
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("GS1 field (%1) appears twice in one label.").arg(ai));
        seen.append(ai);

        if (ai == QLatin1String("01")) {
            if (!Barcodes::hasValidCheckDigit(value))
                return fail(ErrorCode::InvalidInput,
                            Tr::tr("The GTIN %1 has a wrong check digit.").arg(value.toString()));
            data.gtin = value.toString();
        } else if (ai == QLatin1String("10")) {
            data.lot = value.toString();
        } else if (ai == QLatin1String("17")) {
            auto date = dateOf(value, today);
            if (!date)
                return std::unexpected(date.error());
            data.expiry = *date;
        } else if (ai == QLatin1String("21")) {
            data.serial = value.toString();
        } else if (ai == QLatin1String("30") || ai == QLatin1String("37")) {
            if (data.count)
                return fail(ErrorCode::InvalidInput,
                            Tr::tr("A GS1 label gives a count only once (30 or 37)."));
            data.count = value.toLongLong();
        }
    }
    return data;
}

QStringList Gs1::productCodes(const QString &gtin14)
{
    QStringList codes;
    if (gtin14.size() != 14)
        return {gtin14};
    if (gtin14.startsWith(QLatin1String("000000")))
        codes.append(gtin14.sliced(6)); // EAN-8
    if (gtin14.startsWith(QLatin1String("00")))
        codes.append(gtin14.sliced(2)); // UPC-A
    if (gtin14.startsWith(QLatin1Char('0')))
        codes.append(gtin14.sliced(1)); // EAN-13
    codes.append(gtin14);
    std::reverse(codes.begin(), codes.end() - 1); // EAN-13 first, then UPC-A, then EAN-8
    return codes;
}

QString Gs1::gtinOf(const Barcode &barcode)
{
    switch (barcode.symbology) {
    case Symbology::Ean13:
    case Symbology::UpcA:
    case Symbology::Ean8:
        return barcode.code.rightJustified(14, QLatin1Char('0'));
    case Symbology::Free:
        break;
    }
    return QString();
}

QString Gs1::humanReadable(const Gs1Data &data)
{
    QString text;
    if (!data.gtin.isEmpty())
        text += QStringLiteral("(01)") + data.gtin;
    if (data.expiry.isValid())
        text += QStringLiteral("(17)") + data.expiry.toString(QStringLiteral("yyMMdd"));
    if (!data.lot.isEmpty())
        text += QStringLiteral("(10)") + data.lot;
    if (!data.serial.isEmpty())
        text += QStringLiteral("(21)") + data.serial;
    if (data.count)
        text += QStringLiteral("(37)") + QString::number(*data.count);
    return text;
}

} // namespace Stockroom
