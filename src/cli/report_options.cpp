// Command-line parsing for `avcsift report` (Boost.Program_options stays in cli/).
#include <boost/program_options.hpp>

#include <iostream>

#include "avcsift/cli/common_options.hpp"
#include "option_parsing.hpp"
#include "avcsift/cli/report_command.hpp"
#include "avcsift/explain/boolean_descriptions.hpp"
#include "avcsift/model/error.hpp"

namespace avcsift::cli {

namespace po = boost::program_options;

void add_report_output_options(po::options_description& described, ReportOptions& options,
                               ReportOutputChoices& choices) {
  add_review_options(described, options.review);
  add_finding_filter_options(described, options.filters);
  described.add_options()
      ("file-contexts", po::value<std::string>(), "file_contexts to check labels against (default: the policy's)")
      ("policy-xml", po::value(&options.policy_xml)->default_value(explain::kDefaultPolicyXml, ""),
       "boolean descriptions, plain or gzip (default: /usr/share/selinux/devel/policy.xml)")
      ("format", po::value(&choices.format),
       choices.format == "json" ? "text, json (default) or html" : "text (default), json or html")
      ("output,o", po::value<std::string>(), "write to FILE (atomically) instead of standard output")
      ("force", po::bool_switch(&options.force), "overwrite an existing -o FILE");
}

void finish_report_output_options(const po::variables_map& map, const ReportOutputChoices& choices,
                                  ReportOptions& options) {
  finish_review_options(map, options.review);
  if (map.count("file-contexts") != 0) options.file_contexts = map["file-contexts"].as<std::string>();
  if (map.count("output") != 0) options.output = map["output"].as<std::string>();
  const std::string& format = choices.format;
  if (format == "html") {
    options.format = ReportFormat::Html;
  } else if (format != "text" && format != "json") {
    throw Error("unknown format '" + format + "' (use text, json or html)", ExitStatus::Usage);
  } else if (wants_json(format)) {
    options.format = ReportFormat::Json;
  }
  const std::string& color = choices.color;
  if (color == "always") {
    options.color = ColorChoice::Always;
  } else if (color == "never") {
    options.color = ColorChoice::Never;
  } else if (color != "auto") {
    throw Error("unknown color choice '" + color + "' (use auto, always or never)", ExitStatus::Usage);
  }
}

void add_color_option(po::options_description& described, ReportOutputChoices& choices) {
  described.add_options()("color", po::value(&choices.color),
                          "auto (default: only on a terminal without NO_COLOR), always or never");
}

std::optional<ReportOptions> parse_report_options(const std::vector<std::string>& args, std::ostream& out) {
  ReportOptions options;
  std::vector<std::string> positional;
  ReportOutputChoices choices;
  po::options_description described("Options");
  described.add_options()("help,h", "show this help");
  add_common_options(described, options.common);
  add_report_output_options(described, options, choices);
  described.add_options()
      ("by-node", po::bool_switch(&options.by_node),
       "list per host its findings and those only it has (memory grows with hosts x findings)");
  add_color_option(described, choices);
  const auto map = parse_command_line(args, described, positional);
  if (map.count("help") != 0) {
    out << "Usage: avcsift report [OPTIONS] [FILE...]\n"
           "Review denials: what happened, what to do, and what looks dangerous.\n\n"
        << described
        << "\nExamples:\n"
           "  avcsift report /var/log/audit/audit.log --app-root /usr/local/Plone --app-module plone.te\n"
           "  avcsift report --format json audit.log | jq '.findings[] | select(.flags != [])'\n"
           "  avcsift report --format html -o report.html cycle1.log cycle2.log cycle3.log\n"
           "  avcsift report --fail-on high audit.log || echo 'review needed'\n"
           "  avcsift report --by-node /var/log/audit/audit.log   # on an aggregator: the odd host out\n"
           "  avcsift report --format json -o known.json audit.log   # later:\n"
           "  avcsift report --baseline known.json --ignore accepted.ignore --fail-on low audit.log\n";
    return std::nullopt;
  }
  finish_common_options(map, positional, options.common);
  finish_report_output_options(map, choices, options);
  return options;
}

}  // namespace avcsift::cli
