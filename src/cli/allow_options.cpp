// Command-line parsing for `avcsift allow` (Boost.Program_options stays in cli/).
#include <boost/program_options.hpp>

#include <iostream>

#include "avcsift/cli/allow_command.hpp"
#include "avcsift/cli/common_options.hpp"
#include "avcsift/cli/option_parsing.hpp"
#include "avcsift/emit/module_name.hpp"
#include "avcsift/model/error.hpp"

namespace avcsift::cli {

namespace po = boost::program_options;

std::optional<AllowOptions> parse_allow_options(const std::vector<std::string>& args, std::ostream& out) {
  AllowOptions options;
  std::vector<std::string> positional;
  std::string module_name, output, source_type;
  po::options_description described("Options");
  described.add_options()
      ("help,h", "show this help");
  add_common_options(described, options.common);
  described.add_options()
      ("module,m", po::value(&module_name), "print a complete module named NAME")
      ("module-version", po::value(&options.module_version), "version of the module (default 1.0)")
      ("output,o", po::value(&output), "write to FILE instead of standard output")
      ("force", po::bool_switch(&options.force), "overwrite an existing output file")
      ("dontaudit,D", po::bool_switch(&options.dontaudit), "emit dontaudit rules instead of allow")
      ("type,t", po::value(&source_type), "keep denials whose source type matches REGEX");
  const auto map = parse_command_line(args, described, positional);
  if (map.count("help") != 0) {
    out << "Usage: avcsift allow [OPTIONS] [FILE...]\n"
           "Turn SELinux denials from audit logs into type enforcement rules.\n"
           "Reads raw audit.log, ausearch, journald, syslog and dmesg lines, plain\n"
           "or gzip-compressed; standard input when no FILE is given.\n\n"
        << described
        << "\nExamples:\n"
           "  ausearch -m avc -ts recent | avcsift allow\n"
           "  avcsift allow -i /var/log/audit/audit.log -m plone\n"
           "  avcsift allow -p /etc/selinux/default/policy/policy.33 audit.log\n"
           "  zcat audit.log.2.gz | avcsift allow /var/log/audit/audit.log.1 -\n";
    return std::nullopt;
  }
  finish_common_options(map, positional, options.common);
  if (map.count("module") != 0) {
    if (!emit::is_valid_module_name(module_name)) {
      throw Error("invalid module name '" + module_name +
                      "': use letters, digits and '_', not starting with a digit, and not a "
                      "policy keyword such as t1 or allow",
                  ExitStatus::Usage);
    }
    options.module_name = module_name;
  }
  if (map.count("output") != 0) options.output = output;
  if (map.count("type") != 0) options.source_type = source_type;
  return options;
}

}  // namespace avcsift::cli
