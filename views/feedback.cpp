#include "feedback.h"

#include <QLabel>

namespace Stockroom::Views {

namespace {

const QString doneColour = QStringLiteral("#166534");
const QString refusedColour = QStringLiteral("#b91c1c");

} // namespace

void showOutcome(QLabel *label, const QString &text, bool ok, Emphasis emphasis)
{
    label->setStyleSheet(
        QStringLiteral("color: %1;%2")
            .arg(ok ? doneColour : refusedColour,
                 emphasis == Emphasis::Strong ? QStringLiteral(" font-weight: bold;") : QString()));
    label->setText(text);
}

void markRefused(QWidget *field, const QString &reason)
{
    field->setStyleSheet(reason.isEmpty() ? QString()
                                          : QStringLiteral("color: %1;").arg(refusedColour));
    field->setToolTip(reason);
}

} // namespace Stockroom::Views
