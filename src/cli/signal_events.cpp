#include "avcsift/cli/signal_events.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string>

#include "avcsift/model/error.hpp"

namespace avcsift::cli {
namespace {

// A pipe rather than signalfd: signalfd needs the signals blocked, and a
// blocked SIGTERM would outlive us in every child process we ever start. A
// handler that writes one byte is async-signal-safe and needs nothing else.
int g_pipe[2] = {-1, -1};
constexpr std::array kSignals{SIGHUP, SIGTERM, SIGINT};
struct sigaction g_previous[kSignals.size()];

extern "C" void note_signal(int signal_number) {
  const int saved_errno = errno;  // the interrupted code may be reading errno
  const auto byte = static_cast<unsigned char>(signal_number);
  // A full pipe already holds enough wake-ups; losing this byte is harmless.
  [[maybe_unused]] const auto written = ::write(g_pipe[1], &byte, 1);
  errno = saved_errno;
}

void set_flags(int fd) {
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  ::fcntl(fd, F_SETFD, FD_CLOEXEC);
}

}  // namespace

SignalEvents::SignalEvents() {
  if (::pipe(g_pipe) != 0) throw Error(std::string("cannot create a pipe for signals: ") + std::strerror(errno));
  set_flags(g_pipe[0]);
  set_flags(g_pipe[1]);
  for (std::size_t i = 0; i < kSignals.size(); ++i) {
    struct sigaction action {};
    action.sa_handler = note_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(kSignals[i], &action, &g_previous[i]);
  }
}

SignalEvents::~SignalEvents() {
  for (std::size_t i = 0; i < kSignals.size(); ++i) ::sigaction(kSignals[i], &g_previous[i], nullptr);
  ::close(g_pipe[0]);
  ::close(g_pipe[1]);
  g_pipe[0] = g_pipe[1] = -1;
}

int SignalEvents::fd() const { return g_pipe[0]; }

SignalsSeen SignalEvents::take() {
  SignalsSeen seen;
  unsigned char bytes[64];
  ssize_t count = 0;
  while ((count = ::read(g_pipe[0], bytes, sizeof bytes)) > 0) {
    for (ssize_t i = 0; i < count; ++i) {
      if (bytes[i] == SIGHUP) {
        seen.reload = true;
      } else {
        seen.stop = true;
      }
    }
  }
  return seen;
}

}  // namespace avcsift::cli
