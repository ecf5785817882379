// What a scanner can type, read as the scan pipeline reads it: a GS1 element string (with
// or without its symbology identifier and group separators) and a code's check digit.
// Nothing crashes; a label read whole gives values within the model's limits.

#include "fuzzcheck.h"
#include "model/domain/barcodes.h"
#include "model/domain/gs1.h"
#include "model/domain/limits.h"

#include <QDate>

#include <cstddef>
#include <cstdint>

using namespace Stockroom;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString scan = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QDate today(2026, 12, 7);
    (void) Gs1::looksLikeElementString(scan);
    const auto label = Gs1::parse(scan, today);
    if (label) {
        FUZZ_CHECK(label->gtin.isEmpty() || label->gtin.size() == 14);
        FUZZ_CHECK(label->lot.size() <= Limits::lotCode);
        FUZZ_CHECK(!label->count || (*label->count >= 0 && *label->count <= Limits::quantity));
        (void) Gs1::humanReadable(*label);
    } else {
        FUZZ_CHECK(!label.error().message.isEmpty());
    }
    (void) Gs1::productCodes(scan);
    (void) Barcodes::classify(scan);
    return 0;
}
