#pragma once

// Barcodes: validation of the retail codes Stockroom accepts as product barcodes.
//
// EAN-13, EAN-8 and UPC-A are checked by their check digit. Any other printable code up
// to 64 characters is accepted as a free code (internal labels, Code 128). A string of
// 8, 12 or 13 digits is always taken as a retail code, so a typo in one is refused rather
// than stored as a free code.

#include "error.h"
#include "types.h"

namespace Stockroom {

class Barcodes
{
public:
    // The GS1 check digit (mod 10, weights 3 and 1 from the right) of the digits given.
    static int checkDigit(QStringView digitsWithoutCheck);
    // Whether code is all digits with a correct final check digit.
    static bool hasValidCheckDigit(QStringView code);
    // Classifies and validates a code.
    static Result<Barcode> classify(const QString &code);
    // Appends the check digit to 7, 11 or 12 digits.
    static QString withCheckDigit(const QString &digits);
};

} // namespace Stockroom
