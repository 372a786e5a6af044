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

/// -R's options, and what it cannot be combined with (-M builds with the
/// devel Makefile instead of checkmodule).
void finish_reference_options(const po::variables_map& map, AllowOptions& options) {
  ReferenceOptions& reference = options.reference;
  if (map.count("interface-info") != 0) reference.interface_info = map["interface-info"].as<std::string>();
  if (map.count("perm-map") != 0) reference.perm_map = map["perm-map"].as<std::string>();
  if (map.count("cache-dir") != 0) reference.cache_dir = map["cache-dir"].as<std::string>();
  const bool any = map.count("include-dir") != 0 || reference.interface_info || reference.perm_map ||
                   reference.cache_dir || reference.no_cache || reference.one_parameter || reference.verbose;
  if (any && !reference.enabled) {
    throw Error("--include-dir, --interface-info, --perm-map, --cache-dir, --no-cache, --one-parameter and -v "
                "need -R",
                ExitStatus::Usage);
  }
  if (!reference.enabled) return;
  if (options.format == AllowFormat::Cil) {
    throw Error("-R writes reference policy source, which has no CIL form; drop --cil", ExitStatus::Usage);
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
  add_finding_filter_options(described, options.filters);
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
       "-t also keeps denials whose target type matches (audit2allow's -t)")
      ("reference,R", po::bool_switch(&options.reference.enabled),
       "call reference policy interfaces where they cover the denials (refpolicy module with -m)")
      ("include-dir", po::value(&options.reference.include_dir),
       "-R: the interface headers (default /usr/share/selinux/devel/include)")
      ("interface-info", po::value<std::string>(), "-R: choose among the interfaces in sepolgen-ifgen's FILE")
      ("perm-map", po::value<std::string>(), "-R: the permission map FILE (default: sepolgen's)")
      ("cache-dir", po::value<std::string>(), "-R: keep the parsed headers in DIR (default ~/.cache/avcsift)")
      ("no-cache", po::bool_switch(&options.reference.no_cache), "-R: parse the headers, use no cache")
      ("one-parameter", po::bool_switch(&options.reference.one_parameter),
       "-R: only one-parameter interfaces, as audit2allow -R")
      ("verbose,v", po::bool_switch(&options.reference.verbose),
       "-R: explain each call: denials covered, score, alternatives");
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
           "  avcsift allow -R -m plone audit.log > plone.te   (make -f /usr/share/selinux/devel/Makefile plone.pp)\n"
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
  finish_reference_options(map, options);
  return options;
}

}  // namespace avcsift::cli
