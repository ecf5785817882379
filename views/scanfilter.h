#pragma once

// ScanFilter: tells a barcode scanner from a person at the keyboard, wherever the focus is.
//
// A USB scanner types a code as a burst of keys a few milliseconds apart and ends it with
// Enter. Installed on the application, the filter holds printable keys back while they
// come faster than maxGapMs; a burst of at least minLength characters ended by Enter is
// emitted as scanned() and never reaches the focused widget. Anything slower, a key with
// Ctrl or Alt, or a burst too short is given back to the widget it was meant for, in
// order, so a person typing sees every key (at most maxGapMs late) and nothing else.
//
// A scan into a focused text field (an editable line, text or combo box) is not taken:
// it fills that field, as typing would, and its Enter reaches the field.
//
// Gaps are judged by the key events' own timestamps, taken where the keys were pressed,
// not by when this busy application gets round to them: under load the keys of one scan
// arrive late and all at once. A burst the event loop split anyway (the gap timer ran out
// before the rest of the keys were delivered) is joined again: when the next key follows
// the given-back ones within maxGapMs by their timestamps, they are one scan.
//
// Events without a timestamp (synthesised ones) are timed by a clock, injectable for
// tests; by default a monotonic timer.

#include <QElapsedTimer>
#include <QKeyEvent>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class QWidget;

namespace Stockroom::Views {

class ScanFilter : public QObject
{
    Q_OBJECT

public:
    explicit ScanFilter(QObject *parent = nullptr);

    void setMaxGapMs(int ms);
    int maxGapMs() const { return m_maxGapMs; }
    void setMinLength(int characters) { m_minLength = characters; }
    // Watches only keys aimed at this window: a dialog on top of it (a file name, a
    // password) gets every key, however fast it is typed or pasted. Unset: every window.
    void setWindow(QWidget *window) { m_window = window; }
    // Milliseconds from any fixed point; for tests.
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    void scanned(const QString &code);

private:
    struct HeldKey
    {
        QPointer<QObject> target;
        int key;
        Qt::KeyboardModifiers modifiers;
        QString text;
    };

    // When a key was pressed, in milliseconds.
    qint64 pressedAt(const QKeyEvent &event) const;
    bool follows(qint64 at, qint64 previous) const;
    // Gives the held keys back to their widgets, as if they had just been typed.
    void release();
    // No key came within the gap: after one more turn of the event loop, for keys already
    // waiting in it, what is held is typing.
    void gapElapsed();

    QPointer<QWidget> m_window;
    int m_maxGapMs = 30;
    int m_minLength = 4;
    std::function<qint64()> m_clock;
    QElapsedTimer m_monotonic;
    QList<HeldKey> m_held;
    qint64 m_lastKeyAt = 0;
    // Keys given back when the gap timer ran out, kept until the next key shows whether
    // they began a scan.
    QString m_givenBack;
    qint64 m_givenBackAt = 0;
    bool m_joinsGivenBack = false; // the held burst continues m_givenBack
    QTimer m_gap;
    QTimer m_lastCall;
    bool m_replaying = false;
};

} // namespace Stockroom::Views
