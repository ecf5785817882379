// What a scanner can type, read as the scan pipeline reads it: a GS1 element string (with
// or without its symbology identifier and group separators) and a code's check digit.
// Nothing crashes; a label read whole gives values within the model's limits.

#include "model/domain/barcodes.h"
#include "model/domain/gs1.h"
#include "model/domain/limits.h"

#include <QDate>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Stockroom;

namespace {

// A broken property says which line it is on, then stops the run (libFuzzer keeps the input).
void checkAt(bool condition, int line)
{
    if (!condition) {
        std::fprintf(stderr, "property broken: %s:%d\n", __FILE__, line);
        std::abort();
    }
}

#define check(condition) checkAt((condition), __LINE__)

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString scan = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QDate today(2026, 12, 7);
    (void) Gs1::looksLikeElementString(scan);
    const auto label = Gs1::parse(scan, today);
    if (label) {
        check(label->gtin.isEmpty() || label->gtin.size() == 14);
        check(label->lot.size() <= Limits::lotCode);
        check(!label->count || (*label->count >= 0 && *label->count <= Limits::quantity));
        (void) Gs1::humanReadable(*label);
    } else {
        check(!label.error().message.isEmpty());
    }
    (void) Gs1::productCodes(scan);
    (void) Barcodes::classify(scan);
    return 0;
}
