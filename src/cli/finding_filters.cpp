#include "avcsift/cli/finding_filters.hpp"

#include <boost/program_options.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "avcsift/model/error.hpp"
#include "avcsift/model/identifier.hpp"
#include "baseline_file.hpp"

namespace avcsift::cli {

namespace po = boost::program_options;

void add_finding_filter_options(po::options_description& described, FindingFilterOptions& options) {
  described.add_options()
      ("baseline", po::value<std::string>()->notifier([&options](const std::string& file) { options.baseline = file; }),
       "a previous 'report --format json': mark findings new or seen, list those gone; --fail-on counts "
       "only new ones")
      ("ignore", po::value(&options.ignore_files), "FILE of accepted findings, 'SOURCE TARGET CLASS [PERMS] "
                                                   "# reason' per line ('*' wildcards); counted and listed, "
                                                   "not flagged (repeatable)");
}

FindingFilters load_finding_filters(const FindingFilterOptions& options) {
  FindingFilters filters;
  if (options.baseline) {
    filters.baseline_file = options.baseline;
    filters.baseline = read_baseline_file(*options.baseline);
  }
  for (const auto& file : options.ignore_files) {
    std::ifstream in(file);
    if (!in) throw Error("cannot read ignore file '" + escape_for_comment(file) + "': " + std::strerror(errno));
    filters.ignore.read(in, escape_for_comment(file));
    filters.ignore_files.push_back(file);
  }
  return filters;
}

FilteredFindings apply_finding_filters(const FindingFilters& filters, std::vector<explain::Finding>& findings) {
  FilteredFindings filtered;
  if (!filters.ignore_files.empty()) {
    filtered.ignores = explain::apply_ignore_list(filters.ignore, findings);
    filtered.ignores->files = filters.ignore_files;
  }
  if (filters.baseline_file) {
    std::vector<explain::Finding> ignored;
    if (filtered.ignores) {
      for (const auto& entry : filtered.ignores->ignored) ignored.push_back(entry.finding);
    }
    filtered.baseline = explain::compare_with_baseline(filters.baseline, findings, ignored);
    filtered.baseline->file = *filters.baseline_file;
  }
  return filtered;
}

bool fail_on_reached(const ReviewOptions& options, const std::vector<explain::Finding>& findings,
                     const FilteredFindings& filtered) {
  if (!filtered.baseline) return fail_on_reached(options, findings);
  std::vector<explain::Finding> fresh;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (filtered.baseline->marks[i].status == explain::BaselineStatus::New) fresh.push_back(findings[i]);
  }
  return fail_on_reached(options, fresh);
}

bool fail_on_reached(const ReviewOptions& options, std::vector<explain::Finding> findings,
                     const FindingFilters& filters) {
  const auto filtered = apply_finding_filters(filters, findings);
  return fail_on_reached(options, findings, filtered);
}

}  // namespace avcsift::cli
