#include "barcodes.h"

#include "limits.h"
#include "tr.h"

namespace Stockroom {

namespace {

bool allDigits(QStringView code)
{
    if (code.isEmpty())
        return false;
    for (QChar c : code) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    }
    return true;
}

} // namespace

int Barcodes::checkDigit(QStringView digits)
{
    int sum = 0;
    bool weightThree = true; // the digit next to the check digit weighs 3
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        const int digit = digits.at(i).unicode() - '0';
        sum += weightThree ? 3 * digit : digit;
        weightThree = !weightThree;
    }
    return (10 - sum % 10) % 10;
}

bool Barcodes::hasValidCheckDigit(QStringView code)
{
    if (code.size() < 2 || !allDigits(code))
        return false;
    return checkDigit(code.first(code.size() - 1)) == code.last().unicode() - '0';
}

QString Barcodes::withCheckDigit(const QString &digits)
{
    return digits + QString::number(checkDigit(digits));
}

Result<Barcode> Barcodes::classify(const QString &input)
{
    const QString code = input.trimmed();
    if (code.isEmpty())
        return fail(ErrorCode::InvalidInput, Tr::tr("A barcode must not be empty."));
    if (code.size() > Limits::barcode)
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("A barcode is at most %1 characters long.").arg(Limits::barcode));
    for (QChar c : code) {
        if (!c.isPrint() || c.isSpace()) {
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("The barcode %1 contains a character that cannot be printed.")
                            .arg(code));
        }
    }

    if (!allDigits(code) || (code.size() != 8 && code.size() != 12 && code.size() != 13))
        return Barcode{code, Symbology::Free};

    if (!hasValidCheckDigit(code)) {
        const int expected = checkDigit(QStringView(code).first(code.size() - 1));
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("The check digit of %1 is wrong: it should be %2.")
                        .arg(code)
                        .arg(expected));
    }
    switch (code.size()) {
    case 8:
        return Barcode{code, Symbology::Ean8};
    case 12:
        return Barcode{code, Symbology::UpcA};
    default:
        return Barcode{code, Symbology::Ean13};
    }
}

} // namespace Stockroom
