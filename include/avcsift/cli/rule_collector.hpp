#pragma once
/// The event sink of `allow`: filters denials and folds them into a RuleSet.
#include "avcsift/aggregate/denial_filter.hpp"
#include "avcsift/aggregate/node_filter.hpp"
#include "avcsift/aggregate/node_tally.hpp"
#include "avcsift/aggregate/rule_set.hpp"
#include "avcsift/explain/hidden_failures.hpp"
#include "avcsift/explain/selinux_errors.hpp"
#include "avcsift/explain/verdict_cache.hpp"
#include "avcsift/parse/event_reader.hpp"

namespace avcsift::cli {

/// Folds each kept denial (with its verdict) and SELINUX_ERR report of an
/// event into `rules` (compute_sid reports as role statements, refused
/// NNP/nosuid transitions as process2 rules); the event itself is dropped
/// right away, so memory stays bounded.
class RuleCollector final : public parse::EventSink {
 public:
  RuleCollector(DenialFilter& filter, explain::VerdictCache& verdicts, RuleSet& rules)
      : filter_(filter), verdicts_(verdicts), rules_(rules) {}
  /// Counts the hosts of each rule, records without `node=` for `local_host`
  /// (report and watch show them; allow saves the work).
  void count_hosts(const std::string& local_host) { rules_.set_local_host(local_host); }
  /// Also counts every kept denial per host into `tally` (`report --by-node`).
  void tally_nodes(NodeTally& tally) {
    tally.set_local_host(NodeFilter::local_host_name());
    nodes_ = &tally;
  }
  void on_event(AuditEvent&& event) override;
  void restart() override {
    rules_.clear();
    if (nodes_ != nullptr) nodes_->clear();
  }

 private:
  void add(const Denial& denial);

  DenialFilter& filter_;
  explain::VerdictCache& verdicts_;
  RuleSet& rules_;
  NodeTally* nodes_ = nullptr;
};

/// The event sink of `report` and `watch`: denials fold into rules (through a
/// RuleCollector), failed system calls without AVC into hidden failures, and
/// SELINUX_ERR reports no rule comes from into `errors` (when given). Each
/// counts its hosts, records without `node=` for this machine
/// (NodeFilter::local_host_name()), so mixed logs work.
class ReviewCollector final : public parse::EventSink {
 public:
  ReviewCollector(RuleCollector& rules, explain::HiddenFailureTally& hidden,
                  explain::SelinuxErrorTally* errors = nullptr)
      : rules_(rules), hidden_(hidden), errors_(errors), local_host_(NodeFilter::local_host_name()) {
    rules_.count_hosts(local_host_);
    name_local_host();
  }
  void on_event(AuditEvent&& event) override {
    hidden_.add(event);
    if (errors_ != nullptr) errors_->add(event);
    rules_.on_event(std::move(event));
  }
  void restart() override {
    hidden_ = {};
    if (errors_ != nullptr) *errors_ = {};
    name_local_host();
    rules_.restart();
  }

 private:
  void name_local_host() {
    hidden_.set_local_host(local_host_);
    if (errors_ != nullptr) errors_->set_local_host(local_host_);
  }

  RuleCollector& rules_;
  explain::HiddenFailureTally& hidden_;
  explain::SelinuxErrorTally* errors_;
  std::string local_host_;
};

}  // namespace avcsift::cli
