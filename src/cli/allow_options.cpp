// Command-line parsing for `avcsift allow` (Boost.Program_options stays in cli/).
#include <boost/program_options.hpp>

#include <iostream>
#include <regex>

#include "avcsift/cli/allow_command.hpp"
#include "avcsift/cli/common_options.hpp"
#include "avcsift/cli/review_options.hpp"
#include "option_parsing.hpp"
#include "avcsift/emit/module_name.hpp"
#include "avcsift/model/error.hpp"

namespace avcsift::cli {
namespace {

namespace po = boost::program_options;

void check_module_name(const std::string& name) {
  if (!emit::is_valid_module_name(name)) {
    throw Error("invalid module name '" + name +
                    "': use letters, digits and '_', not starting with a digit, and not a "
                    "policy keyword such as t1 or allow",
                ExitStatus::Usage);
  }
}

/// checkmodule takes a version of numbers joined by dots (`1.0`, `2.3.1`).
void check_module_version(const std::string& version) {
  static const std::regex kVersion("[0-9]{1,9}(\\.[0-9]{1,9}){1,3}");
  if (!std::regex_match(version, kVersion)) {
    throw Error("invalid module version '" + version + "': use numbers joined by dots, such as 1.0",
                ExitStatus::Usage);
  }
}

}  // namespace

std::optional<AllowOptions> parse_allow_options(const std::vector<std::string>& args, std::ostream& out) {
  AllowOptions options;
  std::vector<std::string> positional;
  std::string module_name, package_name, output, source_type, version, module_version;
  po::options_description described("Options");
  described.add_options()
      ("help,h", "show this help");
  add_common_options(described, options.common);
  add_review_options(described, options.review);
  described.add_options()
      ("module,m", po::value(&module_name), "print a complete module named NAME")
      ("module-package,M", po::value(&package_name),
       "write NAME.te and build NAME.pp in the current directory (NAME.cil with --cil)")
      ("module-version", po::value(&module_version), "version X.Y of the module (default 1.0)")
      ("version", po::value(&version), "the same as --module-version (after 'allow' only)")
      ("cil,C", po::bool_switch(), "write CIL instead of a .te module")
      ("xperms,x", po::bool_switch(&options.xperms), "add allowxperm rules for logged ioctl commands")
      ("against", po::value(&options.against),
       "leave out what the module source FILE.te already grants (repeatable)")
      ("output,o", po::value(&output), "write to FILE instead of standard output")
      ("force", po::bool_switch(&options.force), "overwrite existing output files")
      ("dontaudit,D", po::bool_switch(&options.dontaudit), "emit dontaudit rules instead of allow")
      ("type,t", po::value(&source_type), "keep denials whose source type matches REGEX")
      ("type-or-target", po::bool_switch(&options.type_matches_target),
       "-t also keeps denials whose target type matches (audit2allow's -t)");
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
           "  avcsift allow -M plonelocal audit.log && semodule -i plonelocal.pp\n"
           "  avcsift allow --cil -m plonelocal audit.log > plonelocal.cil\n"
           "  avcsift allow --against plone.te audit.log >> plone.te\n"
           "  avcsift allow -p /etc/selinux/default/policy/policy.33 audit.log\n"
           "  zcat audit.log.2.gz | avcsift allow /var/log/audit/audit.log.1 -\n";
    return std::nullopt;
  }
  finish_common_options(map, positional, options.common);
  finish_review_options(map, options.review);
  if (map["cil"].as<bool>()) options.format = AllowFormat::Cil;
  if (map.count("module") != 0) {
    check_module_name(module_name);
    options.module_name = module_name;
  }
  if (map.count("module-package") != 0) {
    check_module_name(package_name);
    if (options.module_name && *options.module_name != package_name) {
      throw Error("-m " + module_name + " and -M " + package_name + " name different modules",
                  ExitStatus::Usage);
    }
    if (map.count("output") != 0) {
      throw Error("-M writes NAME.te and NAME.pp; it cannot be used with -o", ExitStatus::Usage);
    }
    options.module_name = package_name;
    options.build_package = true;
  }
  if (map.count("version") != 0 && map.count("module-version") != 0 && version != module_version) {
    throw Error("--version " + version + " and --module-version " + module_version + " differ",
                ExitStatus::Usage);
  }
  if (map.count("version") != 0) options.module_version = version;
  if (map.count("module-version") != 0) options.module_version = module_version;
  check_module_version(options.module_version);
  if (map.count("output") != 0) options.output = output;
  if (map.count("type") != 0) options.source_type = source_type;
  return options;
}

}  // namespace avcsift::cli
