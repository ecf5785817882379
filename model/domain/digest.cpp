#include "digest.h"

#include <openssl/evp.h>

#include <memory>

namespace Stockroom::Digest {

void sha256(std::initializer_list<QByteArrayView> parts, unsigned char *digest)
{
    // OpenSSL 3 looks EVP_sha256() up in its provider tables on every use, and
    // EVP_Digest() allocates a context each time: the digest fetched once and a context
    // kept per thread do neither.
    using Md = std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)>;
    using Context = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;
    static const Md md(EVP_MD_fetch(nullptr, "SHA256", nullptr), &EVP_MD_free);
    thread_local const Context context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    unsigned int length = 0;
    bool ok = md && context && EVP_DigestInit_ex2(context.get(), md.get(), nullptr) == 1;
    for (QByteArrayView part : parts)
        ok = ok && EVP_DigestUpdate(context.get(), part.data(), size_t(part.size())) == 1;
    if (!ok || EVP_DigestFinal_ex(context.get(), digest, &length) != 1 || length != sha256Size)
        qFatal("SHA-256 is not available from OpenSSL");
}

QByteArray sha256(std::initializer_list<QByteArrayView> parts)
{
    QByteArray digest(sha256Size, Qt::Uninitialized);
    sha256(parts, reinterpret_cast<unsigned char *>(digest.data()));
    return digest;
}

} // namespace Stockroom::Digest
