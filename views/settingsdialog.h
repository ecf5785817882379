#pragma once

// SettingsDialog: this workstation's preferences: the language of the window, the
// warehouse the grids open on and the location the scan tab starts at, the scanner's
// timing and whether a refused scan beeps. It edits a Preferences value; storing it
// (QSettings) and applying it is the application's.

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Stockroom {
class Catalog;
}

namespace Stockroom::Views {

struct Preferences
{
    QString language;       // empty: the system's
    qint64 warehouseId = 0; // 0: every warehouse
    QString location;       // a location code; empty: none
    int scanGapMs = 30;     // the longest gap between a scanner's keys
    int scanMinLength = 4;  // the shortest code a scanner sends
    bool beepOnRefusal = true;
    int lockAfterMinutes = 15; // a shared terminal locks when left this long; 0: never

    friend bool operator==(const Preferences &, const Preferences &) = default;
};

class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(const Catalog &catalog,
                   const Preferences &preferences,
                   QWidget *parent = nullptr);

    // What the dialog holds now.
    Preferences preferences() const;
    QComboBox *languageField() const { return m_language; }
    QLineEdit *locationField() const { return m_location; }
    QSpinBox *gapField() const { return m_gap; }
    QString problem() const;

    // Accepts only a location that exists.
    void accept() override;

private:
    const Catalog &m_catalog;
    QComboBox *m_language;
    QComboBox *m_warehouse;
    QLineEdit *m_location;
    QSpinBox *m_gap;
    QSpinBox *m_minLength;
    QCheckBox *m_beep;
    QSpinBox *m_lockAfter;
    QLabel *m_problem;
    QString m_initialLanguage;
};

} // namespace Stockroom::Views
