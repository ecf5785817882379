#pragma once

// Feedback: one look for "it worked" and "it was refused" in every view: green or red
// text, bold where it must be seen from the shelf. Fields whose content was refused are
// marked red the same way.

#include <QString>

class QLabel;
class QWidget;

namespace Stockroom::Views {

enum class Emphasis { Normal, Strong };

void showOutcome(QLabel *label, const QString &text, bool ok, Emphasis emphasis = Emphasis::Normal);
// Marks an input whose content was refused, with the reason as its tooltip; an empty
// reason clears the mark.
void markRefused(QWidget *field, const QString &reason);

} // namespace Stockroom::Views
