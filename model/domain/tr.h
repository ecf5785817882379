#pragma once

// Translation context for model code that is not a QObject (Qt Creator's Tr idiom).
// Messages meant for people go through Tr::tr(); log lines and protocol strings do not.

#include <QCoreApplication>

namespace Stockroom {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Stockroom::Model)
};

} // namespace Stockroom
