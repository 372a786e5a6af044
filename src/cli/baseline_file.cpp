#include "baseline_file.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "avcsift/emit/report_json.hpp"
#include "avcsift/model/error.hpp"
#include "avcsift/model/identifier.hpp"

namespace avcsift::cli {
namespace {

using nlohmann::json;

[[noreturn]] void not_a_report(const std::string& file, const std::string& what) {
  throw Error("baseline '" + escape_for_comment(file) + "': " + what, ExitStatus::Usage);
}

std::string text_field(const json& object, const char* name) {
  const auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

explain::BaselineEntry entry_of(const json& finding, const std::string& file, std::size_t index) {
  if (!finding.is_object() || !finding.contains("source_type") || !finding.contains("class")) {
    not_a_report(file, "findings[" + std::to_string(index) + "] has no source_type and class");
  }
  explain::BaselineEntry entry;
  entry.kind = text_field(finding, "kind");
  if (entry.kind.empty()) entry.kind = "denial";  // schema 1 wrote no kind for denials only.
  entry.selinux_error = text_field(finding, "selinux_error");
  entry.source_type = text_field(finding, "source_type");
  entry.target_type = text_field(finding, "target_type");
  entry.tclass = text_field(finding, "class");
  entry.severity = text_field(finding, "severity");
  entry.sentence = text_field(finding, "sentence");
  if (const auto perms = finding.find("permissions"); perms != finding.end() && perms->is_array()) {
    for (const auto& perm : *perms) {
      if (perm.is_string()) entry.permissions.insert(perm.get<std::string>());
    }
  }
  if (const auto count = finding.find("count"); count != finding.end() && count->is_number_unsigned()) {
    entry.count = count->get<std::uint64_t>();
  }
  return entry;
}

}  // namespace

std::vector<explain::BaselineEntry> read_baseline_file(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error("cannot read baseline '" + escape_for_comment(file) + "': " + std::strerror(errno));
  // Not validated by a schema library: three fields are all a baseline needs,
  // and the checks below give errors a user can act on.
  json document;
  try {
    document = json::parse(in);
  } catch (const json::exception& error) {
    not_a_report(file, std::string("not JSON (") + error.what() + ")");
  }
  if (!document.is_object() || !document.contains("summary") || !document["summary"].is_object() ||
      !document["summary"].contains("schema_version") || !document["summary"]["schema_version"].is_number_integer()) {
    not_a_report(file, "not an avcsift report (no summary.schema_version); write one with "
                       "'avcsift report --format json -o FILE'");
  }
  const auto version = document["summary"]["schema_version"].get<long long>();
  if (version < 1 || version > emit::kReportSchemaVersion) {
    not_a_report(file, "schema version " + std::to_string(version) + " is not one this avcsift reads (1 to " +
                           std::to_string(emit::kReportSchemaVersion) + ")");
  }
  const auto findings = document.find("findings");
  if (findings == document.end() || !findings->is_array()) not_a_report(file, "no findings list");
  std::vector<explain::BaselineEntry> entries;
  for (std::size_t i = 0; i < findings->size(); ++i) entries.push_back(entry_of((*findings)[i], file, i));
  return entries;
}

}  // namespace avcsift::cli
