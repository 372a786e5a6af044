#include "avcsift/aggregate/denial_filter.hpp"

#include "avcsift/model/error.hpp"

namespace avcsift {

DenialFilter::DenialFilter(const std::string& source_type_pattern, bool target_too)
    : target_too_(target_too) {
  try {
    source_type_.emplace(source_type_pattern, std::regex::ECMAScript | std::regex::optimize);
  } catch (const std::regex_error& error) {
    throw Error("invalid regular expression '" + source_type_pattern + "': " + error.what(),
                ExitStatus::Usage);
  }
}

bool DenialFilter::keeps_source_type(const std::string& type) {
  if (!source_type_) return true;
  const auto found = cache_.find(type);
  if (found != cache_.end()) return found->second;
  // Anchored at the start only, like audit2allow's Python re.match.
  const bool keep = std::regex_search(type, *source_type_, std::regex_constants::match_continuous);
  cache_.emplace(type, keep);
  return keep;
}

bool DenialFilter::keeps(const Denial& denial) {
  return keeps_source_type(denial.source.type) || (target_too_ && keeps_source_type(denial.target.type));
}

}  // namespace avcsift
