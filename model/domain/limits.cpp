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

Status checkThresholdLimit(const std::optional<qint64> &limit)
{
    if (limit && (*limit < 0 || *limit > quantity))
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("A threshold is from 0 to %1, not %2.").arg(quantity).arg(*limit));
    return {};
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

Status checkDeltas(MovementType type, std::span<const qint64> deltas)
{
    const auto within = [](qint64 delta, qint64 low, qint64 high) {
        return delta >= low && delta <= high;
    };
    const bool transfer = type == MovementType::Transfer;
    if (deltas.size() != (transfer ? 2u : 1u))
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("A transfer has two lines; other movements have one."));
    const qint64 delta = deltas.front();
    bool ok = false;
    switch (type) {
    case MovementType::Receipt:
        ok = within(delta, 1, quantity);
        break;
    case MovementType::Issue:
        ok = within(delta, -quantity, -1);
        break;
    case MovementType::Transfer:
        ok = within(delta, -quantity, quantity) && delta != 0 && deltas[1] == -delta;
        break;
    case MovementType::Adjustment:
        ok = within(delta, -quantity, quantity) && delta != 0;
        break;
    case MovementType::Count:
        ok = within(delta, -stock, quantity);
        break;
    }
    if (!ok) {
        QStringList shown;
        for (qint64 d : deltas)
            shown.append(QString::number(d));
        return fail(
            ErrorCode::InvalidInput,
            Tr::tr(
                "A movement of type %1 cannot change stock by %2: a receipt adds 1 to %3, an issue "
                "takes as much, a transfer moves as much from one location to the "
                "other, and an adjustment changes stock by up to %3.")
                .arg(toString(type), shown.join(QStringLiteral(" and ")))
                .arg(quantity));
    }
    return {};
}

Result<qint64> stockAfter(qint64 quantity, qint64 delta)
{
    qint64 after = 0;
    if (__builtin_add_overflow(quantity, delta, &after) || after > stock || after < -stock)
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("Stock of %1 changed by %2 would leave the range of ±%3 that stock "
                           "may hold.")
                        .arg(quantity)
                        .arg(delta)
                        .arg(stock));
    return after;
}

} // namespace Stockroom::Limits
