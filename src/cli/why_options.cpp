// Command-line parsing for `avcsift why` (Boost.Program_options stays in cli/).
#include <boost/program_options.hpp>

#include <iostream>

#include "avcsift/cli/common_options.hpp"
#include "option_parsing.hpp"
#include "avcsift/cli/why_command.hpp"
#include "avcsift/explain/boolean_descriptions.hpp"
#include "avcsift/model/error.hpp"

namespace avcsift::cli {

namespace po = boost::program_options;

std::optional<WhyOptions> parse_why_options(const std::vector<std::string>& args, std::ostream& out) {
  WhyOptions options;
  options.policy_xml = explain::kDefaultPolicyXml;
  std::vector<std::string> positional;
  std::string format = "text";
  po::options_description described("Options");
  described.add_options()("help,h", "show this help");
  add_common_options(described, options.common);
  described.add_options()
      ("unique,u", po::bool_switch(&options.unique), "print each distinct denial once, with a count")
      ("format", po::value(&format), "text (audit2why's layout, default) or json")
      ("policy-xml", po::value(&options.policy_xml),
       "boolean descriptions, plain or gzip (default: /usr/share/selinux/devel/policy.xml)");
  const auto map = parse_command_line(args, described, positional);
  if (map.count("help") != 0) {
    out << "Usage: avcsift why [OPTIONS] [FILE...]\n"
           "Explain why each access was denied, from the binary policy (like audit2why).\n"
           "Policy: -p FILE, else the loaded one, else the newest policy.N of the\n"
           "SELINUXTYPE in /etc/selinux/config.\n\n"
        << described
        << "\nExamples:\n"
           "  avcsift why /var/log/audit/audit.log\n"
           "  avcsift why -p /etc/selinux/default/policy/policy.33 -i audit.log\n"
           "  avcsift why --unique --format json audit.log | jq '.denials[].reason'\n";
    return std::nullopt;
  }
  finish_common_options(map, positional, options.common);
  if (wants_json(format)) options.format = WhyFormat::Json;
  return options;
}

}  // namespace avcsift::cli
