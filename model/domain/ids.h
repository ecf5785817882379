#pragma once

// Ids: the globally unique ids that devices make for movements and records.
//
// They follow the UUID version 7 layout: 48 bits of Unix milliseconds, then random bits.
// Ids made one after another sort near each other, so inserting them touches the right
// edge of an index instead of a random page; that keeps a ledger of millions of rows
// fast to append to. Uniqueness comes from the 74 random bits; nothing ever decides by
// the time inside an id.

#include <QString>

namespace Stockroom {

class Ids
{
public:
    // An id for the moment msSinceEpoch, from two 64-bit random numbers.
    static QString timeOrdered(qint64 msSinceEpoch, quint64 randomA, quint64 randomB);
    // An id for the moment msSinceEpoch, from a securely seeded random generator.
    static QString create(qint64 msSinceEpoch);
};

} // namespace Stockroom
