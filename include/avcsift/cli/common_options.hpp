#pragma once
/// Options every subcommand that reads logs shares: inputs and the policy.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "avcsift/cli/policy_loader.hpp"
#include "avcsift/input/interpreted_date.hpp"

namespace boost::program_options { class options_description; class variables_map; }

namespace avcsift::cli {

/// Inputs and policy, as given on the command line.
struct CommonOptions {
  std::vector<std::string> inputs;  ///< `-i FILE` and bare arguments; empty: stdin.
  bool dmesg = false;               ///< `--dmesg`: the kernel ring buffer too.
  PolicyChoice policy;              ///< `-p FILE`, `--no-policy`.
  std::optional<std::int64_t> since;  ///< `--since SECONDS`: events from then on.
  bool since_last_load = false;     ///< `--since-last-load`: after the last policy load only.
  bool quiet = false;               ///< `--quiet`: no progress meter, no `info:` notes.
  /// `--node REGEX`: only events of hosts whose name matches (see NodeFilter).
  std::optional<std::string> node;
  /// `--date-order mdy|dmy|ymd`: how to read `ausearch -i` dates whose text
  /// does not settle it; nullopt lets each input decide.
  std::optional<input::DateOrder> date_order;
};

/// Declares `-i/--input`, `-p/--policy` and `--no-policy` on `described`,
/// storing into `options` (bare arguments are added by finish_common_options).
void add_common_options(boost::program_options::options_description& described, CommonOptions& options);

/// Declares `--node REGEX` on `described` (common options and watch).
void add_node_option(boost::program_options::options_description& described);

/// The `--node` pattern given in `map`, nullopt when none; throws
/// avcsift::Error (usage) for a pattern that is not a regular expression.
std::optional<std::string> read_node_option(const boost::program_options::variables_map& map);

/// Declares `--date-order ORDER` on `described` (common options and watch).
void add_date_order_option(boost::program_options::options_description& described);

/// The `--date-order` given in `map`, nullopt when none; throws avcsift::Error
/// (usage) for a name other than mdy, dmy or ymd.
std::optional<input::DateOrder> read_date_order(const boost::program_options::variables_map& map);

/// Completes `options` after parsing: appends the bare arguments to the
/// inputs and checks that -p and --no-policy are not both given.
void finish_common_options(const boost::program_options::variables_map& map,
                           const std::vector<std::string>& positional, CommonOptions& options);

}  // namespace avcsift::cli
