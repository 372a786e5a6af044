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

#include "avcsift/aggregate/denial_tally.hpp"
#include "avcsift/emit/reason_text.hpp"
#include "avcsift/model/denial.hpp"
#include "avcsift/model/verdict.hpp"

namespace avcsift::emit {

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
  /// Nothing to write after the last; kept for the common emitter shape.
  void end() {}

 private:
  std::ostream& out_;
  BooleanDescriber describe_boolean_;
  std::unordered_map<const Verdict*, std::string> rendered_;
};

/// One JSON object per distinct denial, in an array under `denials`, with a
/// `summary` object; documented in avcsift-why(1).
void write_why_json(std::ostream& out, const DenialTally& tally, const std::string& policy);

}  // namespace avcsift::emit
