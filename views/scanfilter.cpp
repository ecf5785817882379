#include "scanfilter.h"

#include <QWidget>

#include <QCoreApplication>

namespace Stockroom::Views {

namespace {

bool isEnter(int key)
{
    return key == Qt::Key_Return || key == Qt::Key_Enter;
}

// A scanner presses Shift around each capital, as a keyboard does: such a key on its own
// neither belongs to a code nor ends one.
bool isModifierKey(int key)
{
    switch (key) {
    case Qt::Key_Shift:
    case Qt::Key_Control:
    case Qt::Key_Alt:
    case Qt::Key_AltGr:
    case Qt::Key_Meta:
    case Qt::Key_CapsLock:
        return true;
    default:
        return false;
    }
}

// A key a scanner sends inside a code: one printable character, at most with Shift (for
// capitals) or the keypad flag.
bool isCodeCharacter(const QKeyEvent &event)
{
    const Qt::KeyboardModifiers other = event.modifiers()
                                        & ~(Qt::ShiftModifier | Qt::KeypadModifier);
    return other == Qt::NoModifier && event.text().size() == 1 && event.text().at(0).isPrint();
}

} // namespace

ScanFilter::ScanFilter(QObject *parent)
    : QObject(parent)
{
    m_monotonic.start();
    m_clock = [this] {
        return m_monotonic.elapsed();
    };
    m_gap.setSingleShot(true);
    m_gap.setInterval(m_maxGapMs);
    connect(&m_gap, &QTimer::timeout, this, &ScanFilter::release);
}

void ScanFilter::setMaxGapMs(int ms)
{
    m_maxGapMs = ms;
    m_gap.setInterval(ms);
}

bool ScanFilter::eventFilter(QObject *watched, QEvent *event)
{
    // A shortcut is matched before its key press arrives: the keys held so far must reach
    // their field first, or Ctrl+S would save the text without them.
    if (event->type() == QEvent::ShortcutOverride && !m_held.isEmpty() && !m_replaying) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (!isCodeCharacter(*key) && !isEnter(key->key()) && !isModifierKey(key->key()))
            release();
        return QObject::eventFilter(watched, event);
    }
    if (m_replaying || (event->type() != QEvent::KeyPress && event->type() != QEvent::KeyRelease)
        || !watched->isWidgetType())
        return QObject::eventFilter(watched, event);
    if (m_window && static_cast<QWidget *>(watched)->window() != m_window)
        return QObject::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    if (isModifierKey(key->key()))
        return QObject::eventFilter(watched, event);
    const qint64 now = m_clock();
    const bool inBurst = !m_held.isEmpty() && now - m_lastKeyAt <= m_maxGapMs;

    if (event->type() == QEvent::KeyRelease) {
        // The release of a held key is part of the held key; it is given back with it.
        return !m_held.isEmpty() && !key->isAutoRepeat()
               && (isCodeCharacter(*key) || isEnter(key->key()));
    }
    if (!m_held.isEmpty() && !inBurst)
        release(); // too slow for a scanner: what was held is typing

    if (isEnter(key->key()) && !m_held.isEmpty()) {
        if (m_held.size() >= m_minLength) {
            QString code;
            for (const HeldKey &held : std::as_const(m_held))
                code += held.text;
            m_held.clear();
            m_gap.stop();
            Q_EMIT scanned(code);
            return true;
        }
        release();
        return false;
    }
    if (isCodeCharacter(*key) && !key->isAutoRepeat()) {
        m_held.append({watched, key->key(), key->modifiers(), key->text()});
        m_lastKeyAt = now;
        m_gap.start();
        return true;
    }
    release(); // anything else ends a burst, and goes through after what was held
    return false;
}

void ScanFilter::release()
{
    m_gap.stop();
    const QList<HeldKey> held = std::exchange(m_held, {});
    m_replaying = true;
    for (const HeldKey &key : held) {
        if (!key.target)
            continue;
        QKeyEvent press(QEvent::KeyPress, key.key, key.modifiers, key.text);
        QCoreApplication::sendEvent(key.target, &press);
        QKeyEvent release(QEvent::KeyRelease, key.key, key.modifiers, key.text);
        QCoreApplication::sendEvent(key.target, &release);
    }
    m_replaying = false;
}

} // namespace Stockroom::Views
