#include "avcsift/cli/common_options.hpp"

#include <boost/program_options.hpp>

#include "avcsift/aggregate/node_filter.hpp"
#include "avcsift/model/error.hpp"

namespace avcsift::cli {

namespace po = boost::program_options;

void add_common_options(po::options_description& described, CommonOptions& options) {
  described.add_options()
      ("input,i", po::value(&options.inputs), "read FILE (repeatable; '-' is standard input)")
      ("policy,p", po::value<std::string>(), "explain with the binary policy FILE")
      ("no-policy", po::bool_switch(&options.policy.none), "do not look for the system's policy")
      ("no-policy-cache", po::bool_switch(&options.policy.no_cache),
       "read the policy itself, not its slim copy in ~/.cache/avcsift")
      ("dmesg", po::bool_switch(&options.dmesg), "also read the kernel ring buffer (runs dmesg)")
      ("since", po::value<std::int64_t>(), "only events at or after SECONDS (Unix time)")
      ("since-last-load", po::bool_switch(&options.since_last_load),
       "only events after the last policy load in the input");
  add_node_option(described);
  add_date_order_option(described);
  described.add_options()
      ("quiet,q", po::bool_switch(&options.quiet), "no progress meter and no notes on stderr (errors still)");
}

void add_date_order_option(po::options_description& described) {
  described.add_options()
      ("date-order", po::value<std::string>()->value_name("ORDER"),
       "read ambiguous ausearch -i dates (08/12/25) as mdy, dmy or ymd");
}

void add_node_option(po::options_description& described) {
  described.add_options()
      ("node", po::value<std::string>()->value_name("REGEX"),
       "only events of hosts whose name (node=, or this machine's without) matches REGEX");
}

std::optional<std::string> read_node_option(const po::variables_map& map) {
  if (map.count("node") == 0) return std::nullopt;
  auto pattern = map["node"].as<std::string>();
  NodeFilter check(pattern, {});  // a bad pattern is a usage error now, not mid-run
  return pattern;
}

std::optional<input::DateOrder> read_date_order(const po::variables_map& map) {
  if (map.count("date-order") == 0) return std::nullopt;
  const auto& name = map["date-order"].as<std::string>();
  const auto order = input::parse_date_order(name);
  if (!order) throw Error("--date-order must be mdy, dmy or ymd, not '" + name + "'", ExitStatus::Usage);
  return order;
}

void finish_common_options(const po::variables_map& map, const std::vector<std::string>& positional,
                           CommonOptions& options) {
  options.inputs.insert(options.inputs.end(), positional.begin(), positional.end());
  if (map.count("since") != 0) options.since = map["since"].as<std::int64_t>();
  options.date_order = read_date_order(map);
  options.node = read_node_option(map);
  if (map.count("policy") != 0) {
    if (options.policy.none) throw Error("-p and --no-policy cannot be used together", ExitStatus::Usage);
    options.policy.path = map["policy"].as<std::string>();
  }
}

}  // namespace avcsift::cli
