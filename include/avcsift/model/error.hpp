#pragma once
/// The one exception type avcsift throws, caught once at the library's
/// boundary (cli::run_guarded, under run_app) with every other exception.
#include <stdexcept>
#include <string>

namespace avcsift {

/// Process exit statuses, documented in avcsift(1).
enum class ExitStatus : int {
  Ok = 0,             ///< success
  Failure = 1,        ///< runtime failure (unreadable input or policy, write error)
  Usage = 2,          ///< bad command line
  FailOnReached = 3,  ///< a --fail-on threshold was reached
};

/// A fatal problem: a bad option, an unreadable policy the user named, an
/// output that cannot be written. The message is one line, without the
/// `avcsift: error: ` prefix.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, ExitStatus status = ExitStatus::Failure)
      : std::runtime_error(message), status_(status) {}
  /// The exit status main() returns for this error.
  [[nodiscard]] ExitStatus status() const { return status_; }

 private:
  ExitStatus status_;
};

}  // namespace avcsift
