#pragma once

// FUZZ_CHECK(): a harness's property. A broken one says which file and line it is on, then
// stops the run (libFuzzer keeps the input as a crash).

#include <cstdio>
#include <cstdlib>

namespace Stockroom::Fuzz {

inline void checkAt(bool condition, const char *file, int line)
{
    if (!condition) {
        std::fprintf(stderr, "property broken: %s:%d\n", file, line);
        std::abort();
    }
}

} // namespace Stockroom::Fuzz

#define FUZZ_CHECK(condition) ::Stockroom::Fuzz::checkAt((condition), __FILE__, __LINE__)
