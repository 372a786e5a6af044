#include "avcsift/parse/event_reader.hpp"

#include <auparse.h>

#include <array>
#include <cstring>
#include <utility>
#include <vector>

#include "avcsift/parse/avc_parser.hpp"
#include "avcsift/parse/context_validation.hpp"
#include "avcsift/parse/context_records.hpp"
#include "avcsift/parse/selinux_err_parser.hpp"

namespace avcsift::parse {
namespace {

// Record type numbers (linux/audit.h); libaudit's header is not needed for a
// handful of constants.
constexpr int kUserAvc = 1107;
constexpr int kDaemonStart = 1200;
constexpr int kSyscall = 1300;
constexpr int kPath = 1302;
constexpr int kSockaddr = 1306;
constexpr int kCwd = 1307;
constexpr int kProctitle = 1327;
constexpr int kAvc = 1400;
constexpr int kSelinuxErr = 1401;
constexpr int kAvcPath = 1402;
constexpr int kMacPolicyLoad = 1403;

/// The records handed to libauparse, by the line number libauparse gives
/// them. libauparse is fed only each record's header (node, type, stamp):
/// that is all it needs to group records into events, and tokenizing the
/// bodies (which avcsift reads itself) was most of its cost. The bodies wait
/// here until their event is complete. libauparse holds an event open until
/// two seconds of log time have passed (auditd writes no EOE records), so a
/// busy log has thousands of records waiting: the window grows while its
/// oldest record is still waiting, up to kMaxSize; only a record pushed out
/// beyond that is reported, not guessed.
class RecordWindow {
 public:
  static constexpr std::size_t kInitialSize = 1 << 12;
  /// Bounds memory (bodies of at most this many records wait).
  static constexpr std::size_t kMaxSize = 1 << 18;

  /// Remembers the body and input line of the next record fed.
  void add(std::string_view body, std::uint64_t source_line) {
    if (slots_[fed_ % slots_.size()].waiting && slots_.size() < kMaxSize) grow();
    Slot& slot = slots_[fed_++ % slots_.size()];
    slot.body.assign(body);
    slot.line = source_line;
    slot.waiting = true;
  }
  /// The record libauparse numbers `fed_line`, or null when out of the window.
  [[nodiscard]] const std::pair<std::string_view, std::uint64_t>* find(std::uint64_t fed_line) {
    if (fed_line == 0 || fed_line > fed_ || fed_ - fed_line >= slots_.size()) return nullptr;
    Slot& slot = slots_[(fed_line - 1) % slots_.size()];
    slot.waiting = false;
    found_ = {slot.body, slot.line};
    return &found_;
  }

 private:
  struct Slot {
    std::string body;  // capacity is reused: no allocation per record
    std::uint64_t line = 0;
    bool waiting = false;  // fed, not yet delivered in an event
  };
  /// Doubles the window, keeping the records fed lines fed_-size+1 .. fed_.
  void grow() {
    std::vector<Slot> bigger(slots_.size() * 2);
    for (std::uint64_t line = fed_ - slots_.size() + 1; line <= fed_; ++line) {
      bigger[(line - 1) % bigger.size()] = std::move(slots_[(line - 1) % slots_.size()]);
    }
    slots_ = std::move(bigger);
  }

