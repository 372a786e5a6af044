#include "avcsift/aggregate/node_set.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

namespace avcsift {
namespace {

/// Register values are at most 64 - kSketchBits + 1 = 55, so one character
/// of a 64-letter alphabet holds one register in the state text.
constexpr std::string_view kRegisterDigits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+/";
constexpr std::uint8_t kMaxRank = 64 - NodeSet::kSketchBits + 1;

/// The sketch's register for `hash` and the rank it offers there: the
/// position of the first 1 bit after the index bits.
std::pair<std::size_t, std::uint8_t> register_of(std::uint64_t hash) {
  const auto index = static_cast<std::size_t>(hash >> (64 - NodeSet::kSketchBits));
  const std::uint64_t rest = hash << NodeSet::kSketchBits;
  const auto rank = static_cast<std::uint8_t>(std::min<int>(std::countl_zero(rest) + 1, kMaxRank));
  return {index, rank};
}

bool by_name(const NodeSet::Host& a, const NodeSet::Host& b) { return a.name < b.name; }

std::optional<std::uint64_t> parse_hex64(std::string_view text) {
  std::uint64_t value = 0;
  for (const char c : text) {
    int digit = 0;
    if (c >= '0' && c <= '9') digit = c - '0';
    else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    else return std::nullopt;
    value = (value << 4) | static_cast<std::uint64_t>(digit);
  }
  return value;
}

}  // namespace

std::uint64_t NodeSet::name_hash(std::string_view name) {
  // FNV-1a spreads the name over 64 bits; the splitmix64 finalizer then
  // mixes them so that the sketch's index bits (the top ones) are as good as
  // the rest. Written out rather than std::hash, whose value differs between
  // standard libraries and would make saved reports unmergeable.
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  hash ^= hash >> 30;
  hash *= 0xbf58476d1ce4e5b9ULL;
  hash ^= hash >> 27;
  hash *= 0x94d049bb133111ebULL;
  hash ^= hash >> 31;
  return hash;
}

void NodeSet::add(std::string_view name, const AuditStamp& stamp) {
  if (name.empty()) return;
  add_hash(name_hash(name));
  // Most sightings are of a host already sampled or of one after the
  // sample's last name: decided on the view, without building a Host. On a
  // fleet it is nearly always the latter, told by the last name alone (the
  // sample's other entries, each in cache lines of its own, stay untouched).
  if (sample_.size() >= kSampleLimit && sample_.back().name < name) return;
  const auto at = std::lower_bound(sample_.begin(), sample_.end(), name,
                                   [](const Host& host, std::string_view key) { return host.name < key; });
  if (at != sample_.end() && at->name == name) {
    widen_span(at->first_seen, at->last_seen, stamp);
    return;
  }
  if (sample_.size() >= kSampleLimit && at == sample_.end()) return;
  add_to_sample(Host{std::string(name), stamp, stamp});
}

void NodeSet::add_hash(std::uint64_t hash) {
  if (registers_ != nullptr) {
    const auto [index, rank] = register_of(hash);
    if ((*registers_)[index] >= rank) return;
    Registers& registers = own_registers();
    registers[index] = rank;
    return;
  }
  const auto at = std::lower_bound(hashes_.begin(), hashes_.end(), hash);
  if (at != hashes_.end() && *at == hash) return;
  const auto offset = at - hashes_.begin();  // reserve() below moves the elements
  if (hashes_.size() == 1) {
    // A second host: the set may well reach the sketch, so it takes the
    // sketch's size (1 KiB) now. A report's memory then stays flat as a log
    // grows, instead of growing by a kilobyte per rule as rules pass their
    // 65th host; a single host's log never pays for it.
    hashes_.reserve(kRegisters / sizeof(std::uint64_t));
  }
  hashes_.insert(hashes_.begin() + offset, hash);
  if (hashes_.size() > kExactLimit) to_sketch();
}

void NodeSet::to_sketch() {
  registers_ = std::make_shared<Registers>();
  for (const auto hash : hashes_) {
    const auto [index, rank] = register_of(hash);
    (*registers_)[index] = std::max((*registers_)[index], rank);
  }
  hashes_.clear();
  hashes_.shrink_to_fit();
}

void NodeSet::add_to_sample(const Host& host) {
  const auto at = std::lower_bound(sample_.begin(), sample_.end(), host, by_name);
  if (at != sample_.end() && at->name == host.name) {
    widen_span(at->first_seen, at->last_seen, host.first_seen);
    widen_span(at->first_seen, at->last_seen, host.last_seen);
    return;
  }
  // A name after the kept ones never enters: once kSampleLimit names precede
  // it, they always will, so the sample stays the first names of the union.
  if (sample_.size() >= kSampleLimit && at == sample_.end()) return;
  // The last name leaves before the new one enters, so the vector never
  // grows past kSampleLimit (one more would double its capacity).
  const auto index = at - sample_.begin();
  if (sample_.size() >= kSampleLimit) sample_.pop_back();
  sample_.insert(sample_.begin() + index, host);
}

NodeSet::Registers& NodeSet::own_registers() {
  if (registers_.use_count() > 1) registers_ = std::make_shared<Registers>(*registers_);
  return *registers_;
}

bool operator==(const NodeSet& a, const NodeSet& b) {
  const bool same_registers = a.registers_ == nullptr || b.registers_ == nullptr
                                  ? a.registers_ == b.registers_
                                  : *a.registers_ == *b.registers_;
  return same_registers && a.hashes_ == b.hashes_ && a.sample_ == b.sample_;
}

void NodeSet::merge(const NodeSet& other) {
  if (empty() && sample_.empty()) {
    *this = other;  // shares the sketch
    return;
  }
  if (other.registers_ != nullptr) {
    if (registers_ == nullptr) to_sketch();
    if (registers_ != other.registers_) {
      Registers& registers = own_registers();
      for (std::size_t i = 0; i < kRegisters; ++i) registers[i] = std::max(registers[i], (*other.registers_)[i]);
    }
  } else {
    for (const auto hash : other.hashes_) add_hash(hash);
  }
  for (const auto& host : other.sample_) add_to_sample(host);
}

std::uint64_t NodeSet::count() const {
  if (registers_ == nullptr) return hashes_.size();
  // HyperLogLog (Flajolet et al. 2007) with its small-range correction:
  // while registers are still empty, linear counting is the better estimate.
  const double m = static_cast<double>(kRegisters);
  // 2^-rank for every rank a register can hold, exact in a double: a report
  // counts each finding's hosts, and std::ldexp per register was most of the
  // cost of a report of 10,000 hosts.
  static const auto inverse_powers = [] {
    std::array<double, kMaxRank + 1> powers{};
    for (std::size_t rank = 0; rank <= kMaxRank; ++rank) powers[rank] = std::ldexp(1.0, -static_cast<int>(rank));
    return powers;
  }();
  double sum = 0;
  std::size_t zeros = 0;
  for (const auto value : *registers_) {
    sum += inverse_powers[value];
    if (value == 0) ++zeros;
  }
  const double alpha = 0.7213 / (1.0 + 1.079 / m);
  double estimate = alpha * m * m / sum;
  if (estimate <= 2.5 * m && zeros > 0) estimate = m * std::log(m / static_cast<double>(zeros));
  // The sketch started beyond kExactLimit hosts: never claim fewer.
  return std::max<std::uint64_t>(kExactLimit + 1, static_cast<std::uint64_t>(std::llround(estimate)));
}

double NodeSet::relative_error() const {
  return registers_ == nullptr ? 0.0 : 1.04 / std::sqrt(static_cast<double>(kRegisters));
}

std::string NodeSet::state_text() const {
  std::string text;
  if (registers_ == nullptr) {
    static constexpr std::string_view kHex = "0123456789abcdef";
    text.reserve(2 + 16 * hashes_.size());
    text += "x:";
    for (const auto hash : hashes_) {
      for (int shift = 60; shift >= 0; shift -= 4) text += kHex[(hash >> shift) & 0xf];
    }
    return text;
  }
  text.reserve(2 + kRegisters);
  text += "h:";
  for (const auto value : *registers_) text += kRegisterDigits[value];
  return text;
}

std::optional<NodeSet> NodeSet::restore(std::string_view state, std::vector<Host> sample) {
  NodeSet set;
  if (state.starts_with("x:")) {
    state.remove_prefix(2);
    if (state.size() % 16 != 0 || state.size() / 16 > kExactLimit) return std::nullopt;
    for (std::size_t at = 0; at < state.size(); at += 16) {
      const auto hash = parse_hex64(state.substr(at, 16));
      if (!hash || (!set.hashes_.empty() && *hash <= set.hashes_.back())) return std::nullopt;
      set.hashes_.push_back(*hash);
    }
  } else if (state.starts_with("h:")) {
    state.remove_prefix(2);
    if (state.size() != kRegisters) return std::nullopt;
    set.registers_ = std::make_shared<Registers>();
    for (std::size_t i = 0; i < kRegisters; ++i) {
      const auto value = kRegisterDigits.find(state[i]);
      if (value == std::string_view::npos || value > kMaxRank) return std::nullopt;
      (*set.registers_)[i] = static_cast<std::uint8_t>(value);
    }
  } else {
    return std::nullopt;
  }
  if (sample.size() > kSampleLimit) return std::nullopt;
  for (std::size_t i = 0; i < sample.size(); ++i) {
    if (sample[i].name.empty() || (i > 0 && !(sample[i - 1].name < sample[i].name))) return std::nullopt;
    if (set.exact() && !std::binary_search(set.hashes_.begin(), set.hashes_.end(), name_hash(sample[i].name))) {
      return std::nullopt;
    }
  }
  if (set.exact() && sample.size() != std::min(set.hashes_.size(), kSampleLimit)) return std::nullopt;
  set.sample_ = std::move(sample);
  return set;
}

}  // namespace avcsift
