#pragma once
/// The policy, read on another thread while the log is being read.
///
/// Reading Debian's policy.33 takes about 20 ms, a tenth of what reading a
/// 30 MB log takes once the log is read on two threads; nothing needs the
/// policy before the first denial has been parsed, so the two overlap.
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>

#include "avcsift/cli/policy_loader.hpp"
#include "avcsift/model/access_oracle.hpp"
#include "avcsift/model/diagnostics.hpp"

namespace avcsift::policy { class Policy; }

namespace avcsift::cli {

/// Starts loading the chosen policy at construction; the first question
/// waits for it. Used from one thread at a time (the EventReader's worker
/// while the log is read, the command's own thread before and after).
class BackgroundPolicy {
 public:
  /// Picks the policy now (-p, --no-policy, or the system's: saying so when
  /// there is none, as load_policy does) and starts reading it.
  BackgroundPolicy(const PolicyChoice& choice, Diagnostics& diagnostics);
  /// What reads the policy file: policy::Policy::load, or a test's stand-in.
  using Loader = std::function<std::unique_ptr<policy::Policy>(const std::string& path)>;
  /// As above, reading the policy with `loader`.
  BackgroundPolicy(const PolicyChoice& choice, Diagnostics& diagnostics, Loader loader);
  ~BackgroundPolicy();
  BackgroundPolicy(const BackgroundPolicy&) = delete;
  BackgroundPolicy& operator=(const BackgroundPolicy&) = delete;

  /// What a VerdictCache asks: null when no policy was chosen or found.
  /// A system policy that turns out unreadable is warned about on first use
  /// and answers every question as if there were none.
  [[nodiscard]] AccessOracle* oracle();
  /// The policy, once loaded (waits); null without one. Throws the load's
  /// avcsift::Error for a policy named with -p, and any other failure of the
  /// load (out of memory) whichever policy it was: the same exception on
  /// every call, so that it is reported once, by whoever catches it first.
  [[nodiscard]] policy::Policy* get();
  /// Whether get() would return at once.
  [[nodiscard]] bool ready() const;

  /// Called by main(): the process ends when the run does, so the policy is
  /// left for the kernel to reclaim rather than freed node by node (13 ms
  /// for Debian's). Library users (tests) keep the default, which frees it.
  static void leave_to_process_exit() { leave_to_exit_ = true; }

 private:
  class Proxy;

  Diagnostics& diagnostics_;
  bool named_ = false;  // -p: a failure is fatal
  std::future<std::unique_ptr<policy::Policy>> loading_;
  std::once_flag waited_;
  std::unique_ptr<policy::Policy> policy_;
  std::exception_ptr failure_;  // the -p policy could not be read, or the load failed
  std::unique_ptr<Proxy> proxy_;
  static inline bool leave_to_exit_ = false;
};

}  // namespace avcsift::cli