  std::vector<Slot> slots_{kInitialSize};
  std::uint64_t fed_ = 0;
  std::pair<std::string_view, std::uint64_t> found_;
};

/// Where the header of a normalized record ends: just after `msg=audit(...):`.
std::size_t header_end(std::string_view record) {
  const auto stamp = record.find("msg=audit(");
  if (stamp == std::string_view::npos) return record.size();
  const auto close = record.find("):", stamp);
  return close == std::string_view::npos ? record.size() : close + 2;
}

/// `auditd start, ver=2.8.5 format=raw ...`: auditd of audit 2.x and older
/// started, most likely at boot, where init loaded the policy before auditd
/// could log it (newer kernels hold the boot-time MAC_POLICY_LOAD record for
/// auditd, and audit 3's `op=start ver=3.0.9 ...` lacks the word). This is
/// audit2allow -l's test too: the word `auditd` on its own in the record.
bool is_old_auditd_start(std::string_view body) {
  std::size_t at = 0;
  while ((at = body.find("auditd", at)) != std::string_view::npos) {
    const bool starts = at == 0 || body[at - 1] == ' ';
    const std::size_t end = at + 6;
    const bool ends = end == body.size() || body[end] == ' ';
    if (starts && ends) return true;
    at = end;
  }
  return false;
}

bool is_access_error(const SyscallInfo& syscall) {
  return syscall.success == false &&
         (syscall.exit == "-13" || syscall.exit == "-1" || syscall.exit.starts_with("EACCES") ||
          syscall.exit.starts_with("EPERM"));
}

/// Fills in what the AVC record itself does not say from the rest of the event.
void enrich(Denial& denial, const AuditEvent& event, const std::string& avc_path) {
  if (event.syscall) {
    if (denial.comm.empty()) denial.comm = event.syscall->comm;
    if (denial.exe.empty()) denial.exe = event.syscall->exe;
  }
  if (denial.path.empty()) denial.path = avc_path;
  if (denial.path.empty()) {
    for (const auto& name : event.paths) {
      if (name.starts_with('/')) {
        denial.path = name;
        break;
      }
    }
  }
  if (denial.path.empty() && !event.paths.empty() && event.cwd.starts_with('/')) {
    denial.path = event.cwd + (event.cwd.ends_with('/') ? "" : "/") + event.paths.front();
  }
}

}  // namespace

/// One record of the event being delivered; the text belongs to libauparse
/// and stays valid during the callback.
struct RecordRef {
  int type;
  std::string_view header;  ///< `node=... type=... msg=audit(...):`, from libauparse.
  std::string_view body;    ///< the rest, from the RecordWindow.
  std::uint64_t line;
};

struct EventReader::Impl {
  std::string input;
  EventSink& sink;
  Diagnostics& diagnostics;
  ParseStats& stats;
  bool keep_record_text;
  auparse_state_t* au = nullptr;
  RecordWindow window;
  ContextMemo contexts;
  std::string feed_buffer;  // headers of one line's records
  bool reported_lost = false;
  std::vector<RecordRef> records;  // reused for every event

  Impl(std::string input_name, EventSink& s, Diagnostics& d, ParseStats& st, bool keep_text)
      : input(std::move(input_name)), sink(s), diagnostics(d), stats(st), keep_record_text(keep_text) {}

  void bad_record(const RecordRef& record, const std::string& problem) {
    ++stats.malformed_records;
    diagnostics.warn({input, record.line}, problem);
  }

  void handle_avc(const RecordRef& record, AuditEvent& event) {
    const auto origin = record.type == kAvc ? DecisionOrigin::Kernel : DecisionOrigin::Userspace;
    AvcParse parsed = parse_avc(record.body, origin, &contexts);
    switch (parsed.kind) {
      case AvcKind::Decision:
        if (keep_record_text) {
          parsed.denial.record.assign(record.header);
          parsed.denial.record += record.body;
        }
        parsed.denial.where = {input, record.line};
        (parsed.denial.granted ? stats.granted : stats.denials) += 1;
        event.denials.push_back(std::move(parsed.denial));
        return;
      case AvcKind::PolicyLoad:
        // An object manager heard of a load whose own MAC_POLICY_LOAD record
        // marks it; audit2allow -l does not start over here either.
        return;
      case AvcKind::OtherNotice:
        return;
      case AvcKind::Malformed:
        bad_record(record, parsed.problem);
        return;
    }
  }

  void handle_selinux_err(const RecordRef& record, AuditEvent& event) {
    SelinuxErrParse parsed = parse_selinux_err(record.body);
    switch (parsed.kind) {
      case SelinuxErrKind::InvalidContext:
        parsed.report.where = {input, record.line};
        event.invalid_contexts.push_back(std::move(parsed.report));
        return;
      case SelinuxErrKind::Other:
        return;
      case SelinuxErrKind::Malformed:
        bad_record(record, parsed.problem);
        return;
    }
  }

  /// Reads the SELinux records of the event: denials, reports, policy loads.
  void read_selinux_records(AuditEvent& event) {
    for (const RecordRef& record : records) {
      switch (record.type) {
        case kAvc:
        case kUserAvc: handle_avc(record, event); break;
        case kSelinuxErr: handle_selinux_err(record, event); break;
        case kMacPolicyLoad: event.policy_load = true; break;
        case kDaemonStart:
          if (is_old_auditd_start(record.body)) event.policy_load = true;
          break;
        default: break;
      }
    }
  }

