#pragma once
/// The hosts that logged a finding, in bounded memory, in a form that merges.
///
/// An aggregating auditd writes the records of thousands of hosts into one
/// log (`node=web-042 type=AVC ...`). For each finding a fleet administrator
/// asks "on how many hosts, and which?". Keeping every host name per finding
/// would make memory grow with hosts x findings, so a NodeSet keeps:
///   - the distinct hosts exactly while there are at most kExactLimit of them
///     (as 64-bit hashes of their names: a collision among 10,000 hosts has a
///     chance of about 3e-12);
///   - beyond that a HyperLogLog sketch of 2^kSketchBits one-byte registers
///     (1 KiB), whose estimate has a relative standard error of about
///     1.04 / sqrt(1024) = 3.3%;
///   - a sample of the kSampleLimit alphabetically first names, each with when
///     it first and last logged the finding.
///
/// Every part is chosen by a rule that merges: a union of hash sets, a
/// register-wise maximum, the smallest names. So the NodeSet of a whole log
/// equals the merge of the NodeSets of any split of it (by host or by time),
/// whatever the order and grouping of the merges: what `avcsift merge`
/// relies on.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "avcsift/model/audit_stamp.hpp"

namespace avcsift {

/// Distinct hosts with a bounded, mergeable memory (see the file comment).
class NodeSet {
 public:
  /// Most distinct hosts counted exactly.
  static constexpr std::size_t kExactLimit = 64;
  /// Most host names kept with their first and last time.
  static constexpr std::size_t kSampleLimit = 8;
  /// log2 of the sketch's register count.
  static constexpr unsigned kSketchBits = 10;
  /// Registers of the sketch.
  static constexpr std::size_t kRegisters = std::size_t{1} << kSketchBits;

  /// The sketch's registers.
  using Registers = std::array<std::uint8_t, kRegisters>;

  /// One host of the sample.
  struct Host {
    std::string name;
    AuditStamp first_seen;
    AuditStamp last_seen;
    friend bool operator==(const Host&, const Host&) = default;
  };

  /// Counts `name` as having logged at `stamp`; an empty name is ignored
  /// (the caller names the local host: see NodeFilter::local_host_name()).
  void add(std::string_view name, const AuditStamp& stamp);
  /// Takes in `other`: the result is the NodeSet of both inputs together.
  void merge(const NodeSet& other);

  /// Distinct hosts: exact while exact(), else the sketch's estimate.
  [[nodiscard]] std::uint64_t count() const;
  /// True while the count is exact (at most kExactLimit hosts).
  [[nodiscard]] bool exact() const { return registers_ == nullptr; }
  /// True when no host was added.
  [[nodiscard]] bool empty() const { return hashes_.empty() && registers_ == nullptr; }
  /// The estimate's relative standard error (0 while exact).
  [[nodiscard]] double relative_error() const;
  /// The alphabetically first hosts (at most kSampleLimit), sorted by name.
  [[nodiscard]] const std::vector<Host>& sample() const { return sample_; }

  /// The counting state as text, for a JSON report that `avcsift merge`
  /// reads back: `x:` followed by 16 hex digits per host hash while exact,
  /// `h:` followed by one character per register (`0`-`9`, `a`-`z`, `A`-`Z`,
  /// `+`, `/`: values 0 to 63) once estimated.
  [[nodiscard]] std::string state_text() const;
  /// Rebuilds a NodeSet from state_text() and its sample; nullopt when the
  /// text is malformed or the sample does not fit it (too long, unsorted,
  /// a name whose hash the exact state lacks).
  [[nodiscard]] static std::optional<NodeSet> restore(std::string_view state, std::vector<Host> sample);

  /// The 64-bit hash a host name is counted by (stable across machines and runs).
  [[nodiscard]] static std::uint64_t name_hash(std::string_view name);

  friend bool operator==(const NodeSet& a, const NodeSet& b);

 private:
  void add_hash(std::uint64_t hash);
  void add_to_sample(const Host& host);
  void to_sketch();
  /// The registers, copied first when another NodeSet shares them.
  Registers& own_registers();

  std::vector<std::uint64_t> hashes_;    ///< sorted, while exact.
  /// Null while exact. Shared between copies until one of them changes: a
  /// report's finding takes its rule's hosts, and 10,000 rules of 10,000
  /// hosts would otherwise hold every sketch twice.
  std::shared_ptr<Registers> registers_;
  std::vector<Host> sample_;             ///< sorted by name.
};

/// The host a record counts for: its `node=`, else `local_host` (the
/// machine that wrote the log; empty when unknown).
[[nodiscard]] inline std::string_view host_of(std::string_view node, std::string_view local_host) {
  return node.empty() ? local_host : node;
}

}  // namespace avcsift
