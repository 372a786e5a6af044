#pragma once
/// `--node REGEX` in front of a command's sink.
#include <optional>
#include <string>
#include <utility>

#include "avcsift/aggregate/node_filter.hpp"
#include "avcsift/parse/event_reader.hpp"

namespace avcsift::cli {

/// Passes on the events of the hosts `--node` names (all without it). It
/// stands first in a command's chain of sinks, so a policy load on another
/// host does not restart `--since-last-load`.
class NodeScope final : public parse::EventSink {
 public:
  /// Keeps everything when `pattern` is empty; throws avcsift::Error (usage)
  /// for an invalid pattern.
  NodeScope(const std::optional<std::string>& pattern, parse::EventSink& inner) : inner_(inner) {
    if (pattern) filter_.emplace(*pattern, NodeFilter::local_host_name());
  }
  void on_event(AuditEvent&& event) override {
    if (filter_ && !filter_->keeps(event.node)) return;
    inner_.on_event(std::move(event));
  }
  void restart() override { inner_.restart(); }

 private:
  std::optional<NodeFilter> filter_;
  parse::EventSink& inner_;
};

}  // namespace avcsift::cli