  /// Reads the records that say who did what where. Most events of a log
  /// are not about SELinux, so this runs only for those that are, and for
  /// syscalls that failed with EACCES/EPERM (all a dontaudit-hidden denial
  /// leaves behind). Returns whether the event is such a failure.
  bool read_context_records(AuditEvent& event, bool relevant, std::string& avc_path) {
    for (const RecordRef& record : records) {
      if (record.type == kSyscall &&
          (relevant || record.body.find(" success=no ") != std::string_view::npos)) {
        read_syscall(record.body, event);
      }
    }
    const bool hidden_failure = event.syscall && is_access_error(*event.syscall);
    if (!relevant && !hidden_failure) return false;
    for (const RecordRef& record : records) {
      switch (record.type) {
        case kPath: read_path(record.body, event); break;
        case kCwd: read_cwd(record.body, event); break;
        case kProctitle: read_proctitle(record.body, event); break;
        case kSockaddr: read_sockaddr(record.body, event); break;
        case kAvcPath: avc_path = read_avc_path(record.body); break;
        default: break;
      }
    }
    return hidden_failure;
  }

  void on_event() {
    ++stats.events;
    records.clear();
    if (auparse_first_record(au) <= 0) return;
    do {
      const char* header = auparse_get_record_text(au);
      const auto* fed = window.find(auparse_get_line_number(au));
      if (header == nullptr) continue;
      if (fed == nullptr) {
        if (!std::exchange(reported_lost, true)) {
          diagnostics.warn({input, 0}, "an event stayed open too long; its records were dropped");
        }
        continue;
      }
      records.push_back({auparse_get_type(au), header, fed->first, fed->second});
    } while (auparse_next_record(au) > 0);
    if (records.empty()) return;

    AuditEvent event;
    if (const au_event_t* stamp = auparse_get_timestamp(au)) {
      event.stamp = {static_cast<std::int64_t>(stamp->sec), stamp->milli, stamp->serial};
      if (stamp->host != nullptr) event.node = stamp->host;
    }
    event.where = {input, records.front().line};
    read_selinux_records(event);
    const bool relevant =
        !event.denials.empty() || !event.invalid_contexts.empty() || event.policy_load;
    std::string avc_path;
    const bool hidden_failure = read_context_records(event, relevant, avc_path);

    for (Denial& denial : event.denials) {
      denial.stamp = event.stamp;
      denial.node = event.node;
      enrich(denial, event, avc_path);
    }
    if (event.policy_load) ++stats.policy_loads;
    if (!relevant && !hidden_failure) return;
    sink.on_event(std::move(event));
  }

  static void callback(auparse_state_t*, auparse_cb_event_t type, void* self) {
    if (type != AUPARSE_CB_EVENT_READY) return;
    static_cast<Impl*>(self)->on_event();
  }
};

EventReader::EventReader(std::string input, EventSink& sink, Diagnostics& diagnostics,
                         ParseStats& stats, bool keep_record_text)
    : impl_(std::make_unique<Impl>(std::move(input), sink, diagnostics, stats, keep_record_text)) {
  impl_->au = auparse_init(AUSOURCE_FEED, nullptr);
  if (impl_->au == nullptr) throw std::bad_alloc();
  auparse_add_callback(impl_->au, &Impl::callback, impl_.get(), nullptr);
}

EventReader::~EventReader() {
  if (impl_ && impl_->au != nullptr) auparse_destroy(impl_->au);
}

void EventReader::feed(std::string_view records, std::size_t record_count, std::uint64_t line) {
  // Headers to libauparse, bodies to the window (see RecordWindow).
  std::string& headers = impl_->feed_buffer;
  headers.clear();
  while (!records.empty()) {
    const auto newline = records.find('\n');
    const std::string_view record = records.substr(0, newline);
    records.remove_prefix(newline == std::string_view::npos ? records.size() : newline + 1);
    const std::size_t split = header_end(record);
    headers.append(record.substr(0, split));
    headers += '\n';
    impl_->window.add(record.substr(split), line);
  }
  impl_->stats.records += record_count;
  auparse_feed(impl_->au, headers.data(), headers.size());
}

void EventReader::age() { auparse_feed_age_events(impl_->au); }

void EventReader::finish() { auparse_flush_feed(impl_->au); }

}  // namespace avcsift::parse
