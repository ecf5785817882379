#include "limits.h"

#include "tr.h"

#include <algorithm>

namespace Stockroom::Limits {

Status checkText(const QString &value, qsizetype maxLength, Kind kind, const QString &what)
{
    if (value.size() > maxLength)
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("%1 is longer than %2 characters.").arg(what).arg(maxLength));
    const bool control = std::any_of(value.cbegin(), value.cend(), [kind](QChar c) {
        const char16_t unit = c.unicode();
        const bool isControl = unit < 0x20 || unit == 0x7f;
        const bool isSpace = unit == u'\t' || unit == u'\n' || unit == u'\r';
        return isControl && !(kind == Kind::Text && isSpace);
    });
    if (control)
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("%1 holds a control character, which no field may hold.").arg(what));
    return {};
}

Status checkMovementNotes(const QString &reason, const QString &reference)
{
    if (auto ok = checkText(reason, Limits::reason, Kind::Text, Tr::tr("The reason")); !ok)
        return ok;
    return checkText(reference, Limits::reference, Kind::Text, Tr::tr("The reference"));
}

Status checkId(const QString &value, const QString &what)
{
    return checkText(value, Limits::id, Kind::Code, what);
}

Status checkLotCode(const QString &code)
{
    return checkText(code, Limits::lotCode, Kind::Code, Tr::tr("The lot code"));
}

Status checkNewProduct(const QString &sku,
                       const QString &name,
                       const QString &localName,
                       const QString &unit,
                       qsizetype barcodes)
{
    const struct
    {
        const QString &value;
        qsizetype maxLength;
        Kind kind;
        QString what;
        bool required;
    } fields[] = {
        {sku, Limits::sku, Kind::Code, Tr::tr("The SKU"), true},
        {name, Limits::productName, Kind::Text, Tr::tr("The product name"), true},
        {localName, Limits::productName, Kind::Text, Tr::tr("The local name"), false},
        {unit, Limits::unit, Kind::Code, Tr::tr("The unit of measure"), true},
    };
    for (const auto &field : fields) {
        if (field.required && field.value.trimmed().isEmpty())
            return fail(ErrorCode::InvalidInput, Tr::tr("%1 must not be empty.").arg(field.what));
        if (auto ok = checkText(field.value.trimmed(), field.maxLength, field.kind, field.what); !ok)
            return ok;
    }
    if (barcodes > Limits::barcodesPerProduct)
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("A product carries at most %1 barcodes.").arg(Limits::barcodesPerProduct));
    return {};
}

} // namespace Stockroom::Limits
