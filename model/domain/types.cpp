#include "types.h"

#include "tr.h"

#include <QLocale>

#include <array>
#include <utility>

namespace Stockroom {

namespace {

template<typename Enum, size_t N>
QString nameOf(const std::array<std::pair<Enum, const char *>, N> &names, Enum value)
{
    for (const auto &[candidate, name] : names) {
        if (candidate == value)
            return QString::fromLatin1(name);
    }
    return QString();
}

template<typename Enum, size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, const char *>, N> &names,
                            const QString &name)
{
    for (const auto &[value, candidate] : names) {
        if (name == QLatin1String(candidate))
            return value;
    }
    return std::nullopt;
}

constexpr std::array roleNames{
    std::pair{Role::Clerk, "clerk"},
    std::pair{Role::Manager, "manager"},
    std::pair{Role::Admin, "admin"},
};

constexpr std::array movementTypeNames{
    std::pair{MovementType::Receipt, "receipt"},
    std::pair{MovementType::Issue, "issue"},
    std::pair{MovementType::Transfer, "transfer"},
    std::pair{MovementType::Adjustment, "adjustment"},
    std::pair{MovementType::Count, "count"},
};

constexpr std::array locationKindNames{
    std::pair{LocationKind::Warehouse, "warehouse"},
    std::pair{LocationKind::Zone, "zone"},
    std::pair{LocationKind::Bin, "bin"},
};

constexpr std::array symbologyNames{
    std::pair{Symbology::Ean13, "ean13"},
    std::pair{Symbology::Ean8, "ean8"},
    std::pair{Symbology::UpcA, "upca"},
    std::pair{Symbology::Free, "free"},
};

} // namespace

QString toString(Role role)
{
    return nameOf(roleNames, role);
}

QString toString(MovementType type)
{
    return nameOf(movementTypeNames, type);
}

QString toString(LocationKind kind)
{
    return nameOf(locationKindNames, kind);
}

QString toString(Symbology symbology)
{
    return nameOf(symbologyNames, symbology);
}

std::optional<Role> roleFromString(const QString &name)
{
    return valueOf(roleNames, name);
}

std::optional<MovementType> movementTypeFromString(const QString &name)
{
    return valueOf(movementTypeNames, name);
}

std::optional<LocationKind> locationKindFromString(const QString &name)
{
    return valueOf(locationKindNames, name);
}

std::optional<Symbology> symbologyFromString(const QString &name)
{
    return valueOf(symbologyNames, name);
}

QString shownName(const QString &name, const QString &localName)
{
    if (localName.isEmpty() || QLocale().language() == QLocale::English
        || QLocale().language() == QLocale::C)
        return name;
    return localName;
}

QString displayName(Role role)
{
    switch (role) {
    case Role::Clerk:
        return Tr::tr("Clerk");
    case Role::Manager:
        return Tr::tr("Manager");
    case Role::Admin:
        return Tr::tr("Administrator");
    }
    return QString();
}

QString displayName(MovementType type)
{
    switch (type) {
    case MovementType::Receipt:
        return Tr::tr("Receipt");
    case MovementType::Issue:
        return Tr::tr("Issue");
    case MovementType::Transfer:
        return Tr::tr("Transfer");
    case MovementType::Adjustment:
        return Tr::tr("Adjustment");
    case MovementType::Count:
        return Tr::tr("Count");
    }
    return QString();
}

namespace {

const std::pair<QLatin1String, QLatin1String> productFields[] = {
    {QLatin1String("name"), QLatin1String("name")},
    {QLatin1String("localName"), QLatin1String("local_name")},
    {QLatin1String("unit"), QLatin1String("unit")},
    {QLatin1String("archived"), QLatin1String("archived")},
};

} // namespace

QString productColumnOfField(const QString &field)
{
    for (const auto &[name, column] : productFields) {
        if (field == name)
            return column;
    }
    return {};
}

QString productFieldOfColumn(const QString &column)
{
    for (const auto &[name, stored] : productFields) {
        if (column == stored)
            return name;
    }
    return {};
}

} // namespace Stockroom
