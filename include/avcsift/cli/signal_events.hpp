#pragma once
/// SIGHUP, SIGTERM and SIGINT as input on a file descriptor, so that one
/// poll() loop waits for audit records and signals alike.
namespace avcsift::cli {

/// The signals that arrived since the last SignalEvents::take().
struct SignalsSeen {
  bool reload = false;  ///< SIGHUP: write the outputs now.
  bool stop = false;    ///< SIGTERM or SIGINT: write the outputs and exit.
};

/// Catches SIGHUP, SIGTERM and SIGINT for its lifetime with a handler that
/// only writes the signal's number into a non-blocking pipe (the self-pipe
/// trick); everything else happens in the loop that reads the pipe. One per
/// process; the previous handlers are restored on destruction.
class SignalEvents {
 public:
  /// Creates the pipe and installs the handlers; throws avcsift::Error.
  SignalEvents();
  ~SignalEvents();
  SignalEvents(const SignalEvents&) = delete;
  SignalEvents& operator=(const SignalEvents&) = delete;

  /// The descriptor to poll for POLLIN.
  [[nodiscard]] int fd() const;
  /// Empties the pipe and says which signals it held.
  SignalsSeen take();
};

}  // namespace avcsift::cli
