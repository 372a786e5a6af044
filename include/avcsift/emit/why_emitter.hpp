#pragma once
/// Writes denials with their explanation, as audit2why does:
///
///   type=AVC msg=audit(1162850333.186:980): avc:  denied  { read } for  pid=6306 ...
///
///   	Was caused by:
///   		Missing type enforcement (TE) allow rule.
///
///   		You can use audit2allow to generate a loadable module to allow this access.
///
#include <iosfwd>
#include <string>
#include <unordered_map>
#include <vector>

#include "avcsift/aggregate/denial_tally.hpp"
#include "avcsift/emit/reason_text.hpp"
#include "avcsift/model/denial.hpp"
#include "avcsift/model/verdict.hpp"

namespace avcsift::emit {

/// A SELINUX_ERR report as `why` shows it: the record and its explanation.
struct WhyReport {
  std::string kind;                      ///< `bounded_transition`, `invalid_context`, ...
  std::string record;                    ///< the first record, as read.
  std::vector<std::string> explanation;  ///< one line each, log text escaped.
  std::uint64_t count = 0;
  AuditStamp first_seen;
  AuditStamp last_seen;
};

/// audit2why-compatible text, one block per denial (streaming) or per
/// distinct denial with its count (`--unique`).
class WhyEmitter {
 public:
  WhyEmitter(std::ostream& out, BooleanDescriber describe_boolean);
  /// Nothing to write before the first denial; kept for the common emitter shape.
  void begin() {}
  /// Writes one denial at once (streaming mode).
  void add(const Denial& denial, const Verdict& verdict);
  /// add() for a verdict that outlives the emitter and never changes (one of
  /// an explain::VerdictCache): its explanation is rendered only once, since a
  /// log repeats few distinct verdicts many times.
  void add_stable(const Denial& denial, const Verdict& verdict);
  /// Writes one distinct denial with how often and when it was seen.
  void add(const DistinctDenial& denial);
  /// Writes a SELINUX_ERR record with its explanation (one line each, log
  /// text in it already escaped), and
  /// with `count` > 0 how often and when it was seen (--unique).
  void add_report(const std::string& record, const std::vector<std::string>& explanation,
                  std::uint64_t count = 0, const AuditStamp& first = {}, const AuditStamp& last = {});
  /// Nothing to write after the last; kept for the common emitter shape.
  void end() {}

 private:
  std::ostream& out_;
  BooleanDescriber describe_boolean_;
  std::unordered_map<const Verdict*, std::string> rendered_;
};

/// One JSON object per distinct denial, in an array under `denials`, one per
/// distinct SELINUX_ERR report under `selinux_errors`, with a `summary`
/// object; documented in avcsift-why(1).
void write_why_json(std::ostream& out, const DenialTally& tally, const std::string& policy,
                    const std::vector<WhyReport>& reports = {});

}  // namespace avcsift::emit
