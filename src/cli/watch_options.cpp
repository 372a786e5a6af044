// Command-line parsing for `avcsift watch` (Boost.Program_options stays in cli/).
#include <boost/program_options.hpp>

#include <iostream>

#include "avcsift/cli/common_options.hpp"
#include "avcsift/cli/watch_command.hpp"
#include "avcsift/emit/module_name.hpp"
#include "avcsift/model/error.hpp"
#include "option_parsing.hpp"

namespace avcsift::cli {

namespace po = boost::program_options;

/// A day: a longer interval is more likely a typo than a wish.
constexpr unsigned kMaxInterval = 86400;

std::optional<WatchOptions> parse_watch_options(const std::vector<std::string>& args, std::ostream& out) {
  WatchOptions options;
  std::vector<std::string> positional;
  std::string module_name;
  po::options_description described("Options");
  described.add_options()
      ("help,h", "show this help")
      ("output-dir", po::value(&options.output_dir), "write avcsift.te and avcsift-report.json into DIR (required)")
      ("interval", po::value(&options.interval), "seconds between writes (default 60)")
      ("policy,p", po::value<std::string>(), "explain with the binary policy FILE")
      ("no-policy", po::bool_switch(&options.policy.none), "do not look for the system's policy")
      ("file-contexts", po::value<std::string>(), "file_contexts to check labels against (default: the policy's)")
      ("module,m", po::value(&module_name), "write a complete module named NAME instead of a fragment")
      ("app-module", po::value(&options.app_modules), "the application's policy module FILE.te; its "
                                                      "`type` declarations are its own types (repeatable)")
      ("quiet,q", po::bool_switch(&options.quiet), "no notes on stderr (errors still)");
  add_node_option(described);
  add_date_order_option(described);
  const auto map = parse_command_line(args, described, positional);
  if (map.count("help") != 0) {
    out << "Usage: avcsift watch --output-dir DIR [OPTIONS]\n"
           "Read audit records on standard input as an auditd plugin does, and keep\n"
           "DIR/avcsift.te and DIR/avcsift-report.json up to date: every --interval\n"
           "seconds when something changed, on SIGHUP, and at SIGTERM or end of input.\n\n"
        << described
        << "\nExamples:\n"
           "  cp /usr/share/doc/avcsift/examples/avcsift.conf /etc/audit/plugins.d/   (then active = yes)\n"
           "  tail -F /var/log/audit/audit.log | avcsift watch --output-dir /tmp/avc --interval 10\n"
           "  avcsift watch --output-dir /tmp/avc --no-policy < audit.log\n";
    return std::nullopt;
  }
  if (!positional.empty()) {
    throw Error("watch reads standard input only; unexpected argument '" + positional.front() + "'",
                ExitStatus::Usage);
  }
  if (options.output_dir.empty()) throw Error("watch needs --output-dir DIR", ExitStatus::Usage);
  if (options.interval == 0 || options.interval > kMaxInterval) {
    throw Error("--interval must be between 1 and " + std::to_string(kMaxInterval) + " seconds",
                ExitStatus::Usage);
  }
  if (map.count("policy") != 0) {
    if (options.policy.none) throw Error("-p and --no-policy cannot be used together", ExitStatus::Usage);
    options.policy.path = map["policy"].as<std::string>();
  }
  if (map.count("file-contexts") != 0) options.file_contexts = map["file-contexts"].as<std::string>();
  options.date_order = read_date_order(map);
  options.node = read_node_option(map);
  if (map.count("module") != 0) {
    if (!emit::is_valid_module_name(module_name)) {
      throw Error("invalid module name '" + module_name +
                      "': use letters, digits and '_', not starting with a digit, and not a "
                      "policy keyword such as t1 or allow",
                  ExitStatus::Usage);
    }
    options.module_name = module_name;
  }
  return options;
}

}  // namespace avcsift::cli
