#pragma once
/// `avcsift watch`: an auditd dispatcher plugin. Reads the record stream on
/// standard input for as long as it lasts, keeps the rules in memory, and
/// writes the current `.te` fragment and JSON report into a directory on an
/// interval, on SIGHUP, and one last time at SIGTERM, SIGINT or end of input.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "avcsift/cli/policy_loader.hpp"
#include "avcsift/input/interpreted_date.hpp"

namespace avcsift::cli {

/// Options of `avcsift watch`.
struct WatchOptions {
  std::string output_dir;                  ///< `--output-dir DIR` (required; created when missing).
  unsigned interval = 60;                  ///< `--interval SECONDS` between writes.
  PolicyChoice policy;                     ///< `-p FILE`, `--no-policy`.
  std::optional<std::string> file_contexts;  ///< `--file-contexts FILE` (default: the policy's).
  std::optional<std::string> module_name;  ///< `-m NAME`: a whole module instead of a fragment.
  std::vector<std::string> app_modules;    ///< `--app-module FILE.te`: the application's own types.
  bool quiet = false;                      ///< `-q`: no `info:` notes.
  /// `--date-order`: how to read ambiguous `ausearch -i` dates piped in.
  std::optional<input::DateOrder> date_order;
  std::optional<std::string> node;         ///< `--node REGEX`: only these hosts' events.
};

/// The files watch writes into the output directory.
inline constexpr const char* kWatchRulesFile = "avcsift.te";
/// The JSON report, in the schema of `avcsift report --format json`.
inline constexpr const char* kWatchReportFile = "avcsift-report.json";

/// Parses the arguments after `watch`; throws avcsift::Error (usage).
/// Returns nullopt when help was printed to `out`.
std::optional<WatchOptions> parse_watch_options(const std::vector<std::string>& args, std::ostream& out);

/// Runs `watch` on standard input until SIGTERM, SIGINT or end of input;
/// returns 0 when the last write succeeded, 1 otherwise.
int run_watch(const WatchOptions& options, std::ostream& err);

}  // namespace avcsift::cli
