#pragma once

// The event loop of the programs that serve many sockets (stockroom-server, and
// stockroom-load that drives it).
//
// Qt on Linux runs its event loops on GLib by default. GLib wakes a thread with a system
// call (an eventfd write) for every event posted to it and for every socket notifier
// switched on or off, and QTcpSocket switches its write notifier on and off for each reply
// it sends. Qt's own UNIX event loop sends one wake-up until the thread has woken, and
// changes its notifiers without one. A REST request that a reader answers took 5 writes
// on GLib and 1.5 on Qt's own loop (mixed scenario, 100 clients, counted with strace).
// These programs integrate nothing with GLib, so they have nothing to lose by it.

namespace Stockroom::Sync {

// Makes the event loops of the application, and of every thread started afterwards,
// Qt's own rather than GLib's. Call it before the QCoreApplication is made; threads made
// before the call keep the loop they have.
void useQtEventLoop();

} // namespace Stockroom::Sync
