// Command-line parsing for `avcsift merge` (Boost.Program_options stays in cli/).
#include <boost/program_options.hpp>

#include <iostream>

#include "avcsift/cli/merge_command.hpp"
#include "avcsift/model/error.hpp"
#include "option_parsing.hpp"

namespace avcsift::cli {

namespace po = boost::program_options;

std::optional<MergeOptions> parse_merge_options(const std::vector<std::string>& args, std::ostream& out) {
  MergeOptions options;
  ReportOptions& report = options.report;
  std::vector<std::string> positional;
  ReportOutputChoices choices;
  choices.format = "json";  // a merge writes what it reads, unless told otherwise
  po::options_description described("Options");
  described.add_options()("help,h", "show this help")
      ("input,i", po::value(&options.reports), "read the JSON report FILE (repeatable; '-' is standard input)")
      ("policy,p", po::value<std::string>(),
       "advise with the binary policy FILE (the one the reports were made with; verdicts come from the reports)")
      ("quiet,q", po::bool_switch(&report.common.quiet), "no notes on stderr (errors still)");
  add_report_output_options(described, report, choices);
  add_color_option(described, choices);
  const auto map = parse_command_line(args, described, positional);
  if (map.count("help") != 0) {
    out << "Usage: avcsift merge [OPTIONS] [REPORT.json...]\n"
           "Merge the JSON reports of several machines or aggregators into one report, as if of one log.\n\n"
        << described
        << "\nExamples:\n"
           "  avcsift merge eu.json us.json asia.json > fleet.json\n"
           "  avcsift merge --format html -o fleet.html eu.json us.json\n"
           "  avcsift merge -p /etc/selinux/default/policy/policy.33 --fail-on high eu.json us.json\n";
    return std::nullopt;
  }
  options.reports.insert(options.reports.end(), positional.begin(), positional.end());
  if (map.count("policy") != 0) report.common.policy.path = map["policy"].as<std::string>();
  report.common.policy.none = !report.common.policy.path;
  finish_report_output_options(map, choices, report);
  return options;
}

}  // namespace avcsift::cli
