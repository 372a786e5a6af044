#include "avcsift/aggregate/node_filter.hpp"

#include <sys/utsname.h>

#include <utility>

#include "avcsift/model/error.hpp"

namespace avcsift {

NodeFilter::NodeFilter(const std::string& pattern, std::string local_host) : local_host_(std::move(local_host)) {
  try {
    pattern_.assign(pattern, std::regex::ECMAScript | std::regex::optimize);
  } catch (const std::regex_error& error) {
    throw Error("--node: invalid regular expression '" + pattern + "': " + error.what(), ExitStatus::Usage);
  }
}

bool NodeFilter::keeps(std::string_view node) {
  key_.assign(node.empty() ? std::string_view(local_host_) : node);
  if (const auto found = cache_.find(key_); found != cache_.end()) return found->second;
  const bool keep = std::regex_search(key_, pattern_);
  if (cache_.size() < kMaxCached) cache_.emplace(key_, keep);
  return keep;
}

std::string NodeFilter::local_host_name() {
  utsname names{};
  if (::uname(&names) != 0) return {};
  return names.nodename;
}

}  // namespace avcsift
