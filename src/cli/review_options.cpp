#include "avcsift/cli/review_options.hpp"

#include <boost/program_options.hpp>

#include "avcsift/explain/module_types.hpp"
#include "avcsift/model/error.hpp"

namespace avcsift::cli {

namespace po = boost::program_options;

void add_review_options(po::options_description& described, ReviewOptions& options) {
  described.add_options()
      ("app-root", po::value(&options.app_roots), "the application's directory (repeatable)")
      ("app-module", po::value(&options.app_modules), "the application's policy module FILE.te; its "
                                                      "`type` declarations are its own types (repeatable)")
      ("app-types", po::value<std::string>(), "the application's types: those REGEX finds (as grep: '^plone')")
      ("fail-on", po::value<std::string>(), "exit with status 3 when a flag of this severity or worse is "
                                            "present: high, medium or low");
}

void finish_review_options(const po::variables_map& map, ReviewOptions& options) {
  if (map.count("app-types") != 0) options.app_types = map["app-types"].as<std::string>();
  if (map.count("fail-on") != 0) {
    const std::string level = map["fail-on"].as<std::string>();
    options.fail_on = explain::parse_severity(level);
    if (!options.fail_on) {
      throw Error("unknown severity '" + level + "' for --fail-on (use high, medium or low)", ExitStatus::Usage);
    }
  }
}

explain::AppScope make_scope(const ReviewOptions& options) {
  explain::AppScope scope;
  for (const auto& root : options.app_roots) scope.add_root(root);
  for (const auto& module : options.app_modules) scope.add_module(module, explain::read_module_types_file(module));
  if (options.app_types) scope.set_type_pattern(*options.app_types);
  return scope;
}

bool fail_on_reached(const ReviewOptions& options, const std::vector<explain::Finding>& findings) {
  if (!options.fail_on) return false;
  for (const auto& finding : findings) {
    const auto severity = finding.severity();
    if (severity && *severity >= *options.fail_on) return true;
  }
  return false;
}

}  // namespace avcsift::cli
