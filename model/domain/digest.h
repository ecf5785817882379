#pragma once

// SHA-256 through OpenSSL's libcrypto, which uses the CPU's SHA instructions (several
// times faster than QCryptographicHash here), with the digest looked up once and a
// context kept per thread, so that a call allocates nothing. The ledger's hash chain and
// the sync history chain hash with it.

#include <QByteArray>
#include <QByteArrayView>

#include <initializer_list>

namespace Stockroom::Digest {

inline constexpr qsizetype sha256Size = 32;

// SHA-256 of the parts, one after the other, into digest (sha256Size bytes).
void sha256(std::initializer_list<QByteArrayView> parts, unsigned char *digest);
QByteArray sha256(std::initializer_list<QByteArrayView> parts);

} // namespace Stockroom::Digest
