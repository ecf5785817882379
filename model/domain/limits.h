#pragma once

// The limits of what Stockroom stores, defined once: the length of every text field and
// the range of a quantity. Every path into the data checks these same numbers: the model's
// services (the app, the CLI, CSV import), the REST API, and the server's decoders of what
// workstations push. docs/security.md lists them.
//
// A record's size is bounded through them: the server pages pulls by bytes as well, but a
// ledger line can never be deleted, so a field too long to pull must never get in.

#include "error.h"
#include "types.h"

#include <QString>

#include <optional>
#include <span>

namespace Stockroom::Limits {

// Lengths in characters (UTF-16 code units, as QString::size() counts them).
inline constexpr qsizetype sku = 64;
inline constexpr qsizetype productName = 200; // the name and the local name
inline constexpr qsizetype unit = 16;
inline constexpr qsizetype locationCode = 64;
inline constexpr qsizetype locationName = 200;
inline constexpr qsizetype barcode = 64;
inline constexpr qsizetype lotCode = 64;
inline constexpr qsizetype reason = 500;
inline constexpr qsizetype reference = 200;
inline constexpr qsizetype isoDate = 10; // a date as text: 2027-03-31
// An id a device makes (a movement's, or a record's UUID): 36 characters today.
inline constexpr qsizetype id = 64;
// Barcodes one product may carry.
inline constexpr qsizetype barcodesPerProduct = 100;

// The largest quantity one movement moves, and the largest count.
inline constexpr qint64 quantity = 1'000'000'000;
// The most one stock row may hold, either way: far beyond any warehouse, and far enough
// below 2^63 that sums of rows and of lines within range never wrap.
inline constexpr qint64 stock = 1'000'000'000'000'000;

enum class Kind {
    Code, // an identifier people scan or type (SKU, code, barcode, lot, unit): no control
          // characters at all
    Text, // free text (a name, a reason, a reference): no control characters but tab and
          // line breaks
};

// Whether value fits: at most maxLength characters, and none that a field of its kind
// may not hold. what names the field in the message, as "The SKU".
Status checkText(const QString &value, qsizetype maxLength, Kind kind, const QString &what);

// The checks of whole fields that several paths share, each with its field's name.
// A movement's reason and reference (either may be empty).
Status checkMovementNotes(const QString &reason, const QString &reference);
// An id a device made; what names it in the message, as "A movement's id".
Status checkId(const QString &value, const QString &what);
// A threshold's limit (minimum, maximum or reorder point): none, or 0 to quantity.
Status checkThresholdLimit(const std::optional<qint64> &limit);
// A lot's code (empty: no lot).
Status checkLotCode(const QString &code);
// A new product's texts and the number of its barcodes (each barcode's own rules are
// Barcodes'). The SKU, name and unit must not be empty; the local name may be.
Status checkNewProduct(const QString &sku,
                       const QString &name,
                       const QString &localName,
                       const QString &unit,
                       qsizetype barcodes);

// The sign and size of a movement's line deltas, by its type: a receipt adds 1 to
// quantity, an issue takes as much, a transfer takes from one line what it adds to the
// other, an adjustment changes by a non-zero amount up to quantity, and a count by what
// it found (its counted figure from 0 to quantity) against a stock within range.
Status checkDeltas(MovementType type, std::span<const qint64> deltas);
// Stock of quantity after delta, or an error when it leaves ±stock (or would wrap).
Result<qint64> stockAfter(qint64 quantity, qint64 delta);

} // namespace Stockroom::Limits
